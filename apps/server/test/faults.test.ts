/**
 * The server against a flaky network: a fault-injecting proxy (support/
 * faultProxy.ts) between the engine and a real vsftpd cuts, truncates and
 * delays the control and data connections.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import type { SessionState } from '@ftpdeck/protocol';
import { buildApp } from '../src/app.ts';
import { listenOnLoopback } from './support/listen.ts';
import { testConfig } from '../src/config.ts';
import { FaultProxy } from './support/faultProxy.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let ftp: RunningFtpServer;
let proxy: FaultProxy;
let base: string;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [
    { path: 'docs/a.txt', content: 'alpha\n' },
    { path: 'docs/b.txt', content: 'beta\n' },
    { path: 'hello.txt', content: 'hello\n' },
  ]);
  proxy = await FaultProxy.start(ftp);
  // No grace period: a finished test's session must not linger and take the next test's fault.
  app = await buildApp(testConfig({ uploadWindowBytes: 512 * 1024, sessionGraceMs: 0 }));
  base = await listenOnLoopback(app);
});

afterEach(() => {
  proxy.delayMs = 0;
  proxy.refuseNew = false;
});

afterAll(async () => {
  await app?.close();
  await proxy?.stop();
  await ftp?.stop();
});

const connected = (): Promise<TestWsClient> => TestWsClient.connectedTo(base, proxy, ftp);

const statuses = (client: TestWsClient): SessionState['status'][] =>
  client.events.flatMap((e) => (e.type === 'session-state' ? [e.state.status] : []));

describe('through a faulty network', () => {
  it('reconnects after the control connection is cut, restores the folder, and the next list works', async () => {
    const client = await connected();
    await client.request('cd', { path: '/docs' });
    // An upload first, so an idle transfer connection sits in the pool when the link drops.
    expect((await client.upload('/before.bin', randomBytes(1000))).done.ok).toBe(true);
    expect(proxy.cutAll('control')).toBe(2);
    await client.waitFor((e) => e.type === 'session-state' && e.state.status === 'connected' && statuses(client).includes('reconnecting'));
    const listing = await client.request('list', {});
    expect(listing.path).toBe('/docs');
    expect(listing.entries.map((e) => e.name).sort()).toEqual(['a.txt', 'b.txt']);
    const seen = statuses(client);
    expect(seen.slice(seen.indexOf('reconnecting'))).toEqual(['reconnecting', 'connected']);
    expect(client.transcriptText()).toMatch(/Reconnect attempt 1 of 5[\s\S]*CWD \/docs/);
    // The dead transfer connection is dropped and a new one opened on demand.
    const after = randomBytes(200 * 1024);
    expect((await client.upload('/after.bin', after)).done).toMatchObject({ ok: true, verified: true });
    expect(readFileSync(join(ftp.root, 'after.bin')).equals(after)).toBe(true);
    client.close();
  });

  it('gives up after five attempts when the server stays unreachable, and says why', async () => {
    const client = await connected();
    proxy.refuseNew = true;
    proxy.cutAll('control');
    const gone = await client.waitFor((e) => e.type === 'session-state' && e.state.status === 'disconnected');
    expect(gone).toMatchObject({ state: { status: 'disconnected', host: proxy.host, error: { code: 'SRV_ERR_RECONNECT_FAILED' } } });
    expect(client.transcriptText()).toContain('Reconnect attempt 5 of 5');
    await expect(client.request('list', {})).rejects.toMatchObject({ wire: { code: 'SRV_ERR_NOT_CONNECTED' } });
    client.close();
  });

  it('retries an idempotent request that hit a dropped connection', async () => {
    const client = await connected();
    // The reply to the next command is cut short mid-line, then the stream ends.
    const fired = proxy.inject({ channel: 'control', direction: 'toClient', afterBytes: 5, action: 'truncate' });
    const listing = await client.request('list', { path: '/docs' });
    await fired;
    expect(listing.entries.map((e) => e.name).sort()).toEqual(['a.txt', 'b.txt']);
    expect(statuses(client)).toContain('reconnecting');
    client.close();
  });

  it('does not crash or hang on a truncated reply to a non-idempotent request: the browser gets a clear, retryable error', async () => {
    const client = await connected();
    const fired = proxy.inject({ channel: 'control', direction: 'toClient', afterBytes: 3, action: 'truncate' });
    const error = await client.request('mkdir', { path: '/made' }).then(
      () => undefined,
      (err: { wire: { code: string; retryable?: boolean } }) => err.wire,
    );
    await fired;
    // The 257 was cut to "257" and the stream ended: a retryable connection error, not a retry,
    // because the server did create the folder (a blind retry would fail with 550).
    expect(error).toMatchObject({ code: 'FTP_ERR_CLOSED', retryable: true });
    expect(statSync(join(ftp.root, 'made')).isDirectory()).toBe(true);
    await client.waitFor((e) => e.type === 'session-state' && e.state.status === 'connected' && statuses(client).includes('reconnecting'));
    expect((await client.request('list', { path: '/' })).entries.some((e) => e.name === 'hello.txt')).toBe(true);
    client.close();
  });

  it('ends an upload whose data connection drops as retryable, and the browser-driven resume gives identical bytes', async () => {
    const client = await connected();
    const bytes = randomBytes(3 * 1024 * 1024 + 11);
    const fired = proxy.inject({ channel: 'data', direction: 'toServer', afterBytes: 1024 * 1024 + 5, action: 'cut' });
    const first = await client.upload('/resumed.bin', bytes);
    await fired;
    expect(first.done.ok).toBe(false);
    expect(first.done.error?.retryable).toBe(true);
    expect(first.done.resumeFrom).toBeGreaterThan(0);
    expect(first.done.resumeFrom).toBeLessThan(bytes.length);
    const second = await client.upload('/resumed.bin', bytes, 'resume');
    expect(second.offset).toBe(first.done.resumeFrom);
    expect(second.done).toMatchObject({ ok: true, verified: true, verifiedBy: 'size' });
    expect(readFileSync(join(ftp.root, 'resumed.bin')).equals(bytes)).toBe(true);
    client.close();
  });

  it('completes listing, upload and download over a slow link', async () => {
    proxy.delayMs = 20;
    const client = await connected();
    expect((await client.request('list', { path: '/docs' })).entries).toHaveLength(2);
    const bytes = randomBytes(600 * 1024);
    const { done } = await client.upload('/slow.bin', bytes);
    expect(done).toMatchObject({ ok: true, verified: true });
    const { url } = await client.request('download-link', { paths: ['/slow.bin'] });
    expect(Buffer.from(await (await fetch(`http://${base}${url}`)).arrayBuffer()).equals(bytes)).toBe(true);
    client.close();
  });

  it('a truncated download reply fails the HTTP body instead of hanging, and the session lives on', async () => {
    const client = await connected();
    await seedTree(ftp, [{ path: 'cut.bin', content: randomBytes(2 * 1024 * 1024) }]);
    const { url } = await client.request('download-link', { paths: ['/cut.bin'] });
    const fired = proxy.inject({ channel: 'data', direction: 'toClient', afterBytes: 512 * 1024, action: 'cut' });
    const res = await fetch(`http://${base}${url}`);
    const body = await res.arrayBuffer().then(
      (b) => b.byteLength,
      () => -1,
    );
    await fired;
    // Content-Length promised 2 MiB: a short body is an error the browser shows (fetch rejects).
    expect(body).toBe(-1);
    expect((await client.request('list', { path: '/' })).entries.some((e) => e.name === 'cut.bin')).toBe(true);
    client.close();
  });
});
