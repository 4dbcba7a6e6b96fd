/**
 * What one server session numbered, as the download rows (api/downloadRows.ts)
 * know it: its downloads' ids and its links. A new server session numbers
 * both from 1 again, so every number here means something only in the
 * session that gave it, and {@link SessionNumbers.reset} forgets them all at
 * once when the welcome says the session is a new one.
 */
import type { DownloadWant } from '../store/transfersSlice.ts';

/** A download running now, and its row. */
export interface RunningDownload {
  key: string;
  connection?: string;
  /** The user stopped it (Cancel, Close session): an abort on its connection is theirs. */
  stopNoted?: boolean;
}

/** One server session's download and link numbers; see the file comment. */
export class SessionNumbers {
  /** downloadId → its row, while it runs. */
  running = new Map<number, RunningDownload>();
  /** link → the key of its latest row. */
  byLink = new Map<number, string>();
  /** Every downloadId the session has shown. */
  seen = new Set<number>();
  /** link → what it was asked for, until its download begins. */
  asked = new Map<number, DownloadWant>();
  /**
   * Links of Retries nobody wants any more (cancelled, or overtaken by the
   * browser's own retry): their download is stopped as it begins.
   */
  unwanted = new Set<number>();
  /** Downloads stopped for that: their later events belong to no row. */
  dropped = new Set<number>();

  /** A new server session: none of these numbers means anything any more. */
  reset(): void {
    this.running = new Map();
    this.byLink = new Map();
    this.seen = new Set();
    this.asked = new Map();
    this.unwanted = new Set();
    this.dropped = new Set();
  }
}
