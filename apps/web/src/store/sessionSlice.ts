/**
 * The WebSocket link to FTP Deck and the FTP session behind it: status,
 * server facts, working directory and back/forward history.
 */
import type { SessionState, WireError } from '@ftpdeck/protocol';
import type { SliceCreator } from './types.ts';

/** State of the browser ↔ FTP Deck WebSocket (not the FTP connection). */
export type LinkStatus = 'connecting' | 'open' | 'closed';

/** How a directory change came about, for the history stacks. */
export type NavigationKind = 'new' | 'back' | 'forward' | 'replace';

/** Most entries kept in each history stack. */
const HISTORY_LIMIT = 100;

/** Session state and its actions. */
export interface SessionSlice {
  /** The WebSocket link. */
  link: LinkStatus;
  /** Reconnect attempts since the link was last open. */
  linkAttempt: number;
  /** Token that lets a reload rejoin the same server session. */
  sessionToken: string | null;
  /** The FTP connection as the server reports it. */
  server: SessionState;
  /** Directory being shown (null before the first listing). */
  cwd: string | null;
  /** A `connect` request is in flight. */
  connectPending: boolean;
  /** Why the last connect failed (shown in the connect form), null after success. */
  connectError: WireError | null;
  /** Directories behind and ahead of `cwd`. */
  history: { back: string[]; forward: string[] };
  /** The server requires an access token (from /api/config). */
  accessRequired: boolean;
  /** A welcome arrived at least once since the page loaded. */
  everWelcomed: boolean;

  /** Records a link status change. */
  setLink: (link: LinkStatus, attempt?: number) => void;
  /** Applies the server's `welcome`. */
  applyWelcome: (sessionToken: string, state: SessionState) => void;
  /** Applies a pushed `session-state`. */
  applyServerState: (state: SessionState) => void;
  /** Marks a connect as started or finished; `error` when it failed. */
  setConnectPending: (pending: boolean, error?: WireError | null) => void;
  /** Moves to a directory and updates history. */
  navigated: (path: string, kind: NavigationKind) => void;
  /** Records whether the server requires an access token. */
  setAccessRequired: (required: boolean) => void;
  /** Forgets cwd and history (after disconnect). */
  resetNavigation: () => void;
}

/**
 * A session the server ended (idle, shut down) closes its socket, and the
 * page's reconnect half a second later gets a fresh session, disconnected.
 * The file area keeps saying why the old one ended until the user connects
 * again; before, the explanation went with that reconnect.
 */
function keepWhyItEnded(before: SessionState, next: SessionState): SessionState {
  if (next.status !== 'disconnected' || next.error || before.status !== 'disconnected' || !before.error) return next;
  return { ...next, error: before.error };
}

/** Creates the session slice. */
export const createSessionSlice: SliceCreator<SessionSlice> = (set) => ({
  link: 'closed',
  linkAttempt: 0,
  sessionToken: null,
  server: { status: 'disconnected' },
  cwd: null,
  connectPending: false,
  connectError: null,
  history: { back: [], forward: [] },
  accessRequired: false,
  everWelcomed: false,

  setLink: (link, attempt = 0) => set({ link, linkAttempt: attempt }),
  applyWelcome: (sessionToken, state) => set((s) => ({ sessionToken, server: keepWhyItEnded(s.server, state), everWelcomed: true })),
  setAccessRequired: (accessRequired) => set({ accessRequired }),
  applyServerState: (state) => set({ server: state }),
  setConnectPending: (connectPending, error = null) => set({ connectPending, connectError: error }),
  navigated: (path, kind) =>
    set((s) => {
      const prev = s.cwd;
      if (prev === null || prev === path || kind === 'replace') return { cwd: path };
      const { back, forward } = s.history;
      if (kind === 'back') {
        return { cwd: path, history: { back: back.slice(0, -1), forward: [...forward, prev].slice(-HISTORY_LIMIT) } };
      }
      if (kind === 'forward') {
        return { cwd: path, history: { back: [...back, prev].slice(-HISTORY_LIMIT), forward: forward.slice(0, -1) } };
      }
      return { cwd: path, history: { back: [...back, prev].slice(-HISTORY_LIMIT), forward: [] } };
    }),
  resetNavigation: () => set({ cwd: null, history: { back: [], forward: [] } }),
});
