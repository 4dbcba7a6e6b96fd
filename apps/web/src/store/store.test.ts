import { describe, expect, it } from 'vitest';
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { createAppStore } from './index.ts';
import { selectSelectedEntries, selectVisibleEntries } from './selectors.ts';
import type { Transfer } from './transfersSlice.ts';
import { aTransfer } from './testing/transfers.ts';

const line = (seq: number, text: string): WireTranscriptLine => ({
  seq,
  time: 1_700_000_000_000 + seq,
  connection: 'browse',
  kind: 'command',
  text,
});

const transfer = (key: string, status: Transfer['status'] = 'queued'): Transfer => aTransfer(key, { name: key, path: `/${key}`, status });

describe('sessionSlice', () => {
  it('tracks back and forward history', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().navigated('/', 'new');
    s().navigated('/pub', 'new');
    s().navigated('/pub/a', 'new');
    expect(s().history.back).toEqual(['/', '/pub']);
    s().navigated('/pub', 'back');
    expect(s().cwd).toBe('/pub');
    expect(s().history).toEqual({ back: ['/'], forward: ['/pub/a'] });
    s().navigated('/pub/a', 'forward');
    expect(s().history).toEqual({ back: ['/', '/pub'], forward: [] });
    s().navigated('/pub', 'back');
    s().navigated('/other', 'new');
    expect(s().history.forward).toEqual([]);
  });

  it('applies welcome and pushed states', () => {
    const store = createAppStore();
    store.getState().applyWelcome('tok', { status: 'connected', host: 'h', cwd: '/' });
    expect(store.getState().sessionToken).toBe('tok');
    store.getState().applyServerState({ status: 'disconnected' });
    expect(store.getState().server.status).toBe('disconnected');
  });
});

describe('sessionSlice, a session the server ended', () => {
  it("keeps saying why across the fresh session the page's reconnect gets, until a new connect", () => {
    const store = createAppStore();
    const ended = { code: 'SRV_ERR_SESSION_ENDED', message: 'ended after a while without activity' };
    store.getState().applyWelcome('old', { status: 'connected', host: 'h', cwd: '/' });
    store.getState().applyServerState({ status: 'disconnected', error: ended });
    // The socket closed (4005); the reconnect half a second later gets a new, disconnected session.
    store.getState().applyWelcome('new', { status: 'disconnected' });
    expect(store.getState().server).toEqual({ status: 'disconnected', error: ended });
    // Connecting again moves on.
    store.getState().applyServerState({ status: 'connecting', host: 'h' });
    expect(store.getState().server.error).toBeUndefined();
    // A session that rejoins connected is not given an old error either.
    store.getState().applyServerState({ status: 'disconnected', error: ended });
    store.getState().applyWelcome('again', { status: 'connected', host: 'h', cwd: '/' });
    expect(store.getState().server.error).toBeUndefined();
  });
});

