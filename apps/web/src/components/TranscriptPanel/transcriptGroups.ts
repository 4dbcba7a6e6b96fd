/**
 * Turns recorded user actions into the insight module's `UserAction`s and
 * groups the visible lines under them. Uploads learn their connection from
 * the server's transfer events; until a server sends that (and for
 * downloads, which run over HTTP), the first `STOR`/`RETR <path>` line after
 * the action reveals it.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import type { Translate } from '../../i18n/i18n.ts';
import { groupLines, type LineGroup, type UserAction } from '../../insight/grouping.ts';
import type { RecordedAction } from '../../store/insightSlice.ts';

const DATA_VERBS = /^(?:STOR|APPE|STOU|RETR)\s+(.+)$/i;

/** Translates labels and fills in upload connections from the lines' STOR commands. */
export function resolveActions(actions: readonly RecordedAction[], lines: readonly WireTranscriptLine[], t: Translate): UserAction[] {
  // path → STOR/RETR commands seen for it, in seq order; built once so many uploads stay linear.
  let byPath: Map<string, Array<{ seq: number; connection: string }>> | null = null;
  const claimed = new Set<number>();
  const out: UserAction[] = [];
  for (const a of actions) {
    const action: UserAction = { id: a.id, label: t(a.labelKey, a.params), startSeq: a.startSeq };
    let connection = a.connection;
    if (connection === undefined && a.dataPath !== undefined) {
      byPath ??= dataCommands(lines);
      const hit = byPath.get(a.dataPath)?.find((s) => s.seq >= a.startSeq && !claimed.has(s.seq));
      if (hit) {
        claimed.add(hit.seq);
        connection = hit.connection;
      }
    }
    if (connection !== undefined) action.connection = connection;
    out.push(action);
  }
  return out;
}

function dataCommands(lines: readonly WireTranscriptLine[]): Map<string, Array<{ seq: number; connection: string }>> {
  const map = new Map<string, Array<{ seq: number; connection: string }>>();
  for (const l of lines) {
    if (l.kind !== 'command') continue;
    const path = DATA_VERBS.exec(l.text)?.[1];
    if (path === undefined) continue;
    const list = map.get(path);
    const item = { seq: l.seq, connection: l.connection };
    if (list) list.push(item);
    else map.set(path, [item]);
  }
  return map;
}

/** Groups in the order their first line happened; groups without lines are left out. */
export function groupsInOrder(lines: readonly WireTranscriptLine[], actions: readonly UserAction[]): LineGroup[] {
  return groupLines(lines, actions)
    .filter((g) => g.lines.length > 0)
    .sort((a, b) => (a.lines[0]?.seq ?? 0) - (b.lines[0]?.seq ?? 0));
}

/** True when a group moved data (a data connection opened or a transfer reply came), for "the last operation". */
export function hasDataConnection(group: LineGroup): boolean {
  return group.lines.some((l) => (l.detail as { type?: string } | undefined)?.type === 'data-open' || l.code === 150 || l.code === 125);
}
