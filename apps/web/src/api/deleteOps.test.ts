import { describe, expect, it, vi } from 'vitest';
import type { ServerMessage, WireEntry, WireError } from '@ftpdeck/protocol';
import { RequestError } from '../lib/errorMessages.ts';
import { createDeleteOps } from './deleteOps.ts';
import { fakeDeps, flush } from './testing/fakeDeps.ts';
import type { RequestFn } from './types.ts';

const file: WireEntry = { name: 'a b.txt', type: 'file', size: 3 };
const dir: WireEntry = { name: 'sub', type: 'dir' };
const other: WireEntry = { name: 'more', type: 'dir' };

type Progress = Extract<ServerMessage, { type: 'remove-progress' }>;

function setup() {
  const f = fakeDeps();
  f.store.getState().navigated('/pub', 'replace');
  const refresh = vi.fn(async () => {});
  return { ...f, refresh, ops: createDeleteOps(f.deps, refresh) };
}

/** A request function whose recursive removes wait until the test settles them. */
function heldRemoves() {
  const held: Array<{ body: Record<string, unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }> = [];
  const sent: Array<Record<string, unknown>> = [];
  const request: RequestFn = (body) => {
    const b = body as unknown as Record<string, unknown>;
    sent.push(b);
    if (b.type === 'remove' && b.recursive === true) return new Promise((resolve, reject) => held.push({ body: b, resolve, reject })) as never;
    if (b.type === 'remove-cancel') return Promise.resolve({ stopping: true }) as never;
    return Promise.resolve({ removed: 1 }) as never;
  };
  return { held, sent, request };
}

/** The ops over {@link heldRemoves}, in /pub. */
function heldSetup() {
  const f = fakeDeps();
  f.store.getState().navigated('/pub', 'replace');
  const h = heldRemoves();
  const refresh = vi.fn(async () => {});
  return { ...f, h, refresh, ops: createDeleteOps({ ...f.deps, request: h.request }, refresh) };
}

