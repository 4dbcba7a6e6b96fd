/**
 * The WebSocket client: a plain module outside React. It owns the socket,
 * the hello/welcome handshake, reconnects with backoff, correlates requests
 * with replies, and hands events to a sink (the store wiring lives in
 * bootstrap.ts, so this file stays testable with a fake socket).
 *
 *   start() ─► open ─► send hello ─► welcome ─► flush outbox ─► ready
 *                 ▲                                              │ close
 *                 └──────────── backoff timer ◄──────────────────┘
 */
import {
  PROTOCOL_VERSION,
  ServerErrorCodes,
  type RequestOf,
  type RequestType,
  type ResultMap,
  type ServerMessage,
  type SessionState,
} from '@ftpdeck/protocol';
import { WebErrorCodes } from '../lib/errorMessages.ts';
import { RequestMap } from './requestMap.ts';
import { TransferEvents, isTransferEvent, type TransferListener } from './transferEvents.ts';

/** The parts of the browser WebSocket we use (so tests can pass a fake). */
export interface WebSocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  binaryType: BinaryType;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  send(data: string | ArrayBufferView | ArrayBufferLike | Blob): void;
  close(code?: number, reason?: string): void;
}

/** WebSocket.OPEN, without relying on a global in tests. */
const OPEN = 1;

/**
 * A request as the caller writes it: the id is added here. The `type`
 * intersection lets TypeScript infer T from the literal at the call site.
 */
export type RequestBody<T extends RequestType> = Omit<RequestOf<T>, 'id'> & { type: T };

/** Server events other than replies, welcome and per-transfer events. */
export type SessionEvent = Extract<
  ServerMessage,
  { type: 'transcript' | 'session-state' | 'download-progress' | 'download-end' | 'download-failed' | 'upload-interrupted' | 'remove-progress' | 'error' }
>;

/** Link status as the UI shows it. */
export type SocketLinkStatus = 'connecting' | 'open' | 'closed';

/** Where the client reports what happens; bootstrap.ts connects it to the store. */
export interface SocketSink {
  /** The link opened (after welcome), is being (re)established, or closed. */
  link(status: SocketLinkStatus, attempt: number): void;
  /** The handshake finished. `downloads`: the shown downloads still running (see the protocol's `welcome`). */
  welcome(sessionToken: string, state: SessionState, resumed: boolean, downloads?: readonly number[]): void;
  /** A transcript, session-state or error event. */
  event(msg: SessionEvent): void;
}

/** Keeps the session token across reloads of the tab. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options for a socket client. */
export interface SocketOptions {
  url: string;
  sink: SocketSink;
  createWebSocket?: (url: string) => WebSocketLike;
  storage?: TokenStorage;
  /** Reconnect delays grow from `baseMs` to `maxMs`. */
  backoff?: { baseMs: number; maxMs: number };
  random?: () => number;
}

/** sessionStorage key of the token: per tab, survives reloads, not shared between tabs. */
export const TOKEN_KEY = 'ftpdeck.sessionToken';

/**
 * Exponential backoff with jitter: attempt 0 waits about `baseMs`, doubling
 * up to `maxMs`; jitter (50–100 %) spreads reconnect storms after a restart.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** The WebSocket URL on the page's own origin. */
