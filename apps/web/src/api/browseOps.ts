/**
 * Connecting and moving around: connect, disconnect, open a directory,
 * refresh, up/back/forward. Each writes its outcome into the store.
 */
import type { ConnectParams } from '@ftpdeck/protocol';
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

  return {
    async connect(params) {
      state().setConnectPending(true);
      state().setChmodUnsupported(false);
      state().recordAction('act.connect', { host: params.host });
      try {
        // A certificate the user chose to always trust is pinned on every connect to that site.
        const res = await request({ type: 'connect', params: withTrustedCert(params) });
        state().applyServerState(res.state);
        state().setConnectPending(false);
        state().resetNavigation();
        state().navigated(res.cwd, 'replace');
        await list(res.cwd);
        return true;
      } catch (err) {
        const wire = wireErrorOf(err);
        state().setConnectPending(false, wire);
        if (wire.code === 'FTP_ERR_CERT_UNTRUSTED' && wire.certificate) {
          // Nothing was sent yet: show the certificate and let the user decide, as desktop clients do.
          state().openDialog({ kind: 'trust-cert', certificate: wire.certificate, params });
        } else if (state().server.status === 'connected') {
          // The file area still shows the old session, so the failure needs a toast to be seen.
          state().pushToast({ kind: 'error', title: describeError(wire), detail: errorDetail(wire) });
        }
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
