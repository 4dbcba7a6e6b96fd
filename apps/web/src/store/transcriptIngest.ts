/**
 * What the transcript keeps of each incoming batch.
 *
 * Two corrections, both narrow:
 * - A failed login used to arrive twice: the engine writes the error when
 *   the login task fails and again when it closes the connection with that
 *   same error. An `error` line identical (text and code) to the line just
 *   before it on the same connection is that echo; the fact is shown once.
 * - Pausing or cancelling an upload aborts its STOR, cancelling a download
 *   its RETR, and the engine reports that as an `error` line whose
 *   `failure` detail says FTP_ERR_ABORTED.
 *   When the user asked for it, that line is a neutral `status`; aborts
 *   nobody asked for stay errors.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';

/** Does the line report an aborted operation (FTP_ERR_ABORTED)? Read from the detail, never the English text. */
export function isAbortLine(line: WireTranscriptLine): boolean {
  return line.detail?.type === 'failure' && line.detail.errorCode === 'FTP_ERR_ABORTED';
}

/** Memory the filter keeps between batches. */
export interface IngestMemory {
  /** The last line seen per connection, as received. */
  readonly lastByConnection: Map<string, WireTranscriptLine>;
  /** connection → the highest seq seen when the user paused or cancelled its transfer. */
  readonly userStops: Map<string, number>;
}

/** Fresh memory. */
export function createIngestMemory(): IngestMemory {
  return { lastByConnection: new Map(), userStops: new Map() };
}

function sameError(a: WireTranscriptLine | undefined, b: WireTranscriptLine): boolean {
  return a !== undefined && a.kind === 'error' && b.kind === 'error' && a.text === b.text && a.code === b.code;
}

/** Filters and reclassifies one batch; updates `memory`. Returns the lines to keep. */
export function ingestTranscript(lines: readonly WireTranscriptLine[], memory: IngestMemory): WireTranscriptLine[] {
  const kept: WireTranscriptLine[] = [];
  for (const line of lines) {
    const previous = memory.lastByConnection.get(line.connection);
    memory.lastByConnection.set(line.connection, line);
    if (sameError(previous, line)) continue;
    const stop = memory.userStops.get(line.connection);
    if (line.kind === 'error' && isAbortLine(line) && stop !== undefined && line.seq > stop) {
      // One stop explains one abort; a later abort on this connection is judged afresh.
      memory.userStops.delete(line.connection);
      kept.push({ ...line, kind: 'status' });
      continue;
    }
    kept.push(line);
  }
  return kept;
}
