/**
 * The transcript of one session: numbers every line, batches lines per tick
 * (one WebSocket frame for a burst of replies), and keeps the most recent
 * lines so a reloaded tab can replay its history.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';

/** Transcript lines kept for replay after a reconnect. */
const HISTORY_LINES = 5000;

/** Numbered, per-tick batched transcript lines with a replay history. */
export class TranscriptBuffer {
  #seq = 0;
  #pending: WireTranscriptLine[] = [];
  #history: WireTranscriptLine[] = [];
  #flushScheduled = false;
  readonly #flush: (lines: WireTranscriptLine[]) => void;

  /** @param flush receives each batch (at most one per tick) */
  constructor(flush: (lines: WireTranscriptLine[]) => void) {
    this.#flush = flush;
  }

  /** A copy of the kept lines, oldest first. */
  get history(): WireTranscriptLine[] {
    return [...this.#history];
  }

  /** Numbers the line and queues it for the next batch. */
  push(line: WireTranscriptLine): void {
    this.#seq += 1;
    line.seq = this.#seq;
    this.#pending.push(line);
    this.#history.push(line);
    if (this.#history.length > HISTORY_LINES) this.#history.splice(0, this.#history.length - HISTORY_LINES);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      this.flushNow();
    });
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
    this.#flush(lines);
  }
}
