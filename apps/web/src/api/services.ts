/**
 * Wires the socket client, the store and the operations of one site tab
 * together. Nothing here renders; the tab's `<App>` gets them through
 * `TabScope` (components/Tabs) and calls `services.ops`.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../store/types.ts';
import { describeError, errorDetail } from '../lib/errorMessages.ts';
import { t } from '../i18n/languageStore.ts';
import { baseName } from '../lib/remotePath.ts';
import { formatBytes } from '../lib/format.ts';
import { FINISHED } from '../store/transfersSlice.ts';
import { selectHasSession } from '../store/selectors.ts';
import { createBrowseOps, type BrowseOps } from './browseOps.ts';
import { createDeleteOps, type DeleteEvents, type DeleteOps } from './deleteOps.ts';
import { createDownloadRows, rowActions, type DownloadRows } from './downloadRows.ts';
import { createEditOps, type EditOps } from './editOps.ts';
import { createFileOps, type FileOps } from './fileOps.ts';
import { SocketClient, defaultSocketUrl, type SocketOptions, type SocketSink } from './socket.ts';
import type { OpsDeps } from './types.ts';
import { activeUploadKeys, askStopTransfers, type StopReason } from './uploadGuard.ts';
import { createUploadQueue, type UploadOps } from './uploadQueue.ts';
import { browserSessionStorage } from '../lib/browserStorage.ts';
import type { UploadChannel } from './uploader.ts';

/** Every remote operation the UI can trigger. */
export type RemoteOps = BrowseOps & FileOps & DeleteOps & UploadOps & EditOps;

/** The running app's non-React half. */
export interface Services {
  socket: SocketClient;
  ops: RemoteOps;
  store: StoreApi<AppState>;
}

