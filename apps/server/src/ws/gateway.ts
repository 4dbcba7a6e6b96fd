/**
 * The WebSocket route. Handlers are attached synchronously, before anything
 * async, so no early message is lost. Every inbound text frame is validated
 * against the protocol schema before it reaches a session; binary frames are
 * upload bytes.
 *
 * Sockets are bounded too: one that says no `hello` within
 * {@link HELLO_TIMEOUT_MS} is closed (4002), and one whose reader falls more
 * than 16 MiB behind is closed with 1013 and its session kept for the grace
 * period, so the page reconnects into it (backlog.ts).
 */
import {
  ClientMessage,
  MAX_TEXT_FRAME_BYTES,
  PROTOCOL_VERSION,
  ServerErrorCodes,
  decodeUploadFrame,
  type ParsedClientMessage,
  type RequestType,
  type ServerMessage,
  type WireError,
} from '@ftpdeck/protocol';
import type { FastifyInstance } from 'fastify';
import type { WebSocket, RawData } from 'ws';
import type { Session } from '../sessions/Session.ts';
import type { SessionManager } from '../sessions/SessionManager.ts';
import { errorToWire } from '../sessions/toWire.ts';
import { dispatch } from './handlers.ts';
import { RateLimiter } from './RateLimiter.ts';
import { frameBytes, MAX_BUFFERED_BYTES, SendBacklog } from './backlog.ts';

/**
 * Close codes: the application's own (4000–4999), and RFC 6455's 1013 "try
 * again later" for a reader that fell too far behind (docs/protocol.md).
 */
export const CloseCodes = { PROTOCOL_VERSION: 4001, BAD_HELLO: 4002, SERVER_SHUTDOWN: 4003, LIMIT: 4004, SESSION_ENDED: 4005, TRY_AGAIN: 1013 } as const;

/** A socket that has not said `hello` this long after opening is closed with 4002. */
export const HELLO_TIMEOUT_MS = 10_000;

/** After a 1013 close, how long the close frame may wait behind the backlog before the socket is dropped. */
const SLOW_CLOSE_GRACE_MS = 5_000;

/** Per-socket bounds; the defaults are the exported constants. */
export interface GatewayOptions {
  helloTimeoutMs: number;
  /** Backlog beyond the largest queued message at which a socket is closed with 1013. */
  maxBufferedBytes: number;
}

/** Open sockets, so a graceful shutdown can tell each browser (close code 4003). */
export const openSockets = new WeakMap<FastifyInstance, Set<WebSocket>>();

/** Closes every open socket with 4003 "server shutting down". */
export function closeAllSockets(app: FastifyInstance): void {
  for (const socket of openSockets.get(app) ?? []) socket.close(CloseCodes.SERVER_SHUTDOWN, 'server shutting down');
}

const HEARTBEAT_MS = 30_000;

/** How far into a frame (from either end) peekRequestId looks. */
const ID_PEEK_BYTES = 256;

/** Text bytes one rate-limiter token pays for. */
const TOKEN_BYTES = 64 * 1024;

/**
 * The request id of a frame that will not be parsed (too large, rate
 * limited), read from its first bytes only, so refusing a big frame costs no
 * full parse. `undefined` when no top-level-looking `"id": N` is there.
 */
