/**
 * Uploads and downloads learn their FTP connection from the transcript: the
 * first `STOR`/`RETR <path>` command after the action names the connection
 * its lines arrive on. This is decided once, as lines are ingested, so the
 * grouping does not depend on which lines a view happens to show.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import type { RecordedAction } from './insightSlice.ts';

const DATA_VERBS = /^(STOR|APPE|STOU|RETR)\s+(.+)$/i;

/**
 * Gives each pending action (a `dataPath`, no connection yet) the connection
 * of the first data command for its path at or after its `startSeq`; each
 * command serves one action, the earliest waiting. A `dataPath` ending in
 * `/` (a ZIP download) waits for the first RETR below that folder, but an
 * action waiting for that exact path goes first: a View, an edit or a
 * single download under the folder while the ZIP walks it keeps its own
 * lines. Returns a new array when an action changed, else null.
 */
export function claimDataConnections(actions: readonly RecordedAction[], lines: readonly WireTranscriptLine[]): RecordedAction[] | null {
  let next: RecordedAction[] | null = null;
  for (const line of lines) {
    if (line.kind !== 'command') continue;
    const m = DATA_VERBS.exec(line.text);
    if (!m) continue;
    const verb = m[1]!.toUpperCase();
    const path = m[2]!;
    const list: readonly RecordedAction[] = next ?? actions;
    const waiting = (a: RecordedAction): boolean => a.connection === undefined && a.startSeq <= line.seq;
    let i = list.findIndex((a) => waiting(a) && a.dataPath === path);
    if (i < 0 && verb === 'RETR') i = list.findIndex((a) => waiting(a) && a.dataPath?.endsWith('/') === true && path.startsWith(a.dataPath));
    const action = list[i];
    if (!action) continue;
    next ??= [...actions];
    next[i] = { ...action, connection: line.connection };
  }
  return next;
}
