/**
 * How sessions end (review 9, S1). The idle sweep used to close a session
 * whose tab was still open: the page heard nothing, and a later connect on
 * that socket opened FTP connections nobody tracked or ever QUIT. Now an
 * idle session is swept with QUIT whether a tab holds it or not, and a tab
 * that holds it is told (session-state, SRV_ERR_SESSION_ENDED, close 4005)
 * and can run nothing more on it; a running transfer keeps a session from
 * idling out.
 * Real vsftpd behind the recording proxy, real sockets.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerErrorCodes } from '@ftpdeck/protocol';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { FaultProxy } from './support/faultProxy.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient, type WireError } from './wsClient.ts';

let ftp: RunningFtpServer;
let proxy: FaultProxy;
let app: FastifyInstance;
let base: string;
const IDLE_MS = 150;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [
    { path: 'hello.txt', content: 'hello\n' },
    { path: 'slow.bin', content: Buffer.alloc(256 * 1024, 7) },
    ...Array.from({ length: 300 }, (_, i) => ({ path: `tree/d${i % 5}/f${i}.txt`, content: `${i}` })),
  ]);
  proxy = await FaultProxy.start(ftp);
  app = await buildApp(testConfig({ sessionIdleMs: IDLE_MS }));
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await proxy?.stop();
  await ftp?.stop();
});

const until = async (test: () => boolean): Promise<void> => {
  while (!test()) await new Promise((r) => setTimeout(r, 10));
};
const quits = (): number => proxy.controlCommands.match(/^QUIT\r$/gm)?.length ?? 0;
/** Every login so far has had its QUIT. */
const allQuit = (): boolean => (proxy.controlCommands.match(/^USER /gm)?.length ?? 0) === quits();

describe('the idle timeout', () => {
  it('ends an idle session a tab holds: the tab is told, the FTP connection gets QUIT, nothing more runs', async () => {
    const before = quits();
    const client = await TestWsClient.connectedTo(base, proxy, { user: ftp.user, password: ftp.password });
    const closed = new Promise<number>((r) => client.socket.once('close', (code) => r(code)));
    // The tab sends nothing: the sweep ends the session.
    expect(await closed).toBe(4005);
    expect(client.events.find((e) => e.type === 'session-state' && e.state.status === 'disconnected')).toMatchObject({
      state: { error: { code: 'SRV_ERR_SESSION_ENDED', message: expect.stringMatching(/without activity/) } },
    });
    await until(() => quits() === before + 1);
    expect(app.sessions.size).toBe(0);
    expect(allQuit()).toBe(true);
  });

  it('closes a session no tab is attached to, with QUIT on its FTP connection', async () => {
    const before = quits();
    const client = await TestWsClient.connectedTo(base, proxy, { user: ftp.user, password: ftp.password });
    expect(app.sessions.size).toBe(1);
    client.close();
    // The grace period is a minute: the idle sweep is what ends it.
    await until(() => app.sessions.size === 0);
    await until(() => quits() === before + 1);
    expect(allQuit()).toBe(true);
  });
});

