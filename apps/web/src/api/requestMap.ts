/**
 * Correlates requests with their replies. Each request gets a fresh numeric
 * id; the single reply with that id settles its promise. A timer rejects
 * requests the server never answers, and a socket loss rejects them all.
 *
 *   id ──► { resolve, reject, timer }   (deleted on settle)
 */
import { ServerErrorCodes, type RequestType, type ResultMap, type WireError } from '@ftpdeck/protocol';
import { RequestError, WebErrorCodes } from '../lib/errorMessages.ts';

/** The reply fields the map needs, whatever its request type. */
export type ReplyLike =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: WireError };

interface Pending {
  type: RequestType;
  resolve: (value: unknown) => void;
  reject: (reason: RequestError) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Time limit for requests without a specific one, in ms. */
export const DEFAULT_REQUEST_TIMEOUT = 30_000;

/** Time limits per request type, in ms. Listing and recursive delete can be slow. */
export const REQUEST_TIMEOUTS: Readonly<Partial<Record<RequestType, number>>> = {
  connect: 90_000,
  'set-encoding': 90_000,
  disconnect: 15_000,
  list: 180_000,
  // Up to 200 MKDs, one round trip each.
  mkdirs: 10 * 60_000,
  remove: 30 * 60_000,
  'upload-start': 60_000,
  'transfer-cancel': 15_000,
  raw: 60_000,
};

/** The time limit for a request type. */
export function timeoutFor(type: RequestType): number {
  return REQUEST_TIMEOUTS[type] ?? DEFAULT_REQUEST_TIMEOUT;
}

/** The id → promise map. One per socket client. */
export class RequestMap {
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  /** Number of requests still waiting, for tests and the status bar. */
  get size(): number {
    return this.#pending.size;
  }

  /**
   * Registers a request and returns its id and the promise of its result.
   * `timeoutMs` of 0 disables the timer.
   */
  create<T extends RequestType>(
    type: T,
    timeoutMs: number = timeoutFor(type),
  ): { id: number; promise: Promise<ResultMap[T]> } {
    const id = this.#nextId++;
    const promise = new Promise<ResultMap[T]>((resolve, reject) => {
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              this.#pending.delete(id);
              reject(
                new RequestError({
                  code: WebErrorCodes.TIMEOUT,
                  message: `No reply to ${type} within ${Math.round(timeoutMs / 1000)} s`,
                }),
              );
            }, timeoutMs)
          : undefined;
      // The map holds every type; the reply's shape is fixed by the server per type.
      this.#pending.set(id, { type, resolve: resolve as (v: unknown) => void, reject, timer });
    });
    return { id, promise };
  }

  /**
   * Settles the request a reply belongs to. Returns false for unknown ids
   * (late or duplicate replies).
   *
   * A SRV_ERR_DUPLICATE_ID refusal does not settle: the server sends it
   * when a frame with an id still running arrives again, and the request
   * under that id still runs and gets its own reply after the refusal
   * (docs/protocol.md). This page never reuses an id, so a refusal of an
   * id it waits on means its frame reached the server twice; settling on
   * the refusal dropped the real reply as unknown and left a listing
   * that loaded fine under a "sent twice" error.
   */
  settle(reply: ReplyLike): boolean {
    const entry = this.#pending.get(reply.id);
    if (!entry) return false;
    if (!reply.ok && reply.error.code === ServerErrorCodes.DUPLICATE_ID) return true;
    this.#pending.delete(reply.id);
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    if (reply.ok) entry.resolve(reply.result);
    else entry.reject(new RequestError(reply.error));
    return true;
  }

  /** Rejects one request locally (e.g. it could not be sent). */
  fail(id: number, error: WireError): void {
    const entry = this.#pending.get(id);
    if (!entry) return;
    this.#pending.delete(id);
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.reject(new RequestError(error));
  }

  /** Rejects every waiting request, e.g. when the socket drops. */
  failAll(error: WireError): void {
    for (const id of [...this.#pending.keys()]) this.fail(id, error);
  }
}