describe('browserSlice', () => {
  it('drops stale listings', () => {
    const store = createAppStore();
    const first = store.getState().beginList();
    const second = store.getState().beginList();
    store.getState().listLoaded(second, '/new', [{ name: 'n', type: 'file' }]);
    store.getState().listLoaded(first, '/old', [{ name: 'o', type: 'file' }]);
    expect(store.getState().listing?.path).toBe('/new');
    expect(store.getState().listLoading).toBe(false);
    store.getState().listFailed(first, { code: 'X', message: 'late' });
    expect(store.getState().listError).toBeNull();
  });

  it('toggles sort direction on the same column', () => {
    const store = createAppStore();
    store.getState().toggleSort('name');
    expect(store.getState().sort).toEqual({ key: 'name', dir: 'desc' });
    store.getState().toggleSort('size');
    expect(store.getState().sort).toEqual({ key: 'size', dir: 'asc' });
  });

  it('keeps surviving selection on refresh, clears it on a new folder', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().listLoaded(s().beginList(), '/', [
      { name: 'a', type: 'file' },
      { name: 'b', type: 'file' },
    ]);
    s().selectAll(['a', 'b']);
    s().listLoaded(s().beginList(), '/', [{ name: 'a', type: 'file' }]);
    expect([...s().selected]).toEqual(['a']);
    s().listLoaded(s().beginList(), '/sub', [{ name: 'a', type: 'file' }]);
    expect(s().selected.size).toBe(0);
  });

  it('keeps the objects of unchanged entries on refresh (so their rows skip rendering), never across folders', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().listLoaded(s().beginList(), '/', [
      { name: 'a', type: 'file', size: 1 },
      { name: 'b', type: 'file', size: 2 },
    ]);
    const [a, b] = s().listing!.entries;
    const visible = selectVisibleEntries(s());
    // The same listing again: the same array, so derived rows stay memoised too.
    s().listLoaded(s().beginList(), '/', [
      { name: 'a', type: 'file', size: 1 },
      { name: 'b', type: 'file', size: 2 },
    ]);
    expect(selectVisibleEntries(s())).toBe(visible);
    s().listLoaded(s().beginList(), '/', [
      { name: 'a', type: 'file', size: 1 },
      { name: 'b', type: 'file', size: 3 },
      { name: 'c', type: 'file', size: 4 },
    ]);
    const after = s().listing!.entries;
    expect(after[0]).toBe(a);
    expect(after[1]).not.toBe(b);
    expect(after[1]!.size).toBe(3);
    s().listLoaded(s().beginList(), '/sub', [{ name: 'a', type: 'file', size: 1 }]);
    expect(s().listing!.entries[0]).not.toBe(a);
  });

  it('derives visible entries, memoised', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().listLoaded(s().beginList(), '/', [
      { name: 'z.txt', type: 'file' },
      { name: 'dir', type: 'dir' },
      { name: '.env', type: 'file' },
    ]);
    const rows = selectVisibleEntries(s());
    expect(rows.map((e) => e.name)).toEqual(['dir', '.env', 'z.txt']);
    expect(selectVisibleEntries(s())).toBe(rows);
    s().setShowHidden(false);
    expect(selectVisibleEntries(s()).map((e) => e.name)).toEqual(['dir', 'z.txt']);
    s().select('z.txt', 'only', ['dir', 'z.txt']);
    expect(selectSelectedEntries(s()).map((e) => e.name)).toEqual(['z.txt']);
  });

  it('keeps one memo per store, so site tabs read in turn still get stable rows', () => {
    // Every open tab's app is mounted; a shared memo slot would hand React a new array on each read.
    const a = createAppStore();
    const b = createAppStore();
    a.getState().listLoaded(a.getState().beginList(), '/', [{ name: 'a.txt', type: 'file' }]);
    b.getState().listLoaded(b.getState().beginList(), '/', [{ name: 'b.txt', type: 'file' }]);
    const rowsA = selectVisibleEntries(a.getState());
    const rowsB = selectVisibleEntries(b.getState());
    expect(rowsA.map((e) => e.name)).toEqual(['a.txt']);
    expect(rowsB.map((e) => e.name)).toEqual(['b.txt']);
    expect(selectVisibleEntries(a.getState())).toBe(rowsA);
    expect(selectVisibleEntries(b.getState())).toBe(rowsB);
  });
});

describe('selectionSlice', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];

  it('supports click, ctrl-click and shift-click', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().select('b', 'only', order);
    s().select('d', 'range', order);
    expect([...s().selected]).toEqual(['b', 'c', 'd']);
    s().select('a', 'toggle', order);
    expect(s().selected.has('a')).toBe(true);
    s().select('a', 'toggle', order);
    expect(s().selected.has('a')).toBe(false);
    expect(s().focused).toBe('a');
  });

  it('ranges backwards from the anchor', () => {
    const store = createAppStore();
    store.getState().select('d', 'only', order);
    store.getState().select('b', 'range', order);
    expect([...store.getState().selected].sort()).toEqual(['b', 'c', 'd']);
  });
});