describe('the idle clock and transfers', () => {
  it('spares a session while a recursive delete runs, however long past the idle timeout', async () => {
    const client = await TestWsClient.connectedTo(base, proxy, { user: ftp.user, password: ftp.password });
    try {
      proxy.delayMs = 2; // a slow link: some 600 replies take well over the 150 ms idle timeout
      const started = Date.now();
      const { removed } = await client.request('remove', { path: '/tree', dir: true, recursive: true });
      expect(Date.now() - started).toBeGreaterThan(IDLE_MS * 3);
      // 300 files, 5 folders and the tree itself: the session lived to the end.
      expect(removed).toBe(306);
      expect(client.events.some((e) => e.type === 'session-state' && e.state.status === 'disconnected')).toBe(false);
    } finally {
      proxy.delayMs = 0;
      client.close();
    }
  });


  it('spares a session while a request runs, and counts idle time from its reply', async () => {
    const { client, welcome } = await TestWsClient.open(`ws://${base}/ws`);
    try {
      const session = app.sessions.all().find((s) => s.token === welcome.sessionToken)!;
      proxy.delayMs = 60; // each reply of the login takes a while: the connect lasts several idle timeouts
      const started = Date.now();
      const result = await client.request('connect', { params: { host: proxy.host, port: proxy.port, user: ftp.user, password: ftp.password } });
      const answered = Date.now();
      proxy.delayMs = 0;
      expect(answered - started).toBeGreaterThan(IDLE_MS * 3);
      expect(result).toMatchObject({ state: { status: 'connected' } });
      expect(client.events.some((e) => e.type === 'session-state' && e.state.status === 'disconnected')).toBe(false);
      // Idle time counts from the reply, not from the request.
      expect(session.lastActivity).toBeGreaterThanOrEqual(answered - 50);
    } finally {
      proxy.delayMs = 0;
      client.close();
    }
  });

  it('spares a session while a download link waits for its connection and looks its paths up', async () => {
    const client = await TestWsClient.connectedTo(base, proxy, { user: ftp.user, password: ftp.password });
    try {
      const { url } = await client.request('download-link', { paths: ['/hello.txt'] });
      proxy.delayMs = 60; // the transfer connection's login and the SIZE lookup outlast the idle timeout
      const started = Date.now();
      const res = await fetch(`http://${base}${url}`);
      const body = await res.text();
      proxy.delayMs = 0;
      expect(Date.now() - started).toBeGreaterThan(IDLE_MS * 3);
      expect(res.status).toBe(200);
      expect(body).toBe('hello\n');
      expect(client.events.some((e) => e.type === 'session-state' && e.state.status === 'disconnected')).toBe(false);
    } finally {
      proxy.delayMs = 0;
      client.close();
    }
  });

  it('restarts at the end of a long download, not at the request that started it', async () => {
    // A timeout long enough that no sweep runs during the test.
    const slowApp = await buildApp(testConfig({ sessionIdleMs: 60_000 }));
    const slowBase = await listenOnLoopback(slowApp);
    const client = await TestWsClient.connectedTo(slowBase, proxy, { user: ftp.user, password: ftp.password });
    try {
      const session = slowApp.sessions.all().find((s) => s.state.status === 'connected')!;
      const { url } = await client.request('download-link', { paths: ['/slow.bin'] });
      const started = Date.now();
      proxy.delayMs = 100; // a slow link: the download takes several hundred ms
      const body = Buffer.from(await (await fetch(`http://${slowBase}${url}`)).arrayBuffer());
      proxy.delayMs = 0;
      const took = Date.now() - started;
      expect(body.length).toBe(256 * 1024);
      expect(took).toBeGreaterThan(200);
      await until(() => session.transfers.running === 0);
      // Idle time counts from the end of the transfer.
      expect(session.lastActivity).toBeGreaterThanOrEqual(started + took - 50);
    } finally {
      proxy.delayMs = 0;
      client.close();
      await slowApp.close();
    }
  });
});

describe('a session the server ends while its tab holds it', () => {
  it('tells the tab, QUITs, closes the socket with 4005 and runs nothing more', async () => {
    const before = quits();
    const { client, welcome } = await TestWsClient.open(`ws://${base}/ws`);
    await client.request('connect', { params: { host: proxy.host, port: proxy.port, user: ftp.user, password: ftp.password } });
    const session = app.sessions.get(welcome.sessionToken);
    expect(session?.state.status).toBe('connected');
    const closed = new Promise<number>((r) => client.socket.once('close', (code) => r(code)));

    const reason: WireError = { code: ServerErrorCodes.SESSION_ENDED, message: 'ended by the test' };
    await app.sessions.close(session!, reason);

    expect(await closed).toBe(4005);
    const state = client.events.find((e) => e.type === 'session-state' && e.state.status === 'disconnected');
    expect(state).toMatchObject({ state: { error: { code: 'SRV_ERR_SESSION_ENDED' } } });
    expect(client.events.find((e) => e.type === 'error')).toMatchObject({ error: { code: 'SRV_ERR_SESSION_ENDED' } });
    expect(client.transcriptText()).toMatch(/QUIT/);
    expect(quits()).toBe(before + 1);
    expect(app.sessions.size).toBe(0);

    // The ended session opens no FTP connection again (the zombie of review 9).
    await expect(session!.connect({ host: proxy.host, port: proxy.port, user: ftp.user, password: ftp.password, secure: 'none', dataMode: 'passive', encoding: 'auto' })).rejects.toMatchObject({
      code: 'SRV_ERR_SESSION_ENDED',
    });
    expect(quits()).toBe(before + 1);
    expect(allQuit()).toBe(true);
  });
});
