/**
 * How far a browser may fall behind reading its WebSocket.
 *
 * `ws` never refuses a send: what the browser has not read yet waits in
 * the process (`bufferedAmount`). A page that stops reading while events
 * keep coming (a chatty FTP server's transcript, a script asking for
 * listings) would grow that without bound (review 5: 552 MiB in a minute).
 * So before each message the gateway asks {@link SendBacklog.tooFarBehind};
 * past {@link MAX_BUFFERED_BYTES} it closes the socket with 1013 ("try again
 * later"), and the page reconnects and resumes its session, as after a
 * network blip.
 *
 * One reply may be large on its own (a listing of 200 000 entries is tens of
 * MB of JSON) and a slow link takes a while to carry it. So the largest
 * message still in the queue is not counted: the bound is on the backlog
 * beyond it, and memory stays below the bound plus one such message (plus
 * the one about to go).
 */

/** Backlog, beyond the largest queued message, at which a socket is closed. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Messages at least this big are remembered while queued, to be left out of the bound. */
const LARGE_MESSAGE_BYTES = 1024 * 1024;

/** Large messages remembered at once; older ones are forgotten (which only makes the bound stricter). */
const MAX_REMEMBERED = 16;

/** Bytes a text message of `payload` bytes takes on the wire from the server: unmasked header + payload (RFC 6455 §5.2). */
export function frameBytes(payload: number): number {
  return payload + (payload < 126 ? 2 : payload < 65536 ? 4 : 10);
}

/** Tracks what one socket has been sent; see the file comment. */
export class SendBacklog {
  /** Frame bytes handed to the socket so far. */
  #sent = 0;
  /** Large messages that may still be queued: where each ends in the sent stream, and its size. */
  #large: Array<{ end: number; bytes: number }> = [];

  constructor(readonly maxBytes = MAX_BUFFERED_BYTES) {}

  /** Records a message of `frame` bytes handed to the socket. */
  sent(frame: number): void {
    this.#sent += frame;
    if (frame < LARGE_MESSAGE_BYTES) return;
    this.#large.push({ end: this.#sent, bytes: frame });
    if (this.#large.length > MAX_REMEMBERED) this.#large.shift();
  }

  /** True when `buffered` (the socket's bufferedAmount) leaves more than the bound queued beyond the largest message. */
  tooFarBehind(buffered: number): boolean {
    if (buffered <= this.maxBytes) return false;
    // Everything up to `drained` has left the process; large messages ending there are gone.
    const drained = this.#sent - buffered;
    while (this.#large.length > 0 && (this.#large[0] as { end: number }).end <= drained) this.#large.shift();
    let largest = 0;
    for (const m of this.#large) largest = Math.max(largest, m.bytes);
    return buffered - largest > this.maxBytes;
  }
}
