/**
 * Test doubles for the operation modules (unit tests only, never shipped):
 * a scripted request function that records calls, a fresh store, and an
 * upload channel that plays a cooperative relay.
 */
import type { RequestType, ResultMap, TransferType, VerifiedBy, WireError } from '@ftpdeck/protocol';
import type { StoreApi } from 'zustand/vanilla';
import { RequestError } from '../../lib/errorMessages.ts';
import { createAppStore } from '../../store/index.ts';
import type { AppState } from '../../store/types.ts';
import type { RequestBody } from '../socket.ts';
import { TransferEvents } from '../transferEvents.ts';
import type { OpsDeps, RequestFn } from '../types.ts';
import type { UploadChannel, UploadMode } from '../uploader.ts';

/** A handler answers one request: a result, or a WireError to reject with. */
type Handler = (body: Record<string, unknown>) => unknown;

/** Records requests and answers them from per-type handlers. */
export class FakeServer {
  readonly calls: Array<Record<string, unknown>> = [];
  readonly handlers = new Map<RequestType, Handler>();

  /** Answers `type` with a fixed result or a function of the request (which may answer later, with a promise). */
  on<T extends RequestType>(type: T, answer: ResultMap[T] | ((body: RequestBody<T>) => ResultMap[T] | WireError | Promise<ResultMap[T] | WireError>)): this {
    this.handlers.set(type, (body) => (typeof answer === 'function' ? (answer as Handler)(body) : answer));
    return this;
  }

  /** Makes `type` fail with `error`. */
  fail(type: RequestType, error: WireError): this {
    this.handlers.set(type, () => ({ __error: error }));
    return this;
  }

  /** Requests of one type, in order. */
  sent(type: RequestType): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.type === type);
  }

  readonly request: RequestFn = async (body) => {
    const b = body as unknown as Record<string, unknown>;
    this.calls.push(b);
    const handler = this.handlers.get(b.type as RequestType);
    if (!handler) throw new RequestError({ code: 'TEST_NO_HANDLER', message: `no handler for ${String(b.type)}` });
    const out = (await handler(b)) as { __error?: WireError; code?: unknown; message?: unknown };
    if (out && typeof out === 'object' && '__error' in out && out.__error) throw new RequestError(out.__error);
    // A handler may return a WireError (string code + message) to fail just that call.
    if (out && typeof out.code === 'string' && typeof out.message === 'string') throw new RequestError(out as WireError);
    // The handler's type fixes the result shape; the map cannot express it per call.
    return out as never;
  };
}

/** An upload channel whose relay accepts everything at once and finishes as scripted. */
export class FakeUploadChannel implements UploadChannel {
  readonly events = new TransferEvents();
  readonly starts: Array<{ path: string; size: number; mode: UploadMode; transferType?: TransferType; modified?: string }> = [];
  /** Decides each transfer's outcome once all bytes arrived; default ok. */
  /** With `modified` sent, the server set the time unless the outcome's `timeKept` says otherwise. */
  outcome: (n: number, size: number) => { ok: true; verifiedBy?: VerifiedBy; verifiedFrom?: number; timeKept?: boolean } | { ok: false; error: WireError; resumeFrom?: number } = () => ({ ok: true });
  #next = 1;
  #sizes = new Map<number, { size: number; got: number; n: number; modified: boolean }>();

  async start(path: string, size: number, mode: UploadMode, transferType?: TransferType, modified?: string) {
    this.starts.push({ path, size, mode, ...(transferType !== undefined ? { transferType } : {}), ...(modified !== undefined ? { modified } : {}) });
    const id = this.#next++;
    this.#sizes.set(id, { size, got: 0, n: this.starts.length, modified: modified !== undefined });
    if (size === 0) queueMicrotask(() => this.#finish(id));
    return { transferId: id, offset: 0, window: 1 << 30 };
  }

  sendFrame(frame: Uint8Array): boolean {
    const id = new DataView(frame.buffer, frame.byteOffset).getUint32(0);
    const t = this.#sizes.get(id);
    if (!t) return false;
    t.got += frame.byteLength - 4;
    if (t.got >= t.size) queueMicrotask(() => this.#finish(id));
    return true;
  }

  bufferedAmount(): number {
    return 0;
  }

  subscribe(transferId: number, listener: Parameters<UploadChannel['subscribe']>[1]) {
    return this.events.subscribe(transferId, listener);
  }

  /** Like the server: ABOR, then a `transfer-done` saying what it kept (all the bytes that came). */
  async cancel(transferId: number) {
    const t = this.#sizes.get(transferId);
    if (t) {
      this.#sizes.delete(transferId);
      const error: WireError = { code: 'SRV_ERR_CANCELLED', message: 'upload cancelled' };
      queueMicrotask(() => this.events.dispatch({ type: 'transfer-done', transferId, ok: false, bytes: t.got, error, resumeFrom: t.got }));
    }
    return {};
  }

  #finish(id: number): void {
    const t = this.#sizes.get(id);
    if (!t) return;
    const o = this.outcome(t.n, t.size);
    if (o.ok) {
      const tail = o.verifiedFrom !== undefined ? { verifiedFrom: o.verifiedFrom } : {};
      const time = t.modified ? { timeKept: o.timeKept ?? true } : {};
      this.events.dispatch({ type: 'transfer-done', transferId: id, ok: true, bytes: t.size, verified: true, verifiedBy: o.verifiedBy ?? 'size', ...tail, ...time });
    }
    else this.events.dispatch({ type: 'transfer-done', transferId: id, ok: false, bytes: o.resumeFrom ?? 0, error: o.error, resumeFrom: o.resumeFrom });
  }
}

/** Everything an ops test needs. */
export function fakeDeps(): { server: FakeServer; store: StoreApi<AppState>; channel: FakeUploadChannel; deps: OpsDeps } {
  const server = new FakeServer();
  const store = createAppStore({ transcriptCapacity: 100 });
  const channel = new FakeUploadChannel();
  return { server, store, channel, deps: { request: server.request, store, uploadChannel: channel } };
}

/** A File-like object backed by bytes (jsdom's Blob lacks arrayBuffer). */
export function memoryFile(name: string, bytes: Uint8Array | string): { name: string; size: number; slice: (a: number, b: number) => { arrayBuffer: () => Promise<ArrayBuffer> } } {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return {
    name,
    size: data.byteLength,
    slice: (a, b) => ({ arrayBuffer: async () => data.slice(a, b).buffer }),
  };
}

/** Lets pending promises and timers of 0 ms run. */
export async function flush(times = 10): Promise<void> {
  for (let i = 0; i < times; i += 1) await new Promise((r) => setTimeout(r, 0));
}