/** Builds the services over a store; `socketOptions` lets tests pass a fake WebSocket. */
export function createServices(store: StoreApi<AppState>, socketOptions: Partial<SocketOptions> = {}): Services {
  const state = () => store.getState();
  let ops: RemoteOps | null = null;
  let deleteEvents: DeleteEvents | null = null;
  let downloadRows: DownloadRows | null = null;
  /** Keys for rows of uploads an earlier page lost. */
  let interruptedCount = 0;

  /** Shows a session this page did not connect itself (a reload joined it): its folder, listed. */
  const showJoinedSession = (cwd: string | undefined): void => {
    state().navigated(cwd ?? state().cwd ?? '/', 'replace');
    void ops?.refresh();
  };

  const sink: SocketSink = {
    link: (status, attempt) => state().setLink(status, attempt),
    welcome: (token, serverState, resumed, downloads = []) => {
      state().applyWelcome(token, serverState);
      deleteEvents?.reattached();
      downloadRows?.welcomed(resumed, downloads);
      // A reload that rejoined a live session shows where it was.
      if (serverState.status === 'connected') {
        showJoinedSession(serverState.cwd);
      } else {
        state().clearListing();
        state().resetNavigation();
      }
    },
    event: (msg) => {
      switch (msg.type) {
        case 'transcript':
          state().appendTranscript(msg.lines);
          return;
        case 'session-state': {
          const before = state().server.status;
          state().applyServerState(msg.state);
          // A connect this page did not send (it was reloaded while the connect ran) ends here:
          // list where it landed, as a reload into a connected session does. The page's own
          // connect lists when its reply comes.
          const s = state();
          if (msg.state.status === 'connected' && before === 'connecting' && !s.connectPending && s.listing === null && !s.listLoading) showJoinedSession(msg.state.cwd);
          return;
        }
        case 'upload-interrupted': {
          // A page that still has this upload resumes it itself (a network blip).
          const live = Object.values(state().transfers).some((t) => t.direction === 'upload' && t.path === msg.path && !FINISHED.has(t.status));
          if (live) return;
          const name = baseName(msg.path) || msg.path;
          state().addTransfers([
            {
              key: `interrupted-${++interruptedCount}`,
              direction: 'upload',
              name,
              path: msg.path,
              size: msg.size,
              transferType: 'binary',
              transferId: null,
              sent: msg.kept,
              received: msg.kept,
              written: msg.kept,
              rate: 0,
              status: 'failed',
              interrupted: true,
              finishedAt: Date.now(),
            },
          ]);
          state().pushToast({ kind: 'info', title: t('toast.uploadInterrupted', { name }), detail: t('toast.uploadInterruptedDetail', { kept: formatBytes(msg.kept), size: formatBytes(msg.size) }) });
          return;
        }
        case 'download-progress':
          downloadRows?.progressed(msg);
          return;
        case 'download-end':
          downloadRows?.ended(msg);
          return;
        case 'download-failed': {
          // Its row in the transfers panel says why already.
          if (downloadRows?.ownsFailure(msg)) return;
          // The browser's own download bar says only "failed": this says what and why.
          const names = msg.paths.map((p) => baseName(p.replace(/\/+$/, '')) || p).join(', ');
          state().pushToast({ kind: 'error', title: t(msg.view ? 'toast.viewFailedOf' : 'toast.downloadFailedOf', { names }), detail: `${describeError(msg.error)} — ${errorDetail(msg.error)}` });
          return;
        }
        case 'remove-progress':
          deleteEvents?.progressed(msg);
          return;
        case 'error':
          state().pushToast({ kind: 'error', title: describeError(msg.error), detail: errorDetail(msg.error) });
          return;
      }
    },
  };

  const socket = new SocketClient({
    url: socketOptions.url ?? defaultSocketUrl(),
    sink,
    storage: socketOptions.storage ?? browserSessionStorage() ?? undefined,
    ...socketOptions,
  });

  /** transferId → the recorded "Upload x" action, until the transfer ends. */
  const uploadActions = new Map<number, string>();
  /** transferId → the pool connection moving its bytes, so a user's stop can name it. */
  const transferConnections = new Map<number, string>();
  const uploadChannel: UploadChannel = {
    start: async (path, size, mode, transferType, modified) => {
      // Recorded before the request leaves, so every line the upload causes has a later seq.
      const actionId = state().recordAction('act.upload', { name: baseName(path) || path }, undefined, path);
      const res = await socket.request({ type: 'upload-start', path, size, mode, transferType, ...(modified !== undefined ? { modified } : {}) });
      uploadActions.set(res.transferId, actionId);
      return res;
    },
    sendFrame: (frame) => socket.sendBinary(frame),
    bufferedAmount: () => socket.bufferedAmount,
    subscribe: (transferId, listener) =>
      socket.watchTransfer(transferId, (event) => {
        // The pool connection moving the bytes owns the upload's transcript lines (TYPE I, EPSV, STOR…).
        const actionId = uploadActions.get(event.transferId);
        if (actionId !== undefined && event.type !== 'upload-ack' && event.connection) state().setActionConnection(actionId, event.connection);
        if (event.type !== 'upload-ack' && event.connection) transferConnections.set(event.transferId, event.connection);
        if (event.type === 'transfer-done') {
          uploadActions.delete(event.transferId);
          transferConnections.delete(event.transferId);
        }
        listener(event);
      }),
    cancel: (transferId, byUser) => {
      const connection = transferConnections.get(transferId);
      if (byUser && connection) state().noteUserStop(connection);
      return socket.request({ type: 'transfer-cancel', transferId });
    },
  };

  const deps: OpsDeps = {
    request: (body, timeoutMs) => socket.request(body, timeoutMs),
    store,
    uploadChannel,
  };
  const browse = createBrowseOps(deps);
  const uploads = createUploadQueue(deps, browse.refresh);
  const deletes = createDeleteOps(deps, browse.refresh);
  deleteEvents = deletes;
  const downloads = createDownloadRows(deps);
  downloadRows = downloads;
  /**
   * Closing or reconnecting the session ends the uploads this page feeds and
   * the downloads the browser receives from it: asks first (never after),
   * unless `force`, and on a yes stops the uploads and marks the downloads'
   * aborts as the user's. False when the user said no.
   */
  const stopTransfersFirst = async (reason: StopReason, force = false): Promise<boolean> => {
    if (!force && !(await askStopTransfers(store, reason))) return false;
    for (const key of activeUploadKeys(state())) uploads.cancel(key);
    downloads.sessionStopping();
    return true;
  };
  ops = {
    ...browse,
    ...createFileOps(deps, browse.refresh, downloads),
    remove: deletes.remove,
    stopDelete: deletes.stopDelete,
    ...createEditOps(deps),
    ...uploads,
    ...rowActions(downloads, uploads),
    async disconnect(options) {
      // A caller that asked already (closing a site tab) passes force.
      if (await stopTransfersFirst('closeSession', options?.force)) await browse.disconnect(options);
    },
    // Connecting again while connected ends the old connection's transfers too. With none
    // (it was lost), paused uploads stay for a Resume: nothing to ask, nothing to stop.
    async connect(params) {
      return (!selectHasSession(state()) || (await stopTransfersFirst('connect'))) && browse.connect(params);
    },
    async switchEncoding(encoding) {
      return (await stopTransfersFirst('encoding')) && browse.switchEncoding(encoding);
    },
  };
  return { socket, ops, store };
}
