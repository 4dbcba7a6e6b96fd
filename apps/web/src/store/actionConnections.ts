/**
 * Uploads and downloads learn their FTP connection from the transcript: the
 * first `STOR`/`RETR <path>` command after the action names the connection
 * its lines arrive on. This is decided once, as lines are ingested, so the
 * grouping does not depend on which lines a view happens to show.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import type { RecordedAction } from './insightSlice.ts';

const DATA_VERBS = /^(?:STOR|APPE|STOU|RETR)\s+(.+)$/i;

/** A `dataPath` names one file, or, ending in `/`, every file below a folder (a ZIP download). */
function servesPath(dataPath: string, path: string): boolean {
  return dataPath.endsWith('/') ? path.startsWith(dataPath) : path === dataPath;
}

/**
 * Gives each pending action (a `dataPath`, no connection yet) the connection
 * of the first data command for its path at or after its `startSeq`; each
 * command serves one action, the earliest waiting. Returns a new array when
 * an action changed, else null.
 */
export function claimDataConnections(actions: readonly RecordedAction[], lines: readonly WireTranscriptLine[]): RecordedAction[] | null {
  let next: RecordedAction[] | null = null;
  for (const line of lines) {
    if (line.kind !== 'command') continue;
    const path = DATA_VERBS.exec(line.text)?.[1];
    if (path === undefined) continue;
    const list: readonly RecordedAction[] = next ?? actions;
    const i = list.findIndex((a) => a.connection === undefined && a.dataPath !== undefined && servesPath(a.dataPath, path) && a.startSeq <= line.seq);
    const action = list[i];
    if (!action) continue;
    next ??= [...actions];
    next[i] = { ...action, connection: line.connection };
  }
  return next;
}
