/**
 * A small typed client over a real `ws` socket, for tests: requests by id,
 * a record of every event, and a helper to wait for one.
 */
import WebSocket from 'ws';
import {
  PROTOCOL_VERSION,
  encodeUploadFrame,
  type RequestType,
  type ResultMap,
  type ServerMessage,
  type WireError,
} from '@ftpdeck/protocol';

type EventMessage = Exclude<ServerMessage, { type: 'reply' }>;

export class TestWsClient {
  readonly events: EventMessage[] = [];
  /** Every text message as it arrived, replies included (for ordering checks). */
  readonly arrivals: ServerMessage[] = [];
  #nextId = 1;
  #pending = new Map<number, { resolve: (m: ServerMessage) => void }>();
  #waiters: Array<{ test: (m: EventMessage) => boolean; resolve: (m: EventMessage) => void }> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const msg = JSON.parse(data.toString()) as ServerMessage;
      this.arrivals.push(msg);
      if (msg.type === 'reply') {
        this.#pending.get(msg.id)?.resolve(msg);
        this.#pending.delete(msg.id);
        return;
      }
      this.events.push(msg);
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.test(msg)) return true;
        w.resolve(msg);
        return false;
      });
    });
  }

  /**
   * Opens a client on the app at `base` (host:port) and connects it to an
   * FTP server (`target` is where to dial, a proxy or the server itself).
   */
  static async connectedTo(base: string, target: { host: string; port: number }, login: { user: string; password: string }): Promise<TestWsClient> {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    await client.request('connect', { params: { host: target.host, port: target.port, user: login.user, password: login.password } });
    return client;
  }

  /** Opens a socket and completes the hello/welcome handshake. */
  static async open(url: string, opts: { token?: string; origin?: string } = {}): Promise<{ client: TestWsClient; welcome: Extract<ServerMessage, { type: 'welcome' }> }> {
    const socket = new WebSocket(url, opts.origin ? { origin: opts.origin } : {});
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const client = new TestWsClient(socket);
    const welcome = client.waitFor((m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome');
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION, ...(opts.token ? { sessionToken: opts.token } : {}) }));
    return { client, welcome: (await welcome) as Extract<ServerMessage, { type: 'welcome' }> };
  }

  /** Sends raw JSON (for validation tests) and returns the reply with that id. */
  sendRaw(msg: Record<string, unknown> & { id: number }): Promise<ServerMessage> {
    return new Promise((resolve) => {
      this.#pending.set(msg.id, { resolve });
      this.socket.send(JSON.stringify(msg));
    });
  }

  /** Sends a request; resolves with the result or rejects with the wire error. */
  async request<T extends RequestType>(type: T, fields: Record<string, unknown> = {}): Promise<ResultMap[T]> {
    const id = this.#nextId++;
    const reply = await this.sendRaw({ type, id, ...fields });
    if (reply.type !== 'reply') throw new Error('not a reply');
    if (!reply.ok) throw Object.assign(new Error(reply.error.message), { wire: reply.error });
    return reply.result as ResultMap[T];
  }

  /** Waits for the first event (past or future) that passes `test`. */
  waitFor<M extends EventMessage>(test: (m: EventMessage) => m is M): Promise<M>;
  waitFor(test: (m: EventMessage) => boolean): Promise<EventMessage>;
  waitFor(test: (m: EventMessage) => boolean): Promise<EventMessage> {
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.push({ test, resolve }));
  }

  /**
   * Uploads bytes the way the browser does: upload-start, windowed frames,
   * transfer-done. `holdMs` pauses after the first frame (a slow browser);
   * `extra` adds fields to upload-start (`transferType`).
   */
  async upload(path: string, bytes: Buffer, mode: 'overwrite' | 'append' | 'resume' = 'overwrite', chunk = 256 * 1024, holdMs = 0, extra: Record<string, unknown> = {}) {
    const { transferId, offset, window } = await this.request('upload-start', { path, size: bytes.length, mode, ...extra });
    let acked = 0;
    // An upload can end early (a dropped connection): stop sending then, as the browser does.
    let ended = false;
    const done = this.waitFor((m) => m.type === 'transfer-done' && m.transferId === transferId);
    void done.then(() => {
      ended = true;
    });
    for (let sent = offset; sent < bytes.length && !ended; ) {
      while (!ended && sent - offset - acked >= window) acked = await Promise.race([this.waitNextAck(transferId, acked), done.then(() => acked)]);
      if (ended) break;
      const end = Math.min(bytes.length, sent + chunk);
      this.socket.send(encodeUploadFrame(transferId, bytes.subarray(sent, end)));
      if (holdMs > 0 && sent === offset) await new Promise((r) => setTimeout(r, holdMs));
      sent = end;
    }
    await done;
    return { transferId, offset, done: (await done) as Extract<ServerMessage, { type: 'transfer-done' }> };
  }

  /** Resolves with the next ack beyond `after`. */
  waitNextAck(transferId: number, after: number): Promise<number> {
    return new Promise((resolve) => {
      const test = (m: EventMessage) => m.type === 'upload-ack' && m.transferId === transferId && m.accepted > after;
      const seen = this.events.find(test);
      if (seen && seen.type === 'upload-ack') return resolve(seen.accepted);
      this.#waiters.push({ test, resolve: (m) => resolve(m.type === 'upload-ack' ? m.accepted : after) });
    });
  }

  transcriptText(): string {
    return this.events
      .flatMap((e) => (e.type === 'transcript' ? e.lines.map((l) => l.text) : []))
      .join('\n');
  }

  close(): void {
    this.socket.close();
  }
}

export type { WireError };
