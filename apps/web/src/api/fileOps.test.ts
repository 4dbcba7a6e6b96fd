import { describe, expect, it, vi } from 'vitest';
import type { WireEntry, WireError } from '@ftpdeck/protocol';
import { canOverwrite, createConflictResolver, type ConflictDecision, type FileConflict } from './fileConflicts.ts';
import { createDownloadRows } from './downloadRows.ts';
import { createFileOps } from './fileOps.ts';
import { fakeDeps } from './testing/fakeDeps.ts';

const file: WireEntry = { name: 'a b.txt', type: 'file', size: 3 };
const dir: WireEntry = { name: 'sub', type: 'dir' };

function setup() {
  const f = fakeDeps();
  f.store.getState().navigated('/pub', 'replace');
  const refresh = vi.fn(async () => {});
  return { ...f, refresh, ops: createFileOps(f.deps, refresh, createDownloadRows(f.deps)) };
}

describe('fileOps', () => {
  it('renames with absolute paths and refreshes', async () => {
    const { ops, server, refresh } = setup();
    server.on('rename', {});
    expect(await ops.rename(file, 'c.txt')).toBe(true);
    expect(server.sent('rename')[0]).toMatchObject({ from: '/pub/a b.txt', to: '/pub/c.txt' });
    expect(refresh).toHaveBeenCalledOnce();
  });

  it('creates folders and changes modes', async () => {
    const { ops, server } = setup();
    server.on('mkdir', {}).on('chmod', {});
    await ops.mkdir('new');
    await ops.chmod([file], '640');
    expect(server.sent('mkdir')[0]).toMatchObject({ path: '/pub/new' });
    expect(server.sent('chmod')[0]).toMatchObject({ path: '/pub/a b.txt', mode: '640' });
  });

  it('moves entries into another folder, never into themselves', async () => {
    const { ops, server, store } = setup();
    server.on('rename', {}).on('list', { path: '/pub/sub', entries: [] });
    expect(await ops.move([file, dir], '/pub/sub')).toBe(true);
    expect(server.sent('rename')).toEqual([expect.objectContaining({ from: '/pub/a b.txt', to: '/pub/sub/a b.txt' })]);
    expect(store.getState().toasts[0]?.title).toBe('Moved a b.txt to /pub/sub');
    expect(await ops.move([dir], '/pub/sub/deeper')).toBe(false);
    expect(server.sent('rename')).toHaveLength(1);
  });

  it('asks the server for a download link with absolute paths, folders ending in a slash', async () => {
    const fakeStore = setup();
    const { ops, server } = fakeStore;
    server.on('download-link', { url: '/api/download/t1', link: 1 });
    const downloadAttributes: (string | null)[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloadAttributes.push(this.getAttribute('download'));
    });
    const { store } = fakeStore;
    await ops.download([file, dir]);
    await ops.download([file]);
    await ops.download([dir]);
    expect(server.sent('download-link')[0]).toMatchObject({ paths: ['/pub/a b.txt', '/pub/sub/'] });
    // A ZIP is one action, whose connection the first RETR below its folder reveals; one file is its own.
    expect(store.getState().actions.map((a) => [a.labelKey, a.dataPath])).toEqual([
      ['act.downloadZipMany', '/pub/'],
      ['act.download', '/pub/a b.txt'],
      ['act.downloadZip', '/pub/sub/'],
    ]);
    // Always a download link, so a failing one never replaces the app with its JSON error; named, so
    // a failed one is not listed under its ticket in the browser's downloads.
    expect(downloadAttributes).toEqual(['download.zip', 'a b.txt', 'sub.zip']);
    click.mockRestore();
  });

  it('downloads one file in ASCII only when ASCII is chosen: Auto and ZIPs stay binary', async () => {
    const { ops, server, store } = setup();
    server.on('download-link', { url: '/api/download/t1', link: 1 });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    store.getState().setTransferTypePref('auto');
    await ops.download([file]);
    store.getState().setTransferTypePref('ascii');
    await ops.download([file]);
    await ops.download([file, dir]);
    expect(server.sent('download-link').map((m) => m.transferType)).toEqual(['binary', 'ascii', 'binary']);
    click.mockRestore();
  });

  it('lists the move target fresh and asks before a same-name file would be replaced', async () => {
    const { ops, server, store } = setup();
    server.on('rename', {}).on('list', { path: '/pub/docs', entries: [{ name: 'a b.txt', type: 'file', size: 5004, modifiedAt: '2026-01-02T03:04:00Z' }] });
    const moving = ops.move([{ ...file, size: 5000 }], '/pub/docs');
    await vi.waitFor(() => expect(store.getState().dialog?.kind).toBe('file-exists'));
    const dialog = store.getState().dialog;
    if (dialog?.kind !== 'file-exists') throw new Error('no file-exists dialog');
    expect(server.sent('list')).toEqual([expect.objectContaining({ path: '/pub/docs' })]);
    expect(dialog.conflict).toMatchObject({ op: 'move', name: 'a b.txt', remoteSize: 5004, localSize: 5000, remoteModified: '2026-01-02T03:04:00Z' });
    // Nothing was renamed while the question is open.
    expect(server.sent('rename')).toHaveLength(0);
    dialog.respond({ action: 'skip', applyToAll: false });
    expect(await moving).toBe(true);
    expect(server.sent('rename')).toHaveLength(0);
  });

  it('moves over a same-name file only on "Overwrite", and under a new name on "Rename"', async () => {
    const answers: ConflictDecision[] = [{ action: 'overwrite', applyToAll: false }, { action: 'rename', newName: 'b2.txt', applyToAll: false }];
    const asked: FileConflict[] = [];
    const resolver = createConflictResolver(async (c) => {
      asked.push(c);
      return answers.shift() as ConflictDecision;
    });
    const f = fakeDeps();
    f.store.getState().navigated('/pub', 'replace');
    f.server.on('rename', {}).on('list', {
      path: '/pub/docs',
      entries: [
        { name: 'a.txt', type: 'file', size: 1 },
        { name: 'b.txt', type: 'file', size: 1 },
      ],
    });
    const moves = createFileOps(f.deps, async () => {}, createDownloadRows(f.deps), { resolveConflict: resolver });
    expect(await moves.move([{ name: 'a.txt', type: 'file', size: 2 }, { name: 'b.txt', type: 'file', size: 2 }, { name: 'c.txt', type: 'file', size: 2 }], '/pub/docs')).toBe(true);
    expect(asked.map((c) => [c.name, c.op, c.remaining])).toEqual([
      ['a.txt', 'move', 2],
      ['b.txt', 'move', 1],
    ]);
    expect(f.server.sent('rename').map((r) => [r.from, r.to])).toEqual([
      ['/pub/a.txt', '/pub/docs/a.txt'],
      ['/pub/b.txt', '/pub/docs/b2.txt'],
      ['/pub/c.txt', '/pub/docs/c.txt'],
    ]);
  });

  it('never lets a move overwrite a folder, nor a file with a folder, even on "Overwrite all"', async () => {
    const f = fakeDeps();
    f.store.getState().navigated('/pub', 'replace');
    f.server.on('rename', {}).on('list', {
      path: '/pub/docs',
      entries: [
        { name: 'x.txt', type: 'file', size: 1 },
        { name: 'photos', type: 'dir' },
        { name: 'sub', type: 'file', size: 1 },
      ],
    });
    const asked: FileConflict[] = [];
    const resolver = createConflictResolver(async (c) => {
      asked.push(c);
      // The user ticks "apply to all" and picks Overwrite; the folders get asked about anyway, and "overwrite" again is refused.
      return { action: 'overwrite', applyToAll: true };
    });
    const ops = createFileOps(f.deps, async () => {}, createDownloadRows(f.deps), { resolveConflict: resolver });
    await ops.move([{ name: 'x.txt', type: 'file', size: 2 }, { name: 'photos', type: 'file', size: 2 }, dir], '/pub/docs');
    expect(asked.map((c) => [c.name, canOverwrite(c)])).toEqual([
      ['x.txt', true],
      ['photos', false],
      ['sub', false],
    ]);
    expect(f.server.sent('rename').map((r) => r.to)).toEqual(['/pub/docs/x.txt']);
  });

  it('moves nothing when the target cannot be listed, and says why', async () => {
    const { ops, server, store } = setup();
    server.on('rename', {}).fail('list', { code: 'FTP_ERR_REPLY', message: '550 No access', ftpCode: 550 });
    expect(await ops.move([file], '/pub/sub')).toBe(false);
    expect(server.sent('rename')).toHaveLength(0);
    expect(store.getState().toasts[0]?.title).toContain('Nothing was moved');
  });

  it('creates a nested folder level by level, going on past levels that exist', async () => {
    const { ops, server } = setup();
    const exists: WireError = { code: 'FTP_ERR_REPLY', message: '550 exists', ftpCode: 550 };
    server.on('mkdir', (b) => (b.path === '/pub/a' ? exists : {}));
    expect(await ops.mkdir('a/b/c')).toBe(true);
    expect(server.sent('mkdir').map((m) => m.path)).toEqual(['/pub/a', '/pub/a/b', '/pub/a/b/c']);
  });

  it('sends a mode per entry when given one', async () => {
    const { ops, server } = setup();
    server.on('chmod', {});
    await ops.chmod([file, dir], (e) => (e.type === 'dir' ? '750' : '640'));
    expect(server.sent('chmod').map((m) => [m.path, m.mode])).toEqual([
      ['/pub/a b.txt', '640'],
      ['/pub/sub', '750'],
    ]);
  });

  it('names both causes of a 553 (permission or name) and keeps the server text', async () => {
    const { ops, server, store } = setup();
    server.fail('rename', { code: 'FTP_ERR_REPLY', message: '553 Could not create file.', ftpCode: 553 });
    await ops.rename(file, 'x.txt');
    const toast = store.getState().toasts[0];
    expect(toast?.title).toBe('Could not rename a b.txt: The server refused to create the file (553): no permission there, or a name it does not allow');
    expect(toast?.detail).toContain('553 Could not create file.');
  });
});
