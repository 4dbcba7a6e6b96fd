/**
 * The server end to end over a real WebSocket, against a real FTP server:
 * connect, list, upload with the credit window, download with Range,
 * reconnect into the same session, and the security checks at the edge.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { listenOnLoopback } from './support/listen.ts';
import { testConfig } from '../src/config.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [
    { path: 'docs/a.txt', content: 'alpha\n' },
    { path: 'hello.txt', content: 'hello\n' },
  ]);
  // A small window makes the flow control actually cycle during a 3 MiB upload.
  app = await buildApp(testConfig({ uploadWindowBytes: 512 * 1024 }));
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

const connectParams = () => ({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });

describe('a session over a real WebSocket', () => {
  it('connects, lists, uploads with flow control, downloads with Range, and masks the password', async () => {
    const { client, welcome } = await TestWsClient.open(`ws://${base}/ws`);
    expect(welcome.resumed).toBe(false);
    expect(welcome.sessionToken).toMatch(/^[\w-]{32}$/);

    const connected = await client.request('connect', { params: connectParams() });
    expect(connected.cwd).toBe('/');
    expect(connected.state.status).toBe('connected');

    const listing = await client.request('list', {});
    expect(listing.entries.map((e) => [e.name, e.type]).sort()).toEqual([
      ['docs', 'dir'],
      ['hello.txt', 'file'],
    ]);

    const bytes = randomBytes(3 * 1024 * 1024 + 123);
    const { done } = await client.upload('/big.bin', bytes);
    expect(done.ok).toBe(true);
    expect(done.verified).toBe(true);
    expect(readFileSync(join(ftp.root, 'big.bin')).equals(bytes)).toBe(true);
    // The event names the pool connection, and that connection's transcript carries the STOR.
    expect(done.connection).toMatch(/^transfer-\d+$/);
    const storLines = client.events.flatMap((e) => (e.type === 'transcript' ? e.lines : [])).filter((l) => l.text === 'STOR /big.bin');
    expect(storLines.map((l) => l.connection)).toEqual([done.connection]);
    const acks = client.events.filter((e) => e.type === 'upload-ack');
    expect(acks.length).toBeGreaterThan(3);

    const { url } = await client.request('download-link', { paths: ['/big.bin'] });
    expect(url).toMatch(/^\/api\/download\/[\w-]{32}$/);
    expect(url).not.toContain(welcome.sessionToken);
    const full = await fetch(`http://${base}${url}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-length')).toBe(String(bytes.length));
    expect(full.headers.get('content-disposition')).toContain('big.bin');
    expect(Buffer.from(await full.arrayBuffer()).equals(bytes)).toBe(true);

    // The same URL again, with Range: a resumed download.
    const part = await fetch(`http://${base}${url}`, { headers: { range: 'bytes=1000000-' } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(1_000_000))).toBe(true);

    const text = client.transcriptText();
    expect(text).toContain('PASS ****');
    expect(text).toMatch(/STOR \/big\.bin/);
    expect(text).not.toContain(`PASS ${ftp.password}`);
    client.close();
  });

  it('sends a request\'s transcript lines before its reply, so the page groups them under that request', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    try {
      await client.request('connect', { params: connectParams() });
      await client.request('list', {});
      const texts = (m: (typeof client.arrivals)[number]): string[] => (m.type === 'transcript' ? m.lines.map((l) => l.text) : []);
      const replyAt = (n: number): number => client.arrivals.findIndex((m, i) => m.type === 'reply' && client.arrivals.slice(0, i).filter((x) => x.type === 'reply').length === n);
      // The connect's last exchange (PWD, then the 257) is all in before the connect reply;
      // the listing's 226 before the list reply.
      const before = (i: number): string[] => client.arrivals.slice(0, i).flatMap(texts);
      expect(before(replyAt(0)).some((t) => t.startsWith('257 '))).toBe(true);
      expect(before(replyAt(1)).some((t) => t.startsWith('226 '))).toBe(true);
    } finally {
      client.close();
    }
  });

  it('resumes an interrupted upload where the server copy ends', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    await client.request('connect', { params: connectParams() });
    const bytes = randomBytes(700 * 1024);
    await seedTree(ftp, [{ path: 'partial.bin', content: bytes.subarray(0, 300 * 1024) }]);
    const { offset, done } = await client.upload('/partial.bin', bytes, 'resume');
    expect(offset).toBe(300 * 1024);
    expect(done.ok).toBe(true);
    expect(readFileSync(join(ftp.root, 'partial.bin')).equals(bytes)).toBe(true);
    client.close();
  });

  it('re-attaches a reloaded tab to its session and FTP connection', async () => {
    const first = await TestWsClient.open(`ws://${base}/ws`);
    await first.client.request('connect', { params: connectParams() });
    await first.client.request('cd', { path: '/docs' });
    first.client.close();
    await new Promise((r) => setTimeout(r, 100));
    const second = await TestWsClient.open(`ws://${base}/ws`, { token: first.welcome.sessionToken });
    expect(second.welcome.resumed).toBe(true);
    expect(second.welcome.state.status).toBe('connected');
    const listing = await second.client.request('list', {});
    expect(listing.entries.map((e) => e.name)).toEqual(['a.txt']);
    second.client.close();
  });

  it('refuses CR/LF smuggling at the boundary with a clear error', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    const reply = await client.sendRaw({ type: 'cd', id: 7, path: 'docs\r\nDELE hello.txt' });
    expect(reply).toMatchObject({ type: 'reply', id: 7, ok: false, error: { code: 'SRV_ERR_BAD_MESSAGE' } });
    expect(readFileSync(join(ftp.root, 'hello.txt'), 'utf8')).toBe('hello\n');
    client.close();
  });

  it('refuses a cross-site WebSocket', async () => {
    const socket = new WebSocket(`ws://${base}/ws`, { origin: 'https://evil.example' });
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
    });
    expect(status).toBe(403);
  });
});

describe('the target policy when exposed', () => {
  it('blocks loopback targets and says so in the transcript', async () => {
    const exposed = await buildApp(testConfig({ allowPrivateTargets: false }));
    await exposed.listen({ host: '127.0.0.1', port: 0 });
    const address = exposed.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');
    const { client } = await TestWsClient.open(`ws://127.0.0.1:${address.port}/ws`);
    await expect(client.request('connect', { params: connectParams() })).rejects.toMatchObject({ wire: { code: 'SRV_ERR_TARGET_BLOCKED' } });
    const line = await client.waitFor((m) => m.type === 'transcript' && m.lines.some((l) => l.connection === 'relay'));
    expect(JSON.stringify(line)).toContain('blocked');
    client.close();
    await exposed.close();
  });

  it('names the host, not the internal address it resolves to, and logs the address for the operator', async () => {
    const lines: string[] = [];
    const exposed = await buildApp(testConfig({ allowPrivateTargets: false, logLevel: 'info' }), { logStream: { write: (l: string) => void lines.push(l) } });
    await exposed.listen({ host: '127.0.0.1', port: 0 });
    const address = exposed.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');
    const { client } = await TestWsClient.open(`ws://127.0.0.1:${address.port}/ws`);
    const refused = client.request('connect', { params: { ...connectParams(), host: 'localhost' } });
    await expect(refused).rejects.toMatchObject({ wire: { code: 'SRV_ERR_TARGET_BLOCKED', message: expect.stringContaining('localhost resolves to a private') } });
    await expect(refused).rejects.not.toMatchObject({ wire: { message: expect.stringMatching(/127\.0\.0\.1|::1/) } });
    const relay = await client.waitFor((m) => m.type === 'transcript' && m.lines.some((l) => l.connection === 'relay'));
    expect(JSON.stringify(relay)).not.toMatch(/127\.0\.0\.1|::1/);
    expect(lines.join('')).toMatch(/"msg":"FTP target blocked"/);
    expect(lines.find((l) => l.includes('FTP target blocked'))).toMatch(/"address":"(127\.0\.0\.1|::1)"/);
    client.close();
    await exposed.close();
  });
});