export function defaultSocketUrl(loc: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws`;
}

/** One WebSocket session with FTP Deck. */
export class SocketClient {
  /** Per-transfer event routing for the uploader. */
  readonly transfers = new TransferEvents();
  /** Transfers someone is waiting on, so a lost socket can end them (see #lost). */
  readonly #watched = new Map<number, TransferListener>();
  readonly #requests = new RequestMap();
  readonly #opts: Required<Omit<SocketOptions, 'storage'>> & { storage: TokenStorage | null };
  #ws: WebSocketLike | null = null;
  #ready = false;
  #outbox: string[] = [];
  #attempt = 0;
  #stopped = true;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: SocketOptions) {
    this.#opts = {
      createWebSocket: (url) => new WebSocket(url),
      backoff: { baseMs: 500, maxMs: 15_000 },
      random: Math.random,
      ...options,
      storage: options.storage ?? null,
    };
  }

  /** True after `welcome`, until the socket closes. */
  get ready(): boolean {
    return this.#ready;
  }

  /** Bytes queued in the browser's socket buffer (upload backpressure). */
  get bufferedAmount(): number {
    return this.#ws?.bufferedAmount ?? 0;
  }

  /** Requests awaiting a reply. */
  get pendingRequests(): number {
    return this.#requests.size;
  }

  /** Opens the socket and keeps it open until `stop()`. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#open();
  }

  /** Skips the backoff wait and tries again now (e.g. after the user logged in). */
  reconnectNow(): void {
    if (this.#stopped || this.#ws !== null) return;
    if (this.#reconnectTimer !== undefined) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#attempt = 0;
    this.#open();
  }

  /** Closes the socket for good (no reconnect) and fails waiting requests. */
  stop(): void {
    this.#stopped = true;
    if (this.#reconnectTimer !== undefined) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    const ws = this.#ws;
    this.#ws = null;
    ws?.close(1000, 'client stopped');
    this.#lost();
  }

  /**
   * Sends a request and resolves with its result, or rejects with a
   * RequestError carrying the wire error. Requests made before the
   * handshake wait in an outbox.
   */
  request<T extends RequestType>(body: RequestBody<T>, timeoutMs?: number): Promise<ResultMap[T]> {
    const { id, promise } = this.#requests.create(body.type as T, timeoutMs);
    const text = JSON.stringify({ ...body, id });
    if (this.#ready && this.#ws?.readyState === OPEN) this.#ws.send(text);
    else this.#outbox.push(text);
    return promise;
  }

  /** Sends one binary frame. False when the link is down (the frame is not queued). */
  sendBinary(frame: Uint8Array): boolean {
    if (!this.#ready || this.#ws?.readyState !== OPEN) return false;
    this.#ws.send(frame);
    return true;
  }

  #open(): void {
    this.#opts.sink.link('connecting', this.#attempt);
    let ws: WebSocketLike;
    try {
      ws = this.#opts.createWebSocket(this.#opts.url);
    } catch {
      this.#scheduleReconnect();
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.#ws = ws;
    ws.onopen = () => {
      const token = this.#readToken();
      ws.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, ...(token ? { sessionToken: token } : {}) }));
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let msg: ServerMessage;
      try {
        // Our own server builds these messages; a parse failure means a broken frame, not an attack surface.
        msg = JSON.parse(ev.data) as ServerMessage;
      } catch {
        return;
      }
      this.#handle(msg);
    };
    ws.onclose = () => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      this.#lost();
      this.#scheduleReconnect();
    };
    // An error is always followed by close; reconnect logic lives there.
    ws.onerror = () => {};
  }

  /** The kept token, if storage has one and lets it be read. */
  #readToken(): string | undefined {
    try {
      return this.#opts.storage?.getItem(TOKEN_KEY) ?? undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Keeps the token for a reload. A full or refusing storage (the tab's
   * other keepings share it) costs only that: the welcome must still be
   * taken, or the tab would wait for ever (Review 45).
   */
  #keepToken(token: string): void {
    try {
      this.#opts.storage?.setItem(TOKEN_KEY, token);
    } catch {
      // An older token left there would rejoin an older session after a reload: none is better.
      try {
        this.#opts.storage?.removeItem(TOKEN_KEY);
      } catch {
        // A storage that refuses both holds nothing a reload could use.
      }
    }
  }

  #handle(msg: ServerMessage): void {
    switch (msg.type) {
      case 'welcome':
        this.#keepToken(msg.sessionToken);
        this.#ready = true;
        this.#attempt = 0;
        this.#opts.sink.welcome(msg.sessionToken, msg.state, msg.resumed, msg.downloads ?? []);
        this.#opts.sink.link('open', 0);
        this.#flushOutbox();
        return;
      case 'reply':
        this.#requests.settle(msg);
        return;
      case 'error':
        // An incompatible page will never be accepted; reconnecting would only spin.
        if (msg.error.code === ServerErrorCodes.PROTOCOL_VERSION) this.#stopped = true;
        this.#opts.sink.event(msg);
        return;
      default:
        if (isTransferEvent(msg)) this.transfers.dispatch(msg);
        else this.#opts.sink.event(msg);
    }
  }

  #flushOutbox(): void {
    const ws = this.#ws;
    if (!ws) return;
    const queued = this.#outbox;
    this.#outbox = [];
    for (const text of queued) ws.send(text);
  }

  /**
   * Listens to one transfer's events, like `transfers.subscribe`, and also
   * hears of a lost socket: the server then aborts the transfer and its
   * `transfer-done` can never arrive, so a synthetic one (not ok, retryable
   * DISCONNECTED) ends the wait. The uploader resumes from there once the
   * socket is back.
   */
  watchTransfer(transferId: number, listener: TransferListener): () => void {
    this.#watched.set(transferId, listener);
    const off = this.transfers.subscribe(transferId, listener);
    return () => {
      if (this.#watched.get(transferId) === listener) this.#watched.delete(transferId);
      off();
    };
  }

  #lost(): void {
    const wasReady = this.#ready;
    this.#ready = false;
    this.#outbox = [];
    this.#requests.failAll({ code: WebErrorCodes.DISCONNECTED, message: 'The connection to FTP Deck was lost' });
    const watched = [...this.#watched];
    this.#watched.clear();
    for (const [transferId, listener] of watched) {
      listener({
        type: 'transfer-done',
        transferId,
        ok: false,
        bytes: 0,
        error: { code: WebErrorCodes.DISCONNECTED, message: 'The connection to FTP Deck was lost during the transfer', retryable: true },
      });
    }
    if (wasReady || this.#stopped) this.#opts.sink.link('closed', this.#attempt);
  }

  #scheduleReconnect(): void {
    if (this.#stopped) {
      this.#opts.sink.link('closed', this.#attempt);
      return;
    }
    const delay = backoffDelay(this.#attempt, this.#opts.backoff.baseMs, this.#opts.backoff.maxMs, this.#opts.random);
    this.#attempt += 1;
    this.#opts.sink.link('connecting', this.#attempt);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (!this.#stopped) this.#open();
    }, delay);
  }
}
