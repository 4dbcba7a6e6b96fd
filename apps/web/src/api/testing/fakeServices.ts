/**
 * Services for component tests (never shipped): the real operation modules
 * over {@link fakeDeps}, so a dialog's effect is read from the requests the
 * fake server recorded.
 */
import { createBrowseOps } from '../browseOps.ts';
import { createDeleteOps } from '../deleteOps.ts';
import { createDownloadRows, rowActions } from '../downloadRows.ts';
import { createEditOps } from '../editOps.ts';
import { createFileOps } from '../fileOps.ts';
import type { Services } from '../services.ts';
import type { SocketClient } from '../socket.ts';
import { createUploadQueue } from '../uploadQueue.ts';
import { fakeDeps } from './fakeDeps.ts';

/** fakeDeps plus Services built on them; the store starts in `cwd`. */
export function fakeServices(cwd = '/pub') {
  const f = fakeDeps();
  f.store.getState().navigated(cwd, 'replace');
  const browse = createBrowseOps(f.deps);
  const { remove, stopDelete } = createDeleteOps(f.deps, browse.refresh);
  const downloads = createDownloadRows(f.deps);
  const uploads = createUploadQueue(f.deps, browse.refresh);
  const ops = {
    ...browse,
    ...createFileOps(f.deps, browse.refresh, downloads),
    remove,
    stopDelete,
    ...createEditOps(f.deps),
    ...uploads,
    ...rowActions(downloads, uploads),
  };
  // No component under test talks to the socket itself; they all go through `ops`.
  const socket = { stop: () => undefined } as unknown as SocketClient;
  const services: Services = { socket, ops, store: f.store };
  return { ...f, services };
}
