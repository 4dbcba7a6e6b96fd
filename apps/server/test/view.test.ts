/**
 * View links: one file served inline, with the type its name says and a
 * sandboxing CSP instead of the app's, Range included (video seeking);
 * folders, download-only types, big text and several paths are refused.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_VIEW_BYTES } from '@ftpdeck/protocol';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { VIEW_CSP } from '../src/routes/download.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;
const video = randomBytes(300_000);

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [
    { path: 'notes.txt', content: 'plain text\n' },
    { path: 'clip.mp4', content: video },
    { path: 'tool.exe', content: 'MZ' },
    { path: 'huge.log', content: Buffer.alloc(MAX_TEXT_VIEW_BYTES + 1, 0x61) },
    { path: 'folder.txt/inside', content: 'x' },
  ]);
  app = await buildApp(testConfig({ sessionGraceMs: 50 }));
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

describe('view links', () => {
  it('serve one file inline, as its type, sandboxed; ranges work for media', async () => {
    const client = await TestWsClient.connectedTo(base, ftp, ftp);
    const text = await fetch(`http://${base}${(await client.request('download-link', { paths: ['/notes.txt'], view: true })).url}`);
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe('text/plain');
    expect(text.headers.get('content-disposition')).toBe(`inline; filename="notes.txt"; filename*=UTF-8''notes.txt`);
    expect(text.headers.get('content-security-policy')).toBe(VIEW_CSP);
    expect(text.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await text.text()).toBe('plain text\n');

    const { url } = await client.request('download-link', { paths: ['/clip.mp4'], view: true });
    const part = await fetch(`http://${base}${url}`, { headers: { range: 'bytes=1000-' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-type')).toBe('video/mp4');
    expect(part.headers.get('content-range')).toBe(`bytes 1000-${video.length - 1}/${video.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(video.subarray(1000))).toBe(true);
    client.close();
  });

  it('refuse what a tab cannot show: a folder, a download-only type, text over the cap', async () => {
    const client = await TestWsClient.connectedTo(base, ftp, ftp);
    for (const path of ['/folder.txt', '/tool.exe', '/huge.log']) {
      const { url } = await client.request('download-link', { paths: [path], view: true });
      const res = await fetch(`http://${base}${url}`);
      expect(res.status, path).toBe(415);
      expect(((await res.json()) as { code: string }).code).toBe('SRV_ERR_NOT_VIEWABLE');
    }
    // The page hears it as a failed View, not a failed download.
    const told = client.events.filter((m) => m.type === 'download-failed');
    expect(told.map((m) => (m.type === 'download-failed' ? [m.paths, m.view, m.error.code] : null))).toEqual(
      ['/folder.txt', '/tool.exe', '/huge.log'].map((p) => [[p], true, 'SRV_ERR_NOT_VIEWABLE']),
    );
    client.close();
  });

  it('take one path only, and never a ZIP', async () => {
    const client = await TestWsClient.connectedTo(base, ftp, ftp);
    await expect(client.request('download-link', { paths: ['/notes.txt', '/clip.mp4'], view: true })).rejects.toThrow(/view takes exactly one file/);
    await expect(client.request('download-link', { paths: ['/notes.txt'], zip: true, view: true })).rejects.toThrow(/view takes exactly one file/);
    client.close();
  });
});
