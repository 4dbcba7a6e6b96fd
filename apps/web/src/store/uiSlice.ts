/** Transient UI: toasts, the open dialog, the editor and the context menu. */
import type { ConnectParams, WireEntry, WireError } from '@ftpdeck/protocol';
import type { ConflictDecision, FileConflict } from '../api/fileConflicts.ts';
import type { StopReason } from '../api/uploadGuard.ts';
import type { SliceCreator } from './types.ts';

/** A notification in the corner. */
export interface Toast {
  id: number;
  kind: 'error' | 'info' | 'success';
  title: string;
  detail?: string;
}

/** Which modal dialog is open, with what it acts on. */
export type DialogState =
  | { kind: 'rename'; entry: WireEntry }
  | { kind: 'delete'; entries: WireEntry[] }
  | { kind: 'mkdir' }
  | { kind: 'shortcuts' }
  | { kind: 'find' }
  | { kind: 'chmod'; entries: WireEntry[] }
  | { kind: 'trust-cert'; certificate: NonNullable<WireError['certificate']>; params: ConnectParams }
  | { kind: 'file-exists'; conflict: FileConflict; respond: (decision: ConflictDecision) => void }
  /** Closing or reconnecting ends these transfers: stop them (`respond(true)`) or keep them (`false`). */
  | { kind: 'stop-transfers'; reason: StopReason; respond: (stop: boolean) => void };

/** UI state and its actions. */
export interface UiSlice {
  toasts: readonly Toast[];
  dialog: DialogState | null;
  /** Viewport position of the open context menu. */
  contextMenu: { x: number; y: number } | null;
  /**
   * The file open in the editor. Not a {@link DialogState}: a dialog that
   * opens meanwhile (a background upload asking about an existing name)
   * must show above the editor, not replace it and lose what was typed.
   */
  editing: WireEntry | null;
  /** Questions (file exists) held back until the editor closes. */
  questionsWaiting: number;

  /** Shows a toast; returns its id. */
  pushToast: (toast: Omit<Toast, 'id'>) => number;
  /** Hides a toast. */
  dismissToast: (id: number) => void;
  /** Opens a dialog (closing the context menu). */
  openDialog: (dialog: DialogState) => void;
  /** Closes the dialog. */
  closeDialog: () => void;
  /** Opens a file in the editor (closing the context menu). */
  openEditor: (entry: WireEntry) => void;
  /** Closes the editor. */
  closeEditor: () => void;
  /** Counts a question held back (+1) or let through (-1). */
  setQuestionsWaiting: (delta: number) => void;
  /** Opens the context menu at a point. */
  openContextMenu: (x: number, y: number) => void;
  /** Closes the context menu. */
  closeContextMenu: () => void;
}

/** Most toasts shown at once; older ones drop off. */
const MAX_TOASTS = 5;
let nextToastId = 1;

/** Creates the UI slice. */
export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  toasts: [],
  dialog: null,
  contextMenu: null,
  editing: null,
  questionsWaiting: 0,
  pushToast: (toast) => {
    const id = nextToastId++;
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    return id;
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  openDialog: (dialog) => set({ dialog, contextMenu: null }),
  closeDialog: () => set({ dialog: null }),
  openEditor: (entry) => set({ editing: entry, contextMenu: null }),
  closeEditor: () => set({ editing: null }),
  setQuestionsWaiting: (delta) => set((s) => ({ questionsWaiting: Math.max(0, s.questionsWaiting + delta) })),
  openContextMenu: (x, y) => set({ contextMenu: { x, y } }),
  closeContextMenu: () => set({ contextMenu: null }),
});
