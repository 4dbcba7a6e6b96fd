/**
 * Protocol-insight state: the user actions that caused transcript lines (so
 * the transcript can group lines under "Upload report.pdf"), which side-panel
 * tab is open, which group the sequence view draws, and what this session has
 * learned about the server (SITE CHMOD refused).
 */
import type { MessageKey, MessageParams } from '../i18n/i18n.ts';
import type { SliceCreator } from './types.ts';

/** Most actions remembered; older ones fall off (their lines join the session group). */
export const ACTION_LIMIT = 5000;

/** The tabs of the right-hand side panel. */
export type SideTab = 'transcript' | 'sequence' | 'console' | 'server';

/** A user action as recorded: a message key, so the label follows the UI language. */
export interface RecordedAction {
  id: string;
  labelKey: MessageKey;
  params?: MessageParams;
  /** First transcript `seq` the action can own: the last seen seq + 1 when the request was sent. */
  startSeq: number;
  /** The connection its lines arrive on; unknown for uploads until the server says or a STOR shows it. */
  connection?: string;
  /**
   * For uploads and downloads: the remote path, so a `STOR`/`RETR <path>`
   * line can reveal the connection. Ending in `/`, a folder: any file below
   * it (a ZIP download).
   */
  dataPath?: string;
}

/** Insight state and its actions. */
export interface InsightSlice {
  actions: readonly RecordedAction[];
  sideTab: SideTab;
  /** The group the sequence view draws; null means "the latest operation". */
  sequenceGroup: string | null;
  /** A SITE CHMOD attempt got 500/502 in this FTP session: the server has no chmod. */
  chmodUnsupported: boolean;
  /** Records an action at the current end of the transcript; returns its id. */
  recordAction: (labelKey: MessageKey, params?: MessageParams, connection?: string, dataPath?: string) => string;
  /** Tells an action which connection it runs on (from a transfer event's `connection`). */
  setActionConnection: (id: string, connection: string) => void;
  setSideTab: (tab: SideTab) => void;
  /** Shows a group in the sequence view (and switches to it). */
  showSequence: (groupId: string | null) => void;
  setChmodUnsupported: (unsupported: boolean) => void;
  /** A transcript line to bring into view (switches to the Transcript tab); the panel clears it. */
  revealSeq: number | null;
  revealLine: (seq: number | null) => void;
}

let nextActionId = 1;

/** Creates the insight slice. */
export const createInsightSlice: SliceCreator<InsightSlice> = (set, get) => ({
  actions: [],
  sideTab: 'transcript',
  sequenceGroup: null,
  chmodUnsupported: false,
  revealSeq: null,
  recordAction: (labelKey, params, connection, dataPath) => {
    const id = `a${nextActionId++}`;
    const action: RecordedAction = { id, labelKey, startSeq: get().lastSeq + 1 };
    if (params) action.params = params;
    if (connection) action.connection = connection;
    if (dataPath) action.dataPath = dataPath;
    set((s) => ({ actions: [...s.actions, action].slice(-ACTION_LIMIT) }));
    return id;
  },
  setActionConnection: (id, connection) =>
    set((s) => {
      const i = s.actions.findIndex((a) => a.id === id);
      const current = s.actions[i];
      if (!current || current.connection === connection) return s; // the state itself: zustand notifies every subscriber for any other object, even {}
      const next = [...s.actions];
      next[i] = { ...current, connection };
      return { actions: next };
    }),
  setSideTab: (sideTab) => set({ sideTab }),
  showSequence: (sequenceGroup) => set({ sequenceGroup, sideTab: 'sequence' }),
  setChmodUnsupported: (chmodUnsupported) => set({ chmodUnsupported }),
  revealLine: (revealSeq) => set(revealSeq === null ? { revealSeq } : { revealSeq, sideTab: 'transcript' }),
});
