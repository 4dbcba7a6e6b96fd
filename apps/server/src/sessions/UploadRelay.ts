/**
 * Turns the browser's binary upload frames into a Readable the engine can
 * STOR from, with end-to-end flow control.
 *
 * The browser may have at most `window` bytes in flight beyond the last
 * `upload-ack`. We acknowledge bytes only once the engine has pulled them
 * out of our buffer, i.e. once the FTP data connection had room for them. So
 * a slow FTP server slows the browser down, and the relay holds at most about
 * one window per upload whatever the file size.
 */
import { Readable } from 'node:stream';

/** Callbacks of a relay. */
export interface UploadRelayEvents {
  /** The engine has taken `accepted` bytes in total: tell the browser. */
  onAck(accepted: number): void;
  /** Each chunk as the engine takes it, in order (the streaming hash for verification). */
  onData?(chunk: Buffer): void;
}

/**
 * How often to ack (bytes): an eighth of the window, within 64 KiB–1 MiB.
 * Often enough that the browser's window never stalls (it always has 7/8 of
 * it to send while an ack travels), rare enough that acks cost nothing: 1 MiB
 * with the default 8 MiB window is 1024 small text frames per GiB, not 4096.
 */
export function ackInterval(window: number): number {
  return Math.max(64 * 1024, Math.min(1024 * 1024, Math.floor(window / 8)));
}

export class UploadRelay {
  readonly stream: Readable;
  /** Bytes received from the browser. */
  received = 0;
  /** Bytes handed to the engine's side of the stream. */
  accepted = 0;
  #lastAck = 0;
  /** Frames received but not yet asked for by the stream. */
  readonly #queue: Buffer[] = [];
  /** The stream asked for data while the queue was empty. */
  #wanting = false;
  readonly #expected: number;
  readonly #window: number;
  readonly #ackEvery: number;
  readonly #events: UploadRelayEvents;

  /**
   * @param expected bytes the browser will send (file size minus resume offset)
   * @param window   bytes allowed in flight beyond the last ack
   */
  constructor(expected: number, window: number, events: UploadRelayEvents) {
    this.#expected = expected;
    this.#window = window;
    this.#ackEvery = ackInterval(window);
    this.#events = events;
    // A small buffer inside the stream: bytes count as accepted only when the
    // engine's pull reaches them, so the window reflects the FTP side's pace.
    this.stream = new Readable({ highWaterMark: 64 * 1024, read: () => this.#onRead() });
    // The failure is reported through the upload's promise; without a
    // listener, destroying the stream with an error would crash the process.
    this.stream.on('error', () => undefined);
    if (expected === 0) this.stream.push(null);
  }

  /** True once every expected byte has arrived. */
  get complete(): boolean {
    return this.received >= this.#expected;
  }

  /**
   * Feeds one frame's payload. Returns an error message when the browser
   * broke the contract (overran the size or the window); the caller fails
   * the transfer with it.
   */
  push(payload: Uint8Array): string | null {
    if (this.received + payload.byteLength > this.#expected) {
      return `upload overran its declared size (${this.#expected} bytes)`;
    }
    if (this.received + payload.byteLength - this.accepted > this.#window * 2) {
      return `upload ignored its flow-control window (${this.#window} bytes)`;
    }
    this.received += payload.byteLength;
    // No copy: ws hands each message its own bytes (a slice of a socket read,
    // which Node allocates fresh and ws never reuses), so a view is safe and
    // saves a memcpy of every uploaded byte.
    this.#queue.push(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
    if (this.#wanting) {
      this.#wanting = false;
      this.#onRead();
    }
    return null;
  }

  /** Ends the stream with an error (cancel, socket gone). */
  fail(err: Error): void {
    this.#queue.length = 0;
    this.stream.destroy(err);
  }

  /** The stream wants more: hand over one queued frame, or remember the wish. */
  #onRead(): void {
    const chunk = this.#queue.shift();
    if (!chunk) {
      this.#wanting = true;
      return;
    }
    this.accepted += chunk.byteLength;
    this.#events.onData?.(chunk);
    const done = this.accepted >= this.#expected;
    if (this.accepted - this.#lastAck >= this.#ackEvery || done) {
      this.#lastAck = this.accepted;
      this.#events.onAck(this.accepted);
    }
    this.stream.push(chunk);
    if (done) this.stream.push(null);
  }

  /** Reports the final count once the engine is done (covers a last partial ack). */
  finish(): void {
    if (this.accepted > this.#lastAck) {
      this.#lastAck = this.accepted;
      this.#events.onAck(this.accepted);
    }
  }
}
