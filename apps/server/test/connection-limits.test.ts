/**
 * Servers that cap connections per user (real vsftpd with max_per_ip: a 421
 * greeting; real ProFTPD with MaxClientsPerUser: a 530 after PASS). The pool
 * shrinks to what the server allows instead of failing transfers, down to
 * sharing the browsing connection when the server allows only one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readServerFile, seedTree, startFtpServer, type FtpServerKind, type RunningFtpServer } from '@ftpdeck/test-servers';
import { FtpClient } from '@ftpdeck/ftp-engine';
import { buildApp } from '../src/app.ts';
import { ConnectionPool } from '../src/sessions/ConnectionPool.ts';
import { reconnectBrowse } from '../src/sessions/reconnect.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

const sha = (b: Buffer | Uint8Array): string => createHash('sha256').update(b).digest('hex');
const files = ['a.bin', 'b.bin', 'c.bin'].map((name) => ({ name, content: randomBytes(1536 * 1024) }));

let app: FastifyInstance | undefined;
let ftp: RunningFtpServer | undefined;

afterEach(async () => {
  await app?.close();
  await ftp?.stop();
  app = undefined;
  ftp = undefined;
});

/** A connected browser session against `kind` limited to `maxConnections`. */
async function sessionOn(
  kind: FtpServerKind,
  maxConnections: number,
  config: Parameters<typeof testConfig>[0] = {},
  extra: { path: string; content: string }[] = [],
): Promise<{ client: TestWsClient; base: string; server: RunningFtpServer }> {
  const server = await startFtpServer(kind, { maxConnections });
  ftp = server;
  await seedTree(server, [...files.map((f) => ({ path: f.name, content: f.content })), ...extra]);
  app = await buildApp(testConfig(config));
  const base = await listenOnLoopback(app);
  const { client } = await TestWsClient.open(`ws://${base}/ws`);
  await client.request('connect', { params: { host: server.host, port: server.port, user: server.user, password: server.password } });
  return { client, base, server };
}

/** The transcript details the page received, in order. */
function details(client: TestWsClient): unknown[] {
  return client.events.flatMap((e) => (e.type === 'transcript' ? e.lines.flatMap((l) => (l.detail ? [l.detail] : [])) : []));
}