describe('deleteOps', () => {
  it('deletes folders recursively and files plainly, reporting each failure', async () => {
    const { ops, server, store } = setup();
    const denied: WireError = { code: 'FTP_ERR_REPLY', message: '550 Permission denied', ftpCode: 550 };
    server.on('remove', (b) => (b.path === '/pub/sub' ? denied : { removed: 1 }));
    expect(await ops.remove([file, dir])).toBe(false);
    expect(server.sent('remove')).toEqual([
      expect.objectContaining({ path: '/pub/a b.txt', dir: false, recursive: false }),
      expect.objectContaining({ path: '/pub/sub', dir: true, recursive: true, job: expect.any(Number) }),
    ]);
    expect(server.sent('remove')[0]).not.toHaveProperty('job');
    expect(store.getState().toasts.map((t) => t.title)).toEqual([expect.stringContaining('Could not delete sub')]);
    expect(store.getState().deletes).toEqual([]);
  });

  it('shows a running delete with its count, files its transcript lines under its connection, and ends it', async () => {
    const { h, ops, ...f } = heldSetup();
    const done = ops.remove([dir], { expected: 40 });
    await flush();
    const job = h.held[0]?.body.job as number;
    // Sent, not begun yet: the server may be running another delete first.
    expect(f.store.getState().deletes).toEqual([{ id: expect.any(Number), name: 'sub', count: 1, removed: 0, expected: 40, stopping: false, waiting: true }]);
    const progress: Progress = { type: 'remove-progress', job, connection: 'transfer-2', removed: 12, path: '/pub/sub/x', root: '/pub/sub' };
    ops.progressed(progress);
    expect(f.store.getState().deletes[0]).toMatchObject({ removed: 12 });
    expect(f.store.getState().deletes[0]).toMatchObject({ waiting: false });
    expect(f.store.getState().actions.at(-1)).toMatchObject({ labelKey: 'act.delete', connection: 'transfer-2' });
    h.held[0]?.resolve({ removed: 40 });
    expect(await done).toBe(true);
    expect(f.store.getState().deletes).toEqual([]);
    expect(f.store.getState().toasts.map((t) => t.title)).toEqual(['Deleted sub']);
  });

  it('stops the running folder and skips the entries not begun', async () => {
    const { h, ops, ...f } = heldSetup();
    const done = ops.remove([dir, other, file]);
    await flush();
    const job = h.held[0]?.body.job as number;
    ops.progressed({ type: 'remove-progress', job, connection: 'transfer-1', removed: 7, path: '/pub/sub/f7', root: '/pub/sub' });
    const id = f.store.getState().deletes[0]?.id as number;
    await ops.stopDelete(id);
    expect(h.sent.filter((b) => b.type === 'remove-cancel')).toEqual([expect.objectContaining({ job })]);
    expect(f.store.getState().deletes[0]?.stopping).toBe(true);
    // The server stops before its next command and says so.
    h.held[0]?.reject(new RequestError({ code: 'FTP_ERR_ABORTED', message: 'Stopped deleting /pub/sub after removing 7 items' }));
    expect(await done).toBe(false);
    // Neither `more` nor the file was begun.
    expect(h.sent.filter((b) => b.type === 'remove').map((b) => b.path)).toEqual(['/pub/sub']);
    expect(f.store.getState().deletes).toEqual([]);
    const toasts = f.store.getState().toasts;
    expect(toasts.map((t) => [t.kind, t.title])).toEqual([['info', 'Stopped deleting after 7 items']]);
  });

  it('counts a failed folder delete’s removals before the next folder’s', async () => {
    const { h, ops, ...f } = heldSetup();
    const done = ops.remove([dir, other]);
    await flush();
    ops.progressed({ type: 'remove-progress', job: h.held[0]?.body.job as number, connection: 'transfer-1', removed: 5, path: '/pub/sub/x', root: '/pub/sub' });
    h.held[0]?.reject(new RequestError({ code: 'FTP_ERR_REPLY', message: 'Cannot delete /pub/sub/locked: 550 Permission denied', ftpCode: 550 }));
    await flush();
    ops.progressed({ type: 'remove-progress', job: h.held[1]?.body.job as number, connection: 'transfer-1', removed: 2, path: '/pub/more/y', root: '/pub/more' });
    expect(f.store.getState().deletes[0]?.removed).toBe(7);
    h.held[1]?.resolve({ removed: 3 });
    expect(await done).toBe(false);
  });

  it('shows a delete an earlier page started, stops it, and ends it at its final event', async () => {
    const { h, ops, refresh, ...f } = heldSetup();
    // This page was reloaded while job 77 ran: it never sent it, and no reply will come here.
    const event: Progress = { type: 'remove-progress', job: 77, connection: 'transfer-1', removed: 120, path: '/pub/old/d3/f9', root: '/pub/old' };
    ops.progressed(event);
    expect(f.store.getState().deletes).toEqual([{ id: expect.any(Number), name: 'old', count: 1, removed: 120, stopping: false, waiting: false }]);
    await ops.stopDelete(f.store.getState().deletes[0]?.id as number);
    expect(h.sent).toEqual([expect.objectContaining({ type: 'remove-cancel', job: 77 })]);
    ops.progressed({ ...event, removed: 131, final: true });
    expect(f.store.getState().deletes).toEqual([]);
    expect(f.store.getState().toasts.map((t) => t.title)).toEqual(['Stopped deleting after 131 items']);
    expect(refresh).toHaveBeenCalled();
    // After a socket drop, adopted deletes are forgotten (their final event may be lost); a running one comes back.
    ops.progressed({ ...event, job: 78 });
    ops.reattached();
    expect(f.store.getState().deletes).toEqual([]);
  });

  it('says a delete goes on when the page loses its socket, instead of calling it failed', async () => {
    const { h, ops, ...f } = heldSetup();
    const done = ops.remove([dir, other]);
    await flush();
    h.held[0]?.reject(new RequestError({ code: 'WEB_ERR_DISCONNECTED', message: 'The connection to FTP Deck was lost' }));
    expect(await done).toBe(false);
    expect(f.store.getState().toasts.map((t) => [t.kind, t.title])).toEqual([
      ['info', 'Lost the connection while deleting sub: the server goes on with it, and it shows here again once the page reconnects'],
    ]);
    // The socket is down: the next folder was not begun.
    expect(h.held).toHaveLength(1);
  });
});