export function peekRequestId(bytes: Buffer): number | undefined {
  // Either among the first members (strings skipped whole and no nesting, so an "id" inside a value never matches)…
  const head = bytes.subarray(0, ID_PEEK_BYTES).toString('latin1');
  const first = /^\s*\{(?:[^"{}[\]]|"(?:[^"\\]|\\.)*")*?"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(head)?.[1];
  if (first !== undefined) return Number(first);
  // …or the last member, where the web app puts it (`{...body, id}`): right before the closing brace.
  const tail = bytes.subarray(Math.max(0, bytes.byteLength - 64)).toString('latin1');
  const last = /[,{]\s*"id"\s*:\s*(\d{1,15})\s*\}\s*$/.exec(tail)?.[1];
  return last === undefined ? undefined : Number(last);
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** Registers GET /ws. */
export function registerGateway(app: FastifyInstance, sessions: SessionManager, root: FastifyInstance = app, options: Partial<GatewayOptions> = {}): void {
  const helloTimeoutMs = options.helloTimeoutMs ?? HELLO_TIMEOUT_MS;
  const maxBufferedBytes = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
  const sockets = openSockets.get(root) ?? new Set<WebSocket>();
  openSockets.set(root, sockets);
  app.get('/ws', { websocket: true }, (socket: WebSocket, req) => {
    let session: Session | null = null;
    sockets.add(socket);
    let alive = true;
    const limiter = new RateLimiter(200, 400);
    const backlog = new SendBacklog(maxBufferedBytes);
    /** Set once the socket is being closed for falling behind: nothing more is sent or taken. */
    let dropped = false;
    const send = (msg: ServerMessage): void => {
      if (dropped || socket.readyState !== socket.OPEN) return;
      if (backlog.tooFarBehind(socket.bufferedAmount)) return void tooFarBehind();
      const bytes = Buffer.from(JSON.stringify(msg), 'utf8');
      backlog.sent(frameBytes(bytes.length));
      socket.send(bytes, { binary: false });
    };

    /** The browser stopped reading (or reads far slower than events come): see backlog.ts. */
    function tooFarBehind(): void {
      dropped = true;
      app.log.warn({ session: session?.logId, bufferedBytes: socket.bufferedAmount }, 'closing a WebSocket whose reader fell too far behind (1013)');
      // Free the session now rather than on 'close': the close frame waits
      // behind the backlog, and the page that reconnects meanwhile must find
      // its session detached to resume it (SessionManager.claim).
      if (session) sessions.release(session);
      session = null;
      socket.close(CloseCodes.TRY_AGAIN, 'too far behind reading; reconnect');
      // A reader that stopped will not read the close frame either: do not hold its backlog for long.
      const drop = setTimeout(() => socket.terminate(), SLOW_CLOSE_GRACE_MS);
      drop.unref();
      socket.once('close', () => clearTimeout(drop));
    }

    /** Ids of this socket's requests that have not been answered yet (duplicates are refused). */
    const inFlight = new Set<number>();
    /** Set when the server ended this socket's session: every later request gets this error. */
    let endedBy: WireError | null = null;
    /** The server ended the session (SessionManager.close with a reason): tell the page and close. */
    function onEnded(error: WireError): void {
      endedBy = error;
      session = null;
      send({ type: 'error', error });
      socket.close(CloseCodes.SESSION_ENDED, 'session ended');
    }

    // A socket that never says hello holds a slot and memory for nothing.
    const helloTimer = setTimeout(() => {
      if (session || dropped || socket.readyState !== socket.OPEN) return;
      send({ type: 'error', error: { code: ServerErrorCodes.BAD_MESSAGE, message: `no hello within ${helloTimeoutMs} ms` } });
      socket.close(CloseCodes.BAD_HELLO, 'no hello');
    }, helloTimeoutMs);
    helloTimer.unref();

    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);
    socket.on('pong', () => {
      alive = true;
    });

    socket.on('close', () => {
      sockets.delete(socket);
      clearInterval(heartbeat);
      clearTimeout(helloTimer);
      if (session) sessions.release(session);
    });

    socket.on('message', (data: RawData, isBinary: boolean) => {
      try {
        onMessage(data, isBinary);
      } catch (err) {
        // Whatever a browser sends must never take the process down.
        app.log.warn({ err: (err as Error).message }, 'a WebSocket message handler threw');
        send({ type: 'error', error: errorToWire(err) });
      }
    });

    function onMessage(data: RawData, isBinary: boolean): void {
      if (dropped) return;
      const bytes = toBuffer(data);
      if (isBinary) {
        const frame = decodeUploadFrame(bytes);
        if (!session || !frame) return;
        // A frame for an id with no running upload costs an error event back, so
        // such frames count against the rate limiter; beyond it they are dropped.
        if (!session.transfers.hasUpload(frame.transferId) && !limiter.take()) return;
        session.transfers.onFrame(frame.transferId, frame.payload);
        return;
      }
      // Every answer to a request goes to its id when one can be read, even for a
      // frame refused unread (rate, size): the page waits on that id otherwise.
      const refuse = (error: WireError): void => {
        const id = peekRequestId(bytes);
        send(id === undefined ? { type: 'error', error } : { type: 'reply', id, ok: false, error });
      };
      // A big frame costs a full parse: one token, and one more per full 64 KiB it holds.
      if (!limiter.take(1 + Math.floor(bytes.byteLength / TOKEN_BYTES))) return refuse({ code: ServerErrorCodes.LIMIT, message: 'too many messages; slow down', retryable: true });
      if (bytes.byteLength > MAX_TEXT_FRAME_BYTES) {
        return refuse({ code: ServerErrorCodes.LIMIT, message: `message of ${bytes.byteLength} bytes is larger than ${MAX_TEXT_FRAME_BYTES} bytes` });
      }
      let json: unknown;
      try {
        json = JSON.parse(bytes.toString('utf8'));
      } catch {
        send({ type: 'error', error: { code: ServerErrorCodes.BAD_MESSAGE, message: 'message is not JSON' } });
        return;
      }
      const parsed = ClientMessage.safeParse(json);
      if (!parsed.success) {
        const id = typeof json === 'object' && json !== null && 'id' in json ? (json as { id: unknown }).id : undefined;
        const error = { code: ServerErrorCodes.BAD_MESSAGE, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ') };
        send(typeof id === 'number' ? { type: 'reply', id, ok: false, error } : { type: 'error', error });
        return;
      }
      const msg: ParsedClientMessage = parsed.data;
      if (msg.type === 'hello') {
        // A socket whose session the server ended takes no new one: the page opens a new socket.
        if (session || endedBy) return;
        if (msg.protocolVersion !== PROTOCOL_VERSION) {
          send({
            type: 'error',
            error: { code: ServerErrorCodes.PROTOCOL_VERSION, message: `server speaks protocol ${PROTOCOL_VERSION}, page speaks ${msg.protocolVersion}; reload the page` },
          });
          socket.close(CloseCodes.PROTOCOL_VERSION, 'protocol version');
          return;
        }
        let claimed;
        try {
          claimed = sessions.claim(msg.sessionToken, req.ip);
        } catch (err) {
          send({ type: 'error', error: errorToWire(err) });
          socket.close(sessions.shuttingDown ? CloseCodes.SERVER_SHUTDOWN : CloseCodes.LIMIT, 'refused');
          return;
        }
        session = claimed.session;
        clearTimeout(helloTimer);
        send({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, sessionToken: session.token, resumed: claimed.resumed, state: session.state, downloads: session.transfers.downloads.shownIds });
        session.attach(send, onEnded);
        return;
      }
      if (endedBy) {
        send({ type: 'reply', id: msg.id, ok: false, error: endedBy });
        return;
      }
      if (!session) {
        send({ type: 'reply', id: msg.id, ok: false, error: { code: ServerErrorCodes.BAD_MESSAGE, message: 'send hello first' } });
        return;
      }
      if (inFlight.has(msg.id)) {
        send({ type: 'reply', id: msg.id, ok: false, error: { code: ServerErrorCodes.DUPLICATE_ID, message: `request id ${msg.id} is still in flight on this socket; this request did not run` } });
        return;
      }
      if (msg.type === 'upload-start' && sessions.shuttingDown) {
        // Draining: running transfers get the grace period; a new one would only be aborted in it.
        send({ type: 'reply', id: msg.id, ok: false, error: { code: ServerErrorCodes.SHUTTING_DOWN, message: 'the server is shutting down; start the upload again once it is back', retryable: true } });
        return;
      }
      const current = session;
      current.beginRequest();
      inFlight.add(msg.id);
      // The request's transcript lines go out before its reply; the reply itself only to
      // this socket (a reloaded page numbers its requests from 1 again).
      const answer = (reply: ServerMessage): void => {
        inFlight.delete(msg.id);
        current.endRequest();
        current.flushTranscript();
        send(reply);
      };
      // Through a promise even if a handler threw before returning one: every request gets its reply and its endRequest.
      Promise.resolve(msg as typeof msg & { type: RequestType }).then((request) => dispatch(current, request)).then(
        (result) => answer({ type: 'reply', id: msg.id, ok: true, result }),
        (err: unknown) => answer({ type: 'reply', id: msg.id, ok: false, error: errorToWire(err) }),
      );
    }
  });
}