async function download(client: TestWsClient, base: string, path: string): Promise<Buffer> {
  const { url } = await client.request('download-link', { paths: [path] });
  const res = await fetch(`http://${base}${url}`);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** Parent pid and command name of each live process. */
function processes(): Map<number, { ppid: number; comm: string }> {
  const out = new Map<number, { ppid: number; comm: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (comm) state ppid …`; the name may hold spaces, so split at the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      out.set(Number(entry), { ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), comm });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/**
 * Live sessions of a standalone vsftpd started by test-servers: `rootPid` is
 * the supervisor shell, the vsftpd among its children the listener, and each
 * session a child of the listener.
 */
function sessionCount(rootPid: number): number {
  const all = processes();
  const listeners = new Set([...all].filter(([, p]) => p.ppid === rootPid && p.comm === 'vsftpd').map(([pid]) => pid));
  return [...all.values()].filter((p) => listeners.has(p.ppid)).length;
}

/** Waits (up to 10 s) until the server has at most `count` sessions. */
async function untilSessions(listenerPid: number, count: number): Promise<void> {
  for (let waited = 0; sessionCount(listenerPid) > count; waited += 20) {
    if (waited > 10_000) throw new Error(`vsftpd still has ${sessionCount(listenerPid)} sessions`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each([
  ['vsftpd', 421],
  ['proftpd', 530],
] as const)('%s allowing two connections per user', (kind, refusal) => {
  it(`runs three downloads at once on the one transfer connection left, after a ${refusal}`, async () => {
    const { client, base } = await sessionOn(kind, 2);
    try {
      const bodies = await Promise.all(files.map((f) => download(client, base, `/${f.name}`)));
      expect(bodies.map(sha)).toEqual(files.map((f) => sha(f.content)));
      // The refusal is in the transcript, on a transfer connection, and nothing failed because of it.
      expect(client.transcriptText()).toMatch(new RegExp(`^${refusal} `, 'm'));
      expect(client.transcriptText()).toMatch(/transfers now use at most [12] at a time/);
      // Each refusal caps the pool at what is open or opening then: 2, then 1 when all three
      // downloads asked at once; a loaded machine may finish one first, and then 2 is where it ends.
      const caps = details(client).flatMap((d) => ((d as { type: string }).type === 'pool-shrunk' ? [(d as { max: number }).max] : []));
      expect(caps.length).toBeGreaterThan(0);
      expect(caps.every((max, i) => max >= 1 && max <= 2 && (i === 0 || max < caps[i - 1]!))).toBe(true);
      const { entries } = await client.request('list', {});
      expect(entries.map((e) => e.name).sort()).toEqual(files.map((f) => f.name));
    } finally {
      client.close();
    }
  });
});

describe('vsftpd allowing one connection per user', () => {
  it('moves files on the browsing connection, and browsing keeps working', async () => {
    const { client, base, server } = await sessionOn('vsftpd', 1);
    try {
      const first = files[0]!;
      expect(sha(await download(client, base, `/${first.name}`))).toBe(sha(first.content));
      // Transcript lines travel in batches, up to 50 ms behind the HTTP response.
      await vi.waitFor(() => expect(client.transcriptText()).toContain('transfers now run on the browsing connection'));
      expect(client.transcriptText()).toMatch(/^421 /m);
      expect(client.transcriptText()).toContain('transfers now run on the browsing connection');
      expect(details(client)).toContainEqual({ type: 'pool-shared' });
      const up = randomBytes(700 * 1024);
      const { done } = await client.upload('/up.bin', up);
      expect(done).toMatchObject({ ok: true, verified: true });
      expect(sha(await readServerFile(server, 'up.bin'))).toBe(sha(up));
      // Two at once on one connection: they queue, both complete.
      const both = await Promise.all(files.slice(1).map((f) => download(client, base, `/${f.name}`)));
      expect(both.map(sha)).toEqual(files.slice(1).map((f) => sha(f.content)));
      const { entries } = await client.request('list', {});
      expect(entries.map((e) => e.name)).toContain('up.bin');
    } finally {
      client.close();
    }
  });

  it('lets one upload at a time have the shared connection, so a waiting one holds no data', async () => {
    const { client, base, server } = await sessionOn('vsftpd', 1);
    try {
      await download(client, base, `/${files[0]!.name}`); // the pool learns the limit
      const a = randomBytes(900 * 1024);
      const b = randomBytes(800 * 1024);
      const [ra, rb] = await Promise.all([client.upload('/a.bin', a), client.upload('/b.bin', b)]);
      expect([ra.done, rb.done]).toMatchObject([{ ok: true, verified: true }, { ok: true, verified: true }]);
      expect(sha(await readServerFile(server, 'a.bin'))).toBe(sha(a));
      expect(sha(await readServerFile(server, 'b.bin'))).toBe(sha(b));
      // The second upload-start was answered (and its browser could send) only after the first upload ended.
      const at = (test: (m: (typeof client.arrivals)[number]) => boolean): number => client.arrivals.findIndex(test);
      const [first, second] = [ra, rb].sort((x, y) => x.transferId - y.transferId);
      const firstDone = at((m) => m.type === 'transfer-done' && m.transferId === first!.transferId);
      const secondStarted = at((m) => m.type === 'reply' && m.ok && (m.result as { transferId?: number }).transferId === second!.transferId);
      expect(firstDone).toBeGreaterThanOrEqual(0);
      expect(secondStarted).toBeGreaterThan(firstDone);
    } finally {
      client.close();
    }
  });
});

describe('a delete on a server that allows one connection', () => {
  it('runs on the browsing connection, and a listing that waits past its deadline says why', async () => {
    const tree = Array.from({ length: 4000 }, (_, i) => ({ path: `tree/d${i % 20}/f${i}.txt`, content: `${i}` }));
    const { client } = await sessionOn('vsftpd', 1, { listDeadlineMs: 200 }, tree);
    try {
      // The delete's own transfer connection is refused, so it takes the browsing connection's turn.
      const run = client.request('remove', { path: '/tree', dir: true, recursive: true, job: 1 });
      await client.waitFor((m) => m.type === 'remove-progress' && m.job === 1 && m.removed > 0);
      const started = client.events.find((m) => m.type === 'remove-progress' && m.job === 1);
      expect(started).toMatchObject({ connection: 'browse' });
      await expect(client.request('list', { path: '/' })).rejects.toMatchObject({
        wire: { code: 'SRV_ERR_LIMIT', message: expect.stringContaining('this FTP server allows one connection, and a delete is using it') },
      });
      expect((await run).removed).toBe(4021);
    } finally {
      client.close();
    }
  });
});

describe('a connection limit that goes away', () => {
  it('is tried again after limitRetryMs: a transfer connection opens once the other session has left', async () => {
    const server = await startFtpServer('vsftpd', { maxConnections: 2 });
    ftp = server;
    await seedTree(server, files.map((f) => ({ path: f.name, content: f.content })));
    const login = { host: server.host, port: server.port, user: server.user, password: server.password };
    const labels: string[] = [];
    const notes: unknown[] = [];
    const pool = new ConnectionPool(
      (label) => {
        labels.push(label);
        return new FtpClient({ ...login, connectionLabel: label });
      },
      2,
      { note: (_text, detail) => notes.push(detail), limitRetryMs: 300 },
    );
    // Another session of the same user holds the second slot.
    const other = new FtpClient(login);
    await other.connect();
    try {
      await pool.browse.connect();
      const viaBrowse = await pool.with(async (c) => {
        expect(c).toBe(pool.browse);
        return c.size(files[0]!.name);
      });
      expect(viaBrowse).toBe(files[0]!.content.length);
      expect(notes).toContainEqual({ type: 'pool-shared' });
      await other.close();
      // vsftpd counts a session until it has reaped its process; on a loaded machine that
      // can take longer than the 300 ms lapse, and the retry would meet a 421 again.
      await untilSessions(server.pid, 1);
      await new Promise((r) => setTimeout(r, 400));
      // The limit has lapsed: this transfer gets a connection of its own.
      const size = await pool.with(async (c) => {
        expect(c).not.toBe(pool.browse);
        return c.size(files[1]!.name);
      });
      expect(size).toBe(files[1]!.content.length);
      expect(labels.filter((l) => l.startsWith('transfer-'))).toHaveLength(2);
    } finally {
      await other.close().catch(() => undefined);
      await pool.close();
    }
  });
});

describe('reconnecting to ProFTPD while its one slot is taken', () => {
  it('keeps trying through "530 … maximum number of clients" and gets in once the slot frees', async () => {
    const server = await startFtpServer('proftpd', { maxConnections: 1 });
    ftp = server;
    const login = { host: server.host, port: server.port, user: server.user, password: server.password };
    const occupant = new FtpClient(login);
    await occupant.connect();
    const pool = new ConnectionPool((label) => new FtpClient({ ...login, connectionLabel: label }), 1);
    const attempts: number[] = [];
    // The slot frees while the reconnect is retrying: once the first attempt
    // has been refused (a timer instead let a slow first login find the slot
    // already free).
    const onAttempt = (n: number): void => {
      attempts.push(n);
      if (n === 2) void occupant.close();
    };
    const client = await reconnectBrowse(pool, { delaysMs: [10, 50, 100, 200, 400, 800], onAttempt });
    try {
      expect(attempts.length).toBeGreaterThan(1);
      expect(await client.pwd()).toBe('/');
    } finally {
      await client.close();
      await pool.close();
    }
  });
});

describe('waiting for a transfer connection', () => {
  it('gives up its place in line when its signal fires, and the connection goes to the next in line', async () => {
    const server = await startFtpServer('vsftpd');
    ftp = server;
    await seedTree(server, [{ path: files[0]!.name, content: files[0]!.content }]);
    const login = { host: server.host, port: server.port, user: server.user, password: server.password };
    const pool = new ConnectionPool((label) => new FtpClient({ ...login, connectionLabel: label }), 1);
    try {
      const held = await pool.acquire();
      const stop = new AbortController();
      let ran = false;
      const stopped = pool.with(async () => {
        ran = true;
      }, stop.signal);
      const next = pool.with((c) => c.size(files[0]!.name));
      stop.abort();
      // It leaves at once, though the only connection is still busy.
      await expect(stopped).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
      expect(ran).toBe(false);
      pool.release(held);
      expect(await next).toBe(files[0]!.content.length);
    } finally {
      await pool.close();
    }
  });

  it('gives up its place when stopped after a 421 put it back in line', async () => {
    const server = await startFtpServer('vsftpd', { maxConnections: 2 });
    ftp = server;
    const login = { host: server.host, port: server.port, user: server.user, password: server.password };
    const notes: unknown[] = [];
    const pool = new ConnectionPool((label) => new FtpClient({ ...login, connectionLabel: label }), 3, {
      note: (_text, detail) => notes.push(detail),
    });
    try {
      await pool.browse.connect();
      const held = await pool.acquire(); // the server's second and last connection for us
      const stop = new AbortController();
      const stopped = pool.acquire(stop.signal);
      stopped.catch(() => undefined); // observed below
      // Its own open is refused (421), and the pool puts it in line behind the held connection.
      await vi.waitFor(() => expect(notes).toContainEqual({ type: 'pool-shrunk', max: 1 }));
      stop.abort();
      // It leaves the line though the held connection is still out.
      await expect(stopped).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
      pool.release(held);
      expect(await pool.acquire()).toBe(held);
    } finally {
      await pool.close();
    }
  });
});
