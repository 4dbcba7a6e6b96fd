/**
 * Turns recorded user actions into the insight module's `UserAction`s and
 * groups the visible lines under them. An action's connection is already in
 * the store (from the server's transfer events, or the `STOR`/`RETR` line
 * seen at ingest), so grouping does not depend on which lines are shown.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import type { Translate } from '../../i18n/i18n.ts';
import { groupLines, type LineGroup, type UserAction } from '../../insight/grouping.ts';
import type { RecordedAction } from '../../store/insightSlice.ts';

/** Translates the recorded actions' labels into `UserAction`s. */
export function resolveActions(actions: readonly RecordedAction[], t: Translate): UserAction[] {
  return actions.map((a) => {
    const action: UserAction = { id: a.id, label: t(a.labelKey, a.params), startSeq: a.startSeq };
    if (a.connection !== undefined) action.connection = a.connection;
    return action;
  });
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
