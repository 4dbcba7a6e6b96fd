/**
 * The transcript of one session: numbers every line, batches lines into
 * WebSocket messages, and keeps the most recent lines so a reloaded tab can
 * replay its history.
 *
 * Batching: a line after a quiet spell goes out on the next tick, so a
 * single command and its reply show at once. While lines keep coming, at
 * most one batch leaves every {@link BATCH_INTERVAL_MS}. A recursive delete
 * or a ZIP of thousands of files writes a command and a reply per file,
 * each in its own tick: batching per tick sent the page some 20 000 tiny
 * messages for 10 000 files, and handling them one by one kept its main
 * thread busy for the whole delete (a click took seconds to land).
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';

/** Transcript lines kept for replay after a reconnect. */
const HISTORY_LINES = 5000;
/**
 * Characters of line text kept for replay, whatever the line count: a
 * server's replies may each be up to 256 KiB, and 5000 of them would hold
 * over a gigabyte per session and make a replay too big for one message
 * (Review 51).
 */
export const HISTORY_CHARS = 4 * 1024 * 1024;

/** Least time between two batches while lines keep coming, ms: 20 a second reads as live. */
export const BATCH_INTERVAL_MS = 50;

/** Numbered, batched transcript lines with a replay history. */
export class TranscriptBuffer {
  #seq = 0;
  #pending: WireTranscriptLine[] = [];
  /** The newest lines, oldest first; trimmed once it holds twice HISTORY_LINES or HISTORY_CHARS, so a push costs O(1) on average. */
  #history: WireTranscriptLine[] = [];
  /** Characters of text in #history. */
  #chars = 0;
  #scheduled = false;
  #lastFlush = 0;
  readonly #flush: (lines: WireTranscriptLine[]) => void;
  readonly #now: () => number;

  /**
   * @param flush receives each batch
   * @param now the clock (tests pass their own)
   */
  constructor(flush: (lines: WireTranscriptLine[]) => void, now: () => number = Date.now) {
    this.#flush = flush;
    this.#now = now;
  }

  /** A copy of the kept lines, oldest first. */
  get history(): WireTranscriptLine[] {
    return this.#history.slice(this.#keptFrom());
  }

  /** Where the newest lines within HISTORY_LINES and HISTORY_CHARS begin. */
  #keptFrom(): number {
    let chars = 0;
    let i = this.#history.length;
    while (i > 0 && this.#history.length - i < HISTORY_LINES) {
      const next = chars + this.#history[i - 1]!.text.length;
      if (next > HISTORY_CHARS) break;
      chars = next;
      i -= 1;
    }
    return i;
  }

  /** Numbers the line and queues it for the next batch. */
  push(line: WireTranscriptLine): void {
    this.#seq += 1;
    line.seq = this.#seq;
    this.#pending.push(line);
    this.#history.push(line);
    this.#chars += line.text.length;
    if (this.#history.length >= 2 * HISTORY_LINES || this.#chars > 2 * HISTORY_CHARS) {
      this.#history = this.history;
      this.#chars = this.#history.reduce((n, l) => n + l.text.length, 0);
    }
    if (this.#scheduled) return;
    this.#scheduled = true;
    const wait = this.#lastFlush + BATCH_INTERVAL_MS - this.#now();
    const run = (): void => {
      this.#scheduled = false;
      this.flushNow();
    };
    if (wait > 0) setTimeout(run, wait).unref();
    else setImmediate(run);
  }

  /**
   * Sends the queued lines at once. Called before any other message goes
   * to the browser, so a reply never overtakes the transcript lines that
   * came before it (the UI groups lines under the action they belong to).
   */
  flushNow(): void {
    if (this.#pending.length === 0) return;
    const lines = this.#pending;
    this.#pending = [];
    this.#lastFlush = this.#now();
    this.#flush(lines);
  }
}
