import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from './index.ts';
import { aTransfer } from './testing/transfers.ts';
import { FINISHED_ROWS_KEY } from './finishedRows.ts';
import { FINISHED_ROWS_WRITE_MS, persistFinishedRows, type PageEvents } from './persistFinishedRows.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  const writes: string[] = [];
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      writes.push(v);
      map.set(k, v);
    },
    removeItem: (k: string) => void map.delete(k),
    map,
    writes,
  };
}

const error = { code: 'FTP_ERR_NOT_FOUND', message: '550 No such file.', ftpCode: 550 };
const namesIn = (storage: { map: Map<string, string> }): string[] =>
  ((JSON.parse(storage.map.get(FINISHED_ROWS_KEY) ?? '{"rows":[]}') as { rows: Array<{ name: string }> }).rows).map((r) => r.name);

/** One page of a tab: its store, its keeping of finished rows, and its `pagehide`. */
function openPage(storage: ReturnType<typeof memoryStorage>) {
  const page = new EventTarget() as unknown as PageEvents & EventTarget;
  const store = createAppStore();
  const keeper = persistFinishedRows(store, storage, { page });
  const s = () => store.getState();
  return { store, s, keeper, leave: () => page.dispatchEvent(new Event('pagehide')) };
}

describe('persistFinishedRows', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a reload shows the finished rows again, ahead of new ones, and announces none of them', () => {
    const storage = memoryStorage();
    const before = openPage(storage);
    before.s().addTransfers([aTransfer('up-1', { name: 'a.txt' }), aTransfer('up-2', { name: 'b.txt' }), aTransfer('up-3', { name: 'c.txt' })]);
    before.s().patchTransfers({ 'up-1': { status: 'done' }, 'up-2': { status: 'failed', error, canRetry: true }, 'up-3': { status: 'sending' } });
    before.leave();
    before.keeper.stop();

    const after = openPage(storage);
    // A row the server brings back comes after them (the socket starts after the rows are back).
    after.s().addTransfers([aTransfer('download-1', { direction: 'download', name: 'live.iso', status: 'sending' })]);
    const rows = after.s().transferOrder.map((k) => after.s().transfers[k]);
    // c.txt was running: the server reports it as interrupted, so it is not kept as finished.
    expect(rows.map((t) => [t?.name, t?.status])).toEqual([
      ['a.txt', 'done'],
      ['b.txt', 'failed'],
      ['live.iso', 'sending'],
    ]);
    expect(rows[1]).toMatchObject({ error, restored: true, transferId: null });
    // The failed upload's file stayed with the old page: no Retry.
    expect(rows[1]?.canRetry).toBeUndefined();
    // No ending: the announcer (which reads transferEndings) has nothing to say.
    expect(after.s().transferEndings).toEqual([]);
    after.keeper.stop();
  });

  it('writes at most once a second while rows finish, and not at all while only progress changes', () => {
    const storage = memoryStorage();
    const { s, keeper } = openPage(storage);
    s().addTransfers(Array.from({ length: 30 }, (_, i) => aTransfer(`up-${i}`, { name: `f${i}` })));
    // Three seconds of endings, one every 100 ms: the first written at once, then one write a second.
    for (let i = 0; i < 30; i += 1) {
      s().patchTransfers({ [`up-${i}`]: { status: 'done' } });
      vi.advanceTimersByTime(100);
    }
    expect(storage.writes.map((w) => (JSON.parse(w) as { rows: unknown[] }).rows.length)).toEqual([1, 10, 20, 30]);
    // A running row's progress changes no finished row: nothing is written.
    s().addTransfers([aTransfer('up-x', { name: 'moving.bin', status: 'sending' })]);
    for (let i = 0; i < 20; i += 1) {
      s().patchTransfers({ 'up-x': { sent: i } });
      vi.advanceTimersByTime(100);
    }
    expect(storage.writes).toHaveLength(4);
    keeper.stop();
  });

  it('looks at the rows at most once a second while only progress changes (each look walks every row: Review 45)', () => {
    const storage = memoryStorage();
    const store = createAppStore();
    let looks = 0;
    const counted = { ...store, getState: () => (looks++, store.getState()) };
    const keeper = persistFinishedRows(counted, storage, { page: null });
    store.getState().addTransfers([aTransfer('up-x', { name: 'moving.bin', status: 'sending' })]);
    vi.advanceTimersByTime(1000);
    looks = 0;
    // Ten progress ticks a second for five seconds.
    for (let i = 0; i < 50; i += 1) {
      store.getState().patchTransfers({ 'up-x': { sent: i } });
      vi.advanceTimersByTime(100);
    }
    expect(looks).toBeLessThanOrEqual(6);
    expect(storage.writes).toHaveLength(0);
    keeper.stop();
  });

  it('writes at pagehide what ended since the last write, without waiting for the pace', () => {
    const storage = memoryStorage();
    const { s, keeper, leave } = openPage(storage);
    s().addTransfers([aTransfer('up-1', { name: 'a.txt', status: 'done' }), aTransfer('up-2', { name: 'b.txt', status: 'sending' })]);
    vi.advanceTimersByTime(0);
    expect(namesIn(storage)).toEqual(['a.txt']);
    vi.advanceTimersByTime(100);
    // Ends 100 ms after a write; the page goes before the next one is due.
    s().patchTransfers({ 'up-2': { status: 'failed', error } });
    leave();
    expect(namesIn(storage)).toEqual(['a.txt', 'b.txt']);
    vi.advanceTimersByTime(FINISHED_ROWS_WRITE_MS * 2);
    expect(storage.writes).toHaveLength(2);
    keeper.stop();
  });

  it('Clear finished empties storage at once, and a later reload shows nothing', () => {
    const storage = memoryStorage();
    const first = openPage(storage);
    first.s().addTransfers([aTransfer('up-1', { status: 'done' }), aTransfer('up-2', { status: 'failed', error })]);
    // An ending and then, within the second, the clear: the clear is not held back by the pace.
    vi.advanceTimersByTime(0);
    first.s().addTransfers([aTransfer('up-3', { status: 'queued' })]);
    first.s().patchTransfers({ 'up-3': { status: 'done' } });
    first.s().clearFinishedTransfers();
    vi.advanceTimersByTime(0);
    expect(storage.map.has(FINISHED_ROWS_KEY)).toBe(false);
    first.keeper.stop();
    const second = openPage(storage);
    expect(second.s().transferOrder).toEqual([]);
    second.keeper.stop();
  });

  it('rows a reload put back are kept again for the next reload, and cleared with the others', () => {
    const storage = memoryStorage();
    const one = openPage(storage);
    one.s().addTransfers([aTransfer('up-1', { name: 'old.txt', status: 'done' })]);
    one.leave();
    one.keeper.stop();
    const two = openPage(storage);
    two.s().addTransfers([aTransfer('up-1', { name: 'new.txt', status: 'done' })]);
    two.leave();
    two.keeper.stop();
    const three = openPage(storage);
    expect(three.s().transferOrder.map((k) => three.s().transfers[k]?.name)).toEqual(['old.txt', 'new.txt']);
    three.s().clearFinishedTransfers();
    vi.advanceTimersByTime(0);
    expect(storage.map.has(FINISHED_ROWS_KEY)).toBe(false);
    three.keeper.stop();
  });

  it('a full storage does not break the page, and an unreadable one restores nothing', () => {
    const storage = memoryStorage({ [FINISHED_ROWS_KEY]: '{"v":1,"rows":[{"name":' });
    const { s, keeper, leave } = openPage(storage);
    expect(s().transferOrder).toEqual([]);
    storage.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    s().addTransfers([aTransfer('up-1', { status: 'done' })]);
    expect(() => vi.advanceTimersByTime(FINISHED_ROWS_WRITE_MS)).not.toThrow();
    expect(() => leave()).not.toThrow();
    expect(storage.map.has(FINISHED_ROWS_KEY)).toBe(false);
    expect(s().transfers['up-1']?.status).toBe('done');
    keeper.stop();
  });

  it('forget() (a closed site tab) stops writing and removes the rows', () => {
    const storage = memoryStorage();
    const { s, keeper } = openPage(storage);
    s().addTransfers([aTransfer('up-1', { status: 'done' })]);
    vi.advanceTimersByTime(0);
    expect(storage.map.has(FINISHED_ROWS_KEY)).toBe(true);
    keeper.forget();
    s().addTransfers([aTransfer('up-2', { status: 'done' })]);
    vi.advanceTimersByTime(FINISHED_ROWS_WRITE_MS * 2);
    expect(storage.map.has(FINISHED_ROWS_KEY)).toBe(false);
  });
});
