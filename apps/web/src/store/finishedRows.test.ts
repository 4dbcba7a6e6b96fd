import { describe, expect, it } from 'vitest';
import { createAppStore } from './index.ts';
import { aTransfer } from './testing/transfers.ts';
import { WANT_CHARS_KEPT } from './finishedRowShape.ts';
import {
  FINISHED_ROWS_BUDGET,
  FINISHED_ROWS_KEPT,
  FINISHED_ROWS_KEY,
  keptRows,
  loadFinishedRows,
  saveFinishedRows,
  type RowStorage,
} from './finishedRows.ts';
import type { Transfer } from './transfersSlice.ts';

/** A sessionStorage stand-in; `refuse` makes setItem throw as a full storage does. */
function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  const storage = {
    refuse: false,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (storage.refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
    map,
  };
  return storage;
}

const error = { code: 'FTP_ERR_PERMISSION', message: '553 Could not create file.', ftpCode: 553 };
const want = { paths: ['/pub/gone.bin'], transferType: 'binary' as const, name: 'gone.bin' };

/** The rows of a store holding `rows`, as a reload would keep them. */
function finished(rows: Transfer[]): Transfer[] {
  const store = createAppStore();
  store.getState().addTransfers(rows);
  return keptRows(store.getState());
}

const stored = (storage: { map: Map<string, string> }): unknown => JSON.parse(storage.map.get(FINISHED_ROWS_KEY) ?? 'null');

