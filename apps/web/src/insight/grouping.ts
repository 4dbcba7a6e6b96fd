/**
 * Groups transcript lines under the user action that caused them ("Upload
 * report.pdf"), so the transcript reads as a story of what the user did.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';

/** Connection that an action without one is attributed to. */
export const DEFAULT_ACTION_CONNECTION = 'browse';

/** Id of the catch-all group. */
export const SESSION_GROUP_ID = 'session';

/** Something the user did, recorded by the UI when it sends the request. */
export interface UserAction {
  id: string;
  /** Already translated, e.g. "Upload report.pdf". */
  label: string;
  /** The transcript `seq` at which the action started: the first line it can own. */
  startSeq: number;
  /** The connection it runs on (`transfer-1`…); defaults to `browse`. */
  connection?: string;
}

/** Lines under one action, or under the session. */
export interface LineGroup {
  /** The action's id, or {@link SESSION_GROUP_ID}. */
  id: string;
  /** The action's label; empty for the session group (the UI shows its translated "Session"). */
  label: string;
  action?: UserAction;
  lines: WireTranscriptLine[];
}

/**
 * Each line belongs to the latest action on the same connection whose
 * `startSeq` is ≤ the line's `seq` (an action ends where the next action on
 * that connection begins). Lines no action claims go to the session group.
 * Returns the session group first (when it has lines), then one group per
 * action in `startSeq` order, lines in `seq` order. Pure.
 */
export function groupLines(lines: readonly WireTranscriptLine[], actions: readonly UserAction[]): LineGroup[] {
  const byConnection = new Map<string, UserAction[]>();
  const ordered = [...actions].sort((a, b) => a.startSeq - b.startSeq);
  for (const a of ordered) {
    const c = a.connection ?? DEFAULT_ACTION_CONNECTION;
    const list = byConnection.get(c);
    if (list) list.push(a);
    else byConnection.set(c, [a]);
  }
  const groups = new Map<string, LineGroup>(ordered.map((a) => [a.id, { id: a.id, label: a.label, action: a, lines: [] }]));
  const session: LineGroup = { id: SESSION_GROUP_ID, label: '', lines: [] };
  const sorted = [...lines].sort((a, b) => a.seq - b.seq);
  for (const line of sorted) {
    const owner = latestAtOrBefore(byConnection.get(line.connection), line.seq);
    const group = owner ? groups.get(owner.id) : undefined;
    (group ?? session).lines.push(line);
  }
  const result = [...groups.values()];
  return session.lines.length > 0 ? [session, ...result] : result;
}

/** Binary search: the last action with startSeq ≤ seq in a startSeq-sorted list. */
function latestAtOrBefore(list: readonly UserAction[] | undefined, seq: number): UserAction | undefined {
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  let found: UserAction | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const a = list[mid];
    if (a && a.startSeq <= seq) {
      found = a;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
