/**
 * What one WebSocket may cost the server (review 5): a reader that stops
 * reading is closed with 1013 once it is 16 MiB behind, and its session
 * survives for the page to reconnect into; a socket that never says hello
 * is closed with 4002; binary frames for unknown uploads count against the
 * rate limiter, since each costs an error event back.
 */
import type net from 'node:net';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { PROTOCOL_VERSION } from '@ftpdeck/protocol';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { TargetPolicy } from '../src/policy/targetPolicy.ts';
import { SessionManager } from '../src/sessions/SessionManager.ts';
import { MAX_BUFFERED_BYTES } from '../src/ws/backlog.ts';
import { registerGateway } from '../src/ws/gateway.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

let ftp: RunningFtpServer;
const closers: Array<() => Promise<unknown>> = [];
/** Files in the big folder, and the length of their names: a listing reply of about 1 MB. */
const FILES = 3000;
const NAME = 'n'.repeat(200);

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(
    ftp,
    Array.from({ length: FILES }, (_, i) => ({ path: `big/${String(i).padStart(5, '0')}${NAME}`, content: '' })),
  );
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await ftp?.stop();
});

const until = async (test: () => boolean): Promise<void> => {
  while (!test()) await new Promise((r) => setTimeout(r, 10));
};

const closeOf = (socket: WebSocket): Promise<{ code: number; reason: string }> =>
  new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

describe('a reader that stops reading', () => {
  it('is closed with 1013 once 16 MiB behind, and its session waits for the page to reconnect', async () => {
    const logs: string[] = [];
    const app = await buildApp(testConfig(), { logStream: { write: (l) => void logs.push(l) } });
    closers.push(() => app.close());
    const base = await listenOnLoopback(app);
    const { client, welcome } = await TestWsClient.open(`ws://${base}/ws`);
    await client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password } });
    const one = await client.request('list', { path: '/big' });
    expect(one.entries).toHaveLength(FILES);

    // The page stops reading; it keeps asking for the big listing.
    const raw = (client.socket as unknown as { _socket: net.Socket })._socket;
    raw.pause();
    const closed = closeOf(client.socket);
    let asked = 0;
    for (let id = 1000; app.sessions.attachedCount > 0 && asked < 400; id++, asked++) {
      client.socket.send(JSON.stringify({ type: 'list', id, path: '/big' }));
      await new Promise((r) => setTimeout(r, 20));
    }
    // The server let go of the session as it closed the socket.
    await until(() => app.sessions.attachedCount === 0);
    const line = logs.map((l) => JSON.parse(l) as { msg: string; bufferedBytes?: number }).find((l) => l.msg.includes('fell too far behind'));
    expect(line?.bufferedBytes).toBeGreaterThan(MAX_BUFFERED_BYTES);
    // At most the bound, one large reply left out of it, and the one sent before the check.
    expect(line?.bufferedBytes).toBeLessThan(MAX_BUFFERED_BYTES + 3 * 1024 * 1024);
    expect(asked).toBeLessThan(400);

    // Reading again, the page finds the close frame behind the backlog.
    raw.resume();
    expect(await closed).toEqual({ code: 1013, reason: 'too far behind reading; reconnect' });

    // It reconnects with its token, as after a network blip: same session, still connected.
    const again = await TestWsClient.open(`ws://${base}/ws`, { token: welcome.sessionToken });
    expect(again.welcome.resumed).toBe(true);
    expect(again.welcome.state.status).toBe('connected');
    expect((await again.client.request('list', { path: '/big' })).entries).toHaveLength(FILES);
    again.client.close();
  });
});

describe('sockets without hello, and frames for unknown uploads', () => {
  let app: FastifyInstance;
  let base: string;
  let sessions: SessionManager;

  beforeAll(async () => {
    // The gateway alone, with a short hello timeout (the default is 10 s).
    app = Fastify();
    await app.register(fastifyWebsocket);
    const config = testConfig();
    sessions = new SessionManager({ config, policy: new TargetPolicy(config), log: app.log });
    await app.register(async (scope) => registerGateway(scope, sessions, app, { helloTimeoutMs: 300 }));
    base = await listenOnLoopback(app);
    closers.push(async () => {
      await sessions.closeAll();
      await app.close();
    });
  });

  it('closes a socket that says no hello with 4002 and says why; one that does stays', async () => {
    const silent = new WebSocket(`ws://${base}/ws`);
    const messages: string[] = [];
    silent.on('message', (d) => messages.push(d.toString()));
    const closed = closeOf(silent);
    expect(await closed).toEqual({ code: 4002, reason: 'no hello' });
    expect(JSON.parse(messages[0] ?? '{}')).toEqual({ type: 'error', error: { code: 'SRV_ERR_BAD_MESSAGE', message: 'no hello within 300 ms' } });

    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    await new Promise((r) => setTimeout(r, 600));
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    await client.request('disconnect');
    client.close();
  });

  it('answers binary frames for unknown uploads no faster than the rate limiter allows', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    const started = Date.now();
    for (let id = 1; id <= 5000; id++) {
      const frame = Buffer.alloc(8);
      frame.writeUInt32BE(id, 0);
      client.socket.send(frame);
    }
    // Let the bucket refill, then a request: its reply comes after every frame's answer.
    await new Promise((r) => setTimeout(r, 2100));
    await client.request('disconnect');
    const seconds = (Date.now() - started) / 1000;
    const unknown = client.events.filter((e) => e.type === 'error' && e.error.code === 'SRV_ERR_TRANSFER_UNKNOWN').length;
    expect(unknown).toBeGreaterThan(0);
    // The limiter's burst (400) plus its rate (200/s) over the whole time, far below one answer per frame.
    expect(unknown).toBeLessThanOrEqual(400 + Math.ceil(200 * seconds) + 1);
    expect(unknown).toBeLessThan(5000 / 2);
    client.close();
  });
});