describe('finished rows in storage', () => {
  it('come back as they were, in their order, and only the finished ones', () => {
    const storage = memoryStorage();
    const rows = finished([
      aTransfer('up-1', { name: 'a.txt', status: 'done', size: 5, sent: 5, received: 5, written: 5, verified: true, verifiedBy: 'size', finishedAt: 10 }),
      aTransfer('up-2', { name: 'running.bin', status: 'sending', sent: 3, rate: 99 }),
      aTransfer('up-3', { name: 'b.txt', status: 'failed', error, canRetry: true, written: 2, attempt: 3, finishedAt: 20 }),
      aTransfer('download-1', { direction: 'download', name: 'gone.bin', path: '/pub/gone.bin', site: 'u@ftp.example.com', status: 'failed', error, want, transferId: 4, finishedAt: 30 }),
      aTransfer('download-2', { direction: 'download', name: 'docs.zip', path: '/docs', status: 'cancelled', zip: true, sizeUnknown: true, stoppedByPage: true, written: 70, finishedAt: 40 }),
    ]);
    expect(rows.map((t) => t.name)).toEqual(['a.txt', 'b.txt', 'gone.bin', 'docs.zip']);
    expect(saveFinishedRows(storage, rows)).toBe(true);

    const back = loadFinishedRows(storage);
    expect(back.map((t) => [t.name, t.status])).toEqual([
      ['a.txt', 'done'],
      ['b.txt', 'failed'],
      ['gone.bin', 'failed'],
      ['docs.zip', 'cancelled'],
    ]);
    expect(back[0]).toMatchObject({ direction: 'upload', path: '/in/a.txt', size: 5, written: 5, verified: true, verifiedBy: 'size', finishedAt: 10 });
    expect(back[1]).toMatchObject({ error, written: 2, attempt: 3 });
    // The site it was with: its Retry goes only there (store/selectors.ts fromOtherSite).
    expect(back[2]).toMatchObject({ site: 'u@ftp.example.com', canRetry: true });
    expect(back[3]).toMatchObject({ direction: 'download', zip: true, sizeUnknown: true, stoppedByPage: true, written: 70 });
  });

  it('come back under keys of their own, bound to no server id, never colliding with new rows or each other', () => {
    const storage = memoryStorage();
    saveFinishedRows(storage, finished([aTransfer('up-1', { status: 'done' }), aTransfer('download-1', { direction: 'download', status: 'done', transferId: 1 })]));
    const first = loadFinishedRows(storage);
    const second = loadFinishedRows(storage);
    const keys = [...first, ...second].map((t) => t.key);
    for (const key of keys) expect(key).toMatch(/^restored-\d+$/);
    expect(new Set(keys).size).toBe(4);
    for (const t of [...first, ...second]) expect(t).toMatchObject({ transferId: null, rate: 0, restored: true });
  });

  it('offer Retry on a failed download that kept what it asked for, never on an upload, whose file is gone', () => {
    const storage = memoryStorage();
    saveFinishedRows(
      storage,
      finished([
        aTransfer('up-1', { status: 'failed', error, canRetry: true }),
        aTransfer('download-1', { direction: 'download', status: 'failed', error, want, canRetry: true }),
        aTransfer('download-2', { direction: 'download', status: 'failed', error }),
        aTransfer('download-3', { direction: 'download', status: 'done', want }),
      ]),
    );
    const [upload, download, unknown, done] = loadFinishedRows(storage);
    expect(upload?.canRetry).toBeUndefined();
    expect(download).toMatchObject({ canRetry: true, want });
    expect(unknown?.canRetry).toBeUndefined();
    // A done row is never retried: what it asked for is not kept.
    expect(done?.want).toBeUndefined();
  });

  it('keep nothing secret or unshown: no certificate facts, no rate, no server ids, no pending question', () => {
    const storage = memoryStorage();
    const certificate = { subject: 'CN=x', issuer: 'CN=x', validFrom: 'a', validTo: 'b', fingerprint256: 'AA:BB', reason: 'self-signed' };
    saveFinishedRows(storage, finished([aTransfer('up-1', { status: 'failed', error: { ...error, certificate }, transferId: 7, rate: 5, asking: false })]));
    const text = storage.map.get(FINISHED_ROWS_KEY) ?? '';
    expect(text).not.toContain('certificate');
    expect(text).not.toContain('fingerprint');
    expect(text).not.toContain('transferId');
    expect(text).not.toContain('"rate"');
    expect(text).not.toContain('asking');
    expect(loadFinishedRows(storage)[0]?.error).toEqual(error);
  });

  it(`keep the newest ${FINISHED_ROWS_KEPT} to finish, in panel order`, () => {
    const storage = memoryStorage();
    const many = Array.from({ length: FINISHED_ROWS_KEPT + 20 }, (_, i) => aTransfer(`up-${i}`, { name: `f${i}`, status: 'done', finishedAt: 1000 + i }));
    // The first row queued finished last: it is among the newest.
    (many[0] as Transfer).finishedAt = 99_999;
    const rows = finished(many);
    expect(rows).toHaveLength(FINISHED_ROWS_KEPT);
    saveFinishedRows(storage, rows);
    const back = loadFinishedRows(storage);
    expect(back).toHaveLength(FINISHED_ROWS_KEPT);
    expect(back[0]?.name).toBe('f0');
    expect(back[1]?.name).toBe('f21');
    expect(back.at(-1)?.name).toBe(`f${FINISHED_ROWS_KEPT + 19}`);
    // Storage edited to hold more than a page writes: still no more than the cap.
    const edited = { v: 1, rows: Array.from({ length: FINISHED_ROWS_KEPT + 5 }, () => (stored(storage) as { rows: unknown[] }).rows[0]) };
    expect(loadFinishedRows(memoryStorage({ [FINISHED_ROWS_KEY]: JSON.stringify(edited) }))).toHaveLength(FINISHED_ROWS_KEPT);
  });

  it('keep every failed row first when not all fit: the failures of a big drop are what a reload must show (Review 45)', () => {
    // 2000 rows, of which the 10 that failed finished first.
    const many = Array.from({ length: 2000 }, (_, i) =>
      aTransfer(`up-${i}`, { name: `f${i}`, status: i < 10 ? ('failed' as const) : ('done' as const), finishedAt: 1000 + i }),
    );
    const rows = finished(many);
    expect(rows).toHaveLength(FINISHED_ROWS_KEPT);
    expect(rows.filter((t) => t.status === 'failed').map((t) => t.name)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9']);
    // Then the newest of the rest, in panel order.
    expect(rows[10]?.name).toBe(`f${2000 - (FINISHED_ROWS_KEPT - 10)}`);
    expect(rows.at(-1)?.name).toBe('f1999');
  });

  it('stay within their character budget, leaving out the oldest; a huge download request is kept without its paths', () => {
    const storage = memoryStorage();
    const long = `/${'x'.repeat(4000)}`;
    const rows = finished(Array.from({ length: FINISHED_ROWS_KEPT }, (_, i) => aTransfer(`up-${i}`, { name: `f${i}`, path: long, status: 'done', finishedAt: i })));
    saveFinishedRows(storage, rows);
    expect(storage.map.get(FINISHED_ROWS_KEY)?.length).toBeLessThanOrEqual(FINISHED_ROWS_BUDGET);
    const back = loadFinishedRows(storage);
    expect(back.length).toBeGreaterThan(100);
    expect(back.length).toBeLessThan(FINISHED_ROWS_KEPT);
    expect(back.at(-1)?.name).toBe(`f${FINISHED_ROWS_KEPT - 1}`);

    const zip = { paths: Array.from({ length: 2000 }, (_, i) => `/photos/${i}.jpg`), transferType: 'binary' as const };
    expect(zip.paths.join('').length).toBeGreaterThan(WANT_CHARS_KEPT);
    saveFinishedRows(storage, finished([aTransfer('download-1', { direction: 'download', status: 'failed', error, want: zip })]));
    const [row] = loadFinishedRows(storage);
    expect(row).toMatchObject({ status: 'failed', error });
    expect(row?.want).toBeUndefined();
    expect(row?.canRetry).toBeUndefined();
  });

  it('ignore what cannot be read: not JSON, another shape or version, rows of an old shape; keep the good rows', () => {
    const good = (stored((() => {
      const s = memoryStorage();
      saveFinishedRows(s, finished([aTransfer('up-1', { name: 'good.txt', status: 'done' })]));
      return s;
    })()) as { rows: unknown[] }).rows[0] as Record<string, unknown>;
    const load = (text: string) => loadFinishedRows(memoryStorage({ [FINISHED_ROWS_KEY]: text }));
    expect(load('{"v":1,"rows":[')).toEqual([]);
    expect(load('null')).toEqual([]);
    expect(load('[]')).toEqual([]);
    expect(load(JSON.stringify([good]))).toEqual([]);
    expect(load(JSON.stringify({ v: 0, rows: [good] }))).toEqual([]);
    expect(load(JSON.stringify({ v: 1, rows: 'x' }))).toEqual([]);
    const bad = [
      null,
      'row',
      { ...good, status: 'sending' },
      { ...good, direction: 'sideways' },
      { ...good, size: '10' },
      { ...good, written: -1 },
      { ...good, name: undefined },
      { ...good, error: { code: 5 } },
      { ...good, timeKept: 'yes' },
      { ...good, zip: 'yes' },
      { ...good, finishedAt: Number.NaN },
      { ...good, want: { paths: ['relative\nline'], transferType: 'binary' } },
      { ...good, want: { paths: [], transferType: 'binary' } },
      // An older build's row: keyed and statused in another way.
      { key: 'up-1', file: 'good.txt', state: 'ok' },
    ];
    const back = load(JSON.stringify({ v: 1, rows: [...bad, good] }));
    expect(back.map((t) => t.name)).toEqual(['good.txt']);
  });

  it('tolerate storage that refuses: a full one loses the list rather than keep an old one; a disabled one reads as empty', () => {
    const storage = memoryStorage();
    saveFinishedRows(storage, finished([aTransfer('up-1', { status: 'done' })]));
    storage.refuse = true;
    expect(saveFinishedRows(storage, finished([aTransfer('up-1', { status: 'done' }), aTransfer('up-2', { status: 'failed', error })]))).toBe(false);
    // The old list would show a panel that never was: it is gone instead.
    expect(storage.map.has(FINISHED_ROWS_KEY)).toBe(false);

    const disabled: RowStorage = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(loadFinishedRows(disabled)).toEqual([]);
    expect(saveFinishedRows(disabled, finished([aTransfer('up-1', { status: 'done' })]))).toBe(false);
  });

  it('are removed from storage when none is left (Clear finished)', () => {
    const storage = memoryStorage();
    const store = createAppStore();
    store.getState().addTransfers([aTransfer('up-1', { status: 'done' }), aTransfer('up-2', { status: 'queued' })]);
    saveFinishedRows(storage, keptRows(store.getState()));
    expect(storage.map.has(FINISHED_ROWS_KEY)).toBe(true);
    store.getState().clearFinishedTransfers();
    saveFinishedRows(storage, keptRows(store.getState()));
    expect(storage.map.has(FINISHED_ROWS_KEY)).toBe(false);
    expect(loadFinishedRows(storage)).toEqual([]);
  });
});
