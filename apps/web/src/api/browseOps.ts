/**
 * Connecting and moving around: connect, disconnect, open a directory,
 * refresh, up/back/forward. Each writes its outcome into the store.
 */
import type { ConnectParams, ResultMap } from '@ftpdeck/protocol';
import { describeError, errorDetail, wireErrorOf } from '../lib/errorMessages.ts';
import { parentPath } from '../lib/remotePath.ts';
import { t } from '../i18n/languageStore.ts';
import type { NavigationKind } from '../store/sessionSlice.ts';
import { withTrustedCert } from '../lib/trustedCerts.ts';
import type { OpsDeps } from './types.ts';

/** Navigation and session operations. */
export interface BrowseOps {
  connect(params: ConnectParams): Promise<boolean>;
  /**
   * Connects again to the same site with another charset for file names
   * (the server keeps the credentials), then shows the same folder (or the
   * nearest one above it the server still enters). False when it failed
   * (the connect form and a toast say why).
   */
  switchEncoding(encoding: string): Promise<boolean>;
  /**
   * Ends the FTP session. With uploads active it asks first (see
   * uploadGuard.ts) and stops them on a yes; `force` skips the question,
   * for a caller that asked already (closing a site tab).
   */
  disconnect(options?: { force?: boolean }): Promise<void>;
  openDir(path: string, kind?: NavigationKind): Promise<boolean>;
  /**
   * Follows a symlink: CWD into `path` and list it. `'refused'` (and no toast)
   * when the server will not enter it, as for a link to a file.
   */
  followLink(path: string): Promise<'entered' | 'refused'>;
  refresh(): Promise<void>;
  goUp(): Promise<void>;
  goBack(): Promise<void>;
  goForward(): Promise<void>;
}

/** Builds the browse operations over a request function and the store. */
export function createBrowseOps({ request, store }: OpsDeps): BrowseOps {
  const state = () => store.getState();

  const toastError = (title: string, err: unknown) => {
    const wire = wireErrorOf(err);
    state().pushToast({ kind: 'error', title: `${title}: ${describeError(wire)}`, detail: errorDetail(wire) });
  };

  /**
   * Lists `path`, or the folder the page shows, into the store. Always by
   * path: the server's own working directory can differ from the page's. A
   * folder change the page gave up on (a timeout) may still complete on the
   * server, and a listing of "wherever the server is" then showed one
   * folder's files under another's path, so actions hit the wrong files.
   */
  const list = async (path?: string): Promise<boolean> => {
    const target = path ?? state().cwd ?? undefined;
    const seq = state().beginList();
    state().recordAction('act.list', { path: target ?? '/' });
    try {
      const res = await request({ type: 'list', ...(target !== undefined ? { path: target } : {}) });
      state().listLoaded(seq, res.path, res.entries);
      return true;
    } catch (err) {
      state().listFailed(seq, wireErrorOf(err));
      return false;
    }
  };

  const openDir = async (path: string, kind: NavigationKind = 'new'): Promise<boolean> => {
    state().recordAction('act.open', { path });
    try {
      const { cwd } = await request({ type: 'cd', path });
      state().navigated(cwd, kind);
      return await list(cwd);
    } catch (err) {
      toastError(t('toast.cannotOpen', { path }), err);
      return false;
    }
  };

  const followLink = async (path: string): Promise<'entered' | 'refused'> => {
    state().recordAction('act.open', { path });
    let cwd: string;
    try {
      ({ cwd } = await request({ type: 'cd', path }));
    } catch {
      // Expected for a link to a file: the caller downloads it instead, so no error toast.
      return 'refused';
    }
    state().navigated(cwd, 'new');
    await list(cwd);
    return 'entered';
  };

  /** A connect (or reconnect) answered: the server's state, a fresh history, and the folder to show listed. */
  const connected = async (state0: ResultMap['connect']['state'], cwd: string): Promise<void> => {
    state().applyServerState(state0);
    state().setConnectPending(false);
    state().resetNavigation();
    state().navigated(cwd, 'replace');
    await list(cwd);
  };

  /** A failed connect: the connect form says why, and so does a toast while the file area shows an older session. */
  const connectFailed = (wire: ReturnType<typeof wireErrorOf>, toastAnyway: boolean): void => {
    state().setConnectPending(false, wire);
    if (toastAnyway || state().server.status === 'connected') {
      state().pushToast({ kind: 'error', title: describeError(wire), detail: errorDetail(wire) });
    }
  };

  return {
    async connect(params) {
      state().setConnectPending(true);
      state().setChmodUnsupported(false);
      state().recordAction('act.connect', { host: params.host });
      try {
        // A certificate the user chose to always trust is pinned on every connect to that site.
        const res = await request({ type: 'connect', params: withTrustedCert(params) });
        await connected(res.state, res.cwd);
        return true;
      } catch (err) {
        const wire = wireErrorOf(err);
        if (wire.code === 'FTP_ERR_CERT_UNTRUSTED' && wire.certificate) {
          state().setConnectPending(false, wire);
          // Nothing was sent yet: show the certificate and let the user decide, as desktop clients do.
          state().openDialog({ kind: 'trust-cert', certificate: wire.certificate, params });
        } else {
          connectFailed(wire, false);
        }
        return false;
      }
    },

    async switchEncoding(encoding) {
      const back = state().cwd;
      state().setConnectPending(true);
      state().recordAction('act.switchEncoding', { encoding });
      try {
        // The server carries the folder across by its bytes (its name may read differently in the new charset).
        const res = await request({ type: 'set-encoding', encoding, ...(back !== null ? { path: back } : {}) });
        await connected(res.state, res.cwd);
        return true;
      } catch (err) {
        // The file area may show the old listing under a closed session: always say so.
        connectFailed(wireErrorOf(err), true);
        return false;
      }
    },

    async disconnect() {
      state().recordAction('act.disconnect');
      try {
        await request({ type: 'disconnect' });
      } catch (err) {
        toastError(t('toast.disconnectFailed'), err);
      }
      state().clearListing();
      state().clearSelection();
      state().resetNavigation();
    },

    openDir,
    followLink,

    async refresh() {
      const cwd = state().cwd;
      if (cwd !== null) await list();
    },

    async goUp() {
      const cwd = state().cwd;
      if (cwd !== null && cwd !== '/') await openDir(parentPath(cwd));
    },

    async goBack() {
      const target = state().history.back.at(-1);
      if (target !== undefined) await openDir(target, 'back');
    },

    async goForward() {
      const target = state().history.forward.at(-1);
      if (target !== undefined) await openDir(target, 'forward');
    },
  };
}