describe('transcriptSlice', () => {
  it('appends batches, caps the length and bumps the version', () => {
    const store = createAppStore({ transcriptCapacity: 3 });
    const s = () => store.getState();
    s().appendTranscript([line(1, 'USER demo'), line(2, '331 Please specify the password.')]);
    expect(s().transcriptVersion).toBe(1);
    s().appendTranscript([line(3, 'PASS ****'), line(4, '230 Login successful.')]);
    expect(s().transcript.length).toBe(3);
    expect(s().transcript.slice().map((l) => l.text)).toEqual([
      '331 Please specify the password.',
      'PASS ****',
      '230 Login successful.',
    ]);
    s().appendTranscript([]);
    expect(s().transcriptVersion).toBe(2);
    s().clearTranscript();
    expect(s().transcript.length).toBe(0);
  });
});

describe('transfersSlice', () => {
  it('adds, patches in batches and clears finished', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().addTransfers([transfer('a'), transfer('b')]);
    const before = s().transfers;
    s().patchTransfers({ a: { status: 'done', sent: 10 }, ghost: { sent: 1 } });
    expect(s().transfers.a?.status).toBe('done');
    expect(s().transfers).not.toBe(before);
    const unchanged = s().transfers;
    s().patchTransfers({ ghost: { sent: 2 } });
    expect(s().transfers).toBe(unchanged);
    s().clearFinishedTransfers();
    expect(s().transferOrder).toEqual(['b']);
  });

  it('records each transfer\'s ending once, in order, for readers that must not scan every row', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().addTransfers([transfer('a'), transfer('b'), transfer('c')]);
    s().patchTransfers({ a: { status: 'sending' } });
    expect(s().transferEndings).toEqual([]);
    s().patchTransfers({ a: { status: 'done' }, b: { status: 'failed' } });
    // A later patch of a finished row (its final bytes) is no second ending.
    s().patchTransfers({ a: { written: 10 }, c: { status: 'skipped' } });
    expect(s().transferEndings.map((e) => [e.seq, e.name, e.status])).toEqual([
      [1, 'a', 'done'],
      [2, 'b', 'failed'],
      [3, 'c', 'skipped'],
    ]);
  });
});

describe('uiSlice', () => {
  it('caps toasts and closes the menu when a dialog opens', () => {
    const store = createAppStore();
    const s = () => store.getState();
    for (let i = 0; i < 8; i += 1) s().pushToast({ kind: 'info', title: `t${i}` });
    expect(s().toasts.map((t) => t.title)).toEqual(['t3', 't4', 't5', 't6', 't7']);
    s().openContextMenu(1, 2);
    s().openDialog({ kind: 'mkdir' });
    expect(s().contextMenu).toBeNull();
    expect(s().dialog?.kind).toBe('mkdir');
  });
});

describe('writes that change nothing', () => {
  it('notify no subscriber', () => {
    const store = createAppStore();
    const s = () => store.getState();
    const id = s().recordAction('act.upload', { name: 'a' });
    s().setActionConnection(id, 'transfer-1');
    s().deleteStarted({ id: 1, name: 'dir', count: 5 });
    let writes = 0;
    const unsubscribe = store.subscribe(() => {
      writes += 1;
    });
    // Every transfer event names its connection again; only the first is news.
    s().setActionConnection(id, 'transfer-1');
    s().setActionConnection('a-gone', 'transfer-1');
    s().patchTransfers({ 'no-such-transfer': { sent: 1 } });
    s().deleteProgressed(2, 5);
    s().deleteProgressed(1, 0);
    s().deleteEnded(2);
    expect(writes).toBe(0);
    s().setActionConnection(id, 'transfer-2');
    expect(writes).toBe(1);
    unsubscribe();
  });
});
