/**
 * Downloads through tickets: single files with Range, folders and multiple
 * selections as a streamed ZIP (read back by python's zipfile), hostile
 * names from the server, and what an unknown or expired ticket gets.
 */
import { randomBytes } from 'node:crypto';
import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { listenOnLoopback } from './support/listen.ts';
import { testConfig } from '../src/config.ts';
import { readZip, zipUnixTime } from './support/zipRead.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;
const big = randomBytes(2 * 1024 * 1024 + 7);

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [
    { path: 'hello.txt', content: 'hello\n' },
    { path: 'docs/a.txt', content: 'alpha\n' },
    { path: 'docs/sub/big.bin', content: big },
    { path: 'docs/sub/empty.txt', content: '' },
    { path: 'docs/nothing', dir: true },
    // A name a Windows unzip would treat as a path.
    { path: ['docs', 'evil\\..\\..\\x.txt'], content: 'gotcha\n' },
  ]);
  app = await buildApp(testConfig({ sessionGraceMs: 50 }));
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

const connected = (): Promise<TestWsClient> => TestWsClient.connectedTo(base, ftp, ftp);

describe('downloads by ticket', () => {
  it('streams a folder as a ZIP with every file, empty folders, and safe names', async () => {
    const client = await connected();
    const { url } = await client.request('download-link', { paths: ['/docs'] });
    const res = await fetch(`http://${base}${url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain('docs.zip');
    const zip = readZip(Buffer.from(await res.arrayBuffer()));
    expect([...zip.keys()].sort()).toEqual(['docs/', 'docs/a.txt', 'docs/evil_.._.._x.txt', 'docs/nothing/', 'docs/sub/', 'docs/sub/big.bin', 'docs/sub/empty.txt']);
    expect(zip.get('docs/sub/big.bin')?.equals(big)).toBe(true);
    expect(zip.get('docs/a.txt')?.toString()).toBe('alpha\n');
    expect(zip.get('docs/sub/empty.txt')?.length).toBe(0);
    client.close();
  });

  it('zips several paths, and one file when asked to; notes what was missing', async () => {
    const client = await connected();
    const { url } = await client.request('download-link', { paths: ['/hello.txt', '/docs/sub', '/nope.txt'] });
    const zip = readZip(Buffer.from(await (await fetch(`http://${base}${url}`)).arrayBuffer()));
    expect([...zip.keys()].sort()).toEqual(['_ftpdeck-errors.txt', 'hello.txt', 'sub/', 'sub/big.bin', 'sub/empty.txt']);
    expect(zip.get('_ftpdeck-errors.txt')?.toString()).toContain('/nope.txt: not found');
    const one = await client.request('download-link', { paths: ['hello.txt'], zip: true });
    const single = readZip(Buffer.from(await (await fetch(`http://${base}${one.url}`)).arrayBuffer()));
    expect([...single.entries()].map(([k, v]) => [k, v.toString()])).toEqual([['hello.txt', 'hello\n']]);
    client.close();
  });

  it('dates a ZIP entry for a selected file by MDTM, not the ZIP format\'s 1980', async () => {
    const when = new Date('2024-03-05T06:07:08Z');
    await utimes(join(ftp.root, 'hello.txt'), when, when);
    const client = await connected();
    const { url } = await client.request('download-link', { paths: ['/hello.txt', '/docs/a.txt'] });
    const body = Buffer.from(await (await fetch(`http://${base}${url}`)).arrayBuffer());
    expect(readZip(body).get('hello.txt')?.toString()).toBe('hello\n');
    expect(zipUnixTime(body, 'hello.txt')).toBe(when.getTime());
    client.close();
  });

  it('answers 404 for a missing file, an unknown ticket, and a ticket whose session ended', async () => {
    const client = await connected();
    // A link the page fetches itself (the editor) fails with the same JSON, and no event (checked below).
    const fetched = await client.request('download-link', { paths: ['/gone.txt'], fetched: true });
    const r0 = await fetch(`http://${base}${fetched.url}`);
    expect(r0.status).toBe(404);
    expect(await r0.json()).toMatchObject({ code: 'SRV_ERR_NOT_FOUND' });
    const missing = await client.request('download-link', { paths: ['/nope.txt'] });
    const r1 = await fetch(`http://${base}${missing.url}`);
    expect(r1.status).toBe(404);
    expect(await r1.json()).toMatchObject({ code: 'SRV_ERR_NOT_FOUND' });
    // The page that asked for the link hears why, since the browser only shows "failed".
    const told = await client.waitFor((m) => m.type === 'download-failed');
    expect(told).toMatchObject({ type: 'download-failed', paths: ['/nope.txt'], error: { code: 'SRV_ERR_NOT_FOUND' } });
    expect(client.events.filter((m) => m.type === 'download-failed')).toHaveLength(1);
    // Its row showed from the start (waiting), and ends with the reason: the page needs no toast.
    const waited = client.events.find((m) => m.type === 'download-progress');
    expect(waited).toMatchObject({ waiting: true, name: 'nope.txt', path: '/nope.txt' });
    const id = told.type === 'download-failed' ? told.downloadId : undefined;
    expect(id).toBe(waited?.type === 'download-progress' ? waited.downloadId : -1);
    expect(client.events.find((m) => m.type === 'download-end' && m.downloadId === id)).toMatchObject({ ok: false, error: { code: 'SRV_ERR_NOT_FOUND' } });

    const r2 = await fetch(`http://${base}/api/download/${'A'.repeat(32)}`);
    expect(r2.status).toBe(404);
    expect(await r2.json()).toMatchObject({ code: 'SRV_ERR_TICKET_UNKNOWN' });

    const { url } = await client.request('download-link', { paths: ['/hello.txt'] });
    expect((await fetch(`http://${base}${url}`)).status).toBe(200);
    client.close();
    // The grace period is 50 ms here; after it the session and its tickets are gone.
    for (let i = 0; i < 100 && app.sessions.tickets.resolve(url.split('/').pop() ?? '') !== undefined; i++) await new Promise((r) => setTimeout(r, 20));
    const r3 = await fetch(`http://${base}${url}`);
    expect(r3.status).toBe(404);
    expect(await r3.json()).toMatchObject({ code: 'SRV_ERR_TICKET_UNKNOWN' });
  });

  it('refuses a link when not connected, and the old token URL no longer exists', async () => {
    const { client, welcome } = await TestWsClient.open(`ws://${base}/ws`);
    await expect(client.request('download-link', { paths: ['/hello.txt'] })).rejects.toMatchObject({ wire: { code: 'SRV_ERR_NOT_CONNECTED' } });
    const old = await fetch(`http://${base}/api/download?session=${welcome.sessionToken}&path=/hello.txt`);
    expect(old.status).toBe(404);
    client.close();
  });
});

describe('downloads from a server that answers SIZE for folders (ftp-srv, the demo)', () => {
  it('zips a folder named with a trailing slash, as the web app names folders', async () => {
    const demo = await startFtpServer('demo');
    try {
      await seedTree(demo, [{ path: 'docs/a.txt', content: 'alpha\n' }]);
      const client = await TestWsClient.connectedTo(base, demo, demo);
      const { url } = await client.request('download-link', { paths: ['/docs/'] });
      const res = await fetch(`http://${base}${url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('docs.zip');
      const zip = readZip(Buffer.from(await res.arrayBuffer()));
      expect(zip.get('docs/a.txt')?.toString()).toBe('alpha\n');
      client.close();
    } finally {
      await demo.stop();
    }
  });
});
