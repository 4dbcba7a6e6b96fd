import { describe, expect, it, vi } from 'vitest';
import type { WireEntry, WireError } from '@ftpdeck/protocol';
import { createFileOps } from './fileOps.ts';
import { fakeDeps } from './testing/fakeDeps.ts';

const file: WireEntry = { name: 'a b.txt', type: 'file', size: 3 };
const dir: WireEntry = { name: 'sub', type: 'dir' };

function setup() {
  const f = fakeDeps();
  f.store.getState().navigated('/pub', 'replace');
  const refresh = vi.fn(async () => {});
  return { ...f, refresh, ops: createFileOps(f.deps, refresh) };
}

describe('fileOps', () => {
  it('renames with absolute paths and refreshes', async () => {
    const { ops, server, refresh } = setup();
    server.on('rename', {});
    expect(await ops.rename(file, 'c.txt')).toBe(true);
    expect(server.sent('rename')[0]).toMatchObject({ from: '/pub/a b.txt', to: '/pub/c.txt' });
    expect(refresh).toHaveBeenCalledOnce();
  });

  it('deletes folders recursively and files plainly, reporting each failure', async () => {
    const { ops, server, store } = setup();
    const denied: WireError = { code: 'FTP_ERR_REPLY', message: '550 Permission denied', ftpCode: 550 };
    server.on('remove', (b) => (b.path === '/pub/sub' ? denied : {}));
    expect(await ops.remove([file, dir])).toBe(false);
    expect(server.sent('remove')).toEqual([
      expect.objectContaining({ path: '/pub/a b.txt', dir: false, recursive: false }),
      expect.objectContaining({ path: '/pub/sub', dir: true, recursive: true }),
    ]);
    expect(store.getState().toasts.map((t) => t.title)).toEqual([expect.stringContaining('Could not delete sub')]);
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
    server.on('rename', {});
    expect(await ops.move([file, dir], '/pub/sub')).toBe(true);
    expect(server.sent('rename')).toEqual([expect.objectContaining({ from: '/pub/a b.txt', to: '/pub/sub/a b.txt' })]);
    expect(store.getState().toasts[0]?.title).toBe('Moved a b.txt to /pub/sub');
    expect(await ops.move([dir], '/pub/sub/deeper')).toBe(false);
    expect(server.sent('rename')).toHaveLength(1);
  });

  it('asks the server for a download link with absolute paths', async () => {
    const { ops, server } = setup();
    server.on('download-link', { url: '/api/download/t1' });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await ops.download([file, dir]);
    expect(server.sent('download-link')[0]).toMatchObject({ paths: ['/pub/a b.txt', '/pub/sub'] });
    expect(click).toHaveBeenCalledOnce();
    click.mockRestore();
  });

  it('downloads one file in ASCII only when ASCII is chosen: Auto and ZIPs stay binary', async () => {
    const { ops, server, store } = setup();
    server.on('download-link', { url: '/api/download/t1' });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    store.getState().setTransferTypePref('auto');
    await ops.download([file]);
    store.getState().setTransferTypePref('ascii');
    await ops.download([file]);
    await ops.download([file, dir]);
    expect(server.sent('download-link').map((m) => m.transferType)).toEqual(['binary', 'ascii', 'binary']);
    click.mockRestore();
  });
});
