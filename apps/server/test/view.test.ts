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
import { MEDIA_VIEW_CSP, VIEW_CSP } from '../src/routes/view.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;
const video = randomBytes(300_000);
const bigText = Buffer.from('Zoë 测试 Отчет, line after line\n'.repeat(40_000));

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [
    { path: 'notes.txt', content: 'plain text, UTF-8: 测试 Zoë\n' },
    // 测试 in GBK: not UTF-8, so no charset (the browser detects it).
    { path: 'gbk.txt', content: Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0x0a]) },
    { path: 'clip.mp4', content: video },
    // Over the 64 KiB that decide the charset: the rest streams after them.
    { path: 'long.log', content: bigText },
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
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.headers.get('content-disposition')).toBe(`inline; filename="notes.txt"; filename*=UTF-8''notes.txt`);
    expect(text.headers.get('content-security-policy')).toBe(VIEW_CSP);
    expect(text.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await text.text()).toBe('plain text, UTF-8: 测试 Zoë\n');
    const gbk = await fetch(`http://${base}${(await client.request('download-link', { paths: ['/gbk.txt'], view: true })).url}`);
    expect(gbk.headers.get('content-type')).toBe('text/plain');
    expect(Buffer.from(await gbk.arrayBuffer())).toEqual(Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0x0a]));

    const long = await fetch(`http://${base}${(await client.request('download-link', { paths: ['/long.log'], view: true })).url}`);
    expect(long.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(Buffer.from(await long.arrayBuffer()).equals(bigText)).toBe(true);

    const { url } = await client.request('download-link', { paths: ['/clip.mp4'], view: true });
    const part = await fetch(`http://${base}${url}`, { headers: { range: 'bytes=1000-' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-type')).toBe('video/mp4');
    // No sandbox for a player: its own fetch of the file would be cross-origin from an opaque origin.
    expect(part.headers.get('content-security-policy')).toBe(MEDIA_VIEW_CSP);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-${video.length - 1}/${video.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(video.subarray(1000))).toBe(true);
    client.close();
  });

  it('end in the file name (for the tab title), and explain a failure in words', async () => {
    const client = await TestWsClient.connectedTo(base, ftp, ftp);
    const { url } = await client.request('download-link', { paths: ['/notes.txt'], view: true });
    expect(url).toMatch(/^\/api\/download\/[\w-]+\/notes\.txt$/);
    // A name with a byte no charset read still makes a link.
    const odd = await client.request('download-link', { paths: ['/a\udcb2.txt'], view: true });
    expect(odd.url).toMatch(/\/a%EF%BF%BD\.txt$/);
    const gone = await fetch(`http://${base}${(await client.request('download-link', { paths: ['/missing.txt'], view: true })).url}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await gone.text()).toMatch(/^This file could not be shown\.\n\nno such file or folder: \/missing\.txt\n\n\(SRV_ERR_NOT_FOUND\)/);
    client.close();
  });

  it('refuse what a tab cannot show: a folder, a download-only type, text over the cap', async () => {
    const client = await TestWsClient.connectedTo(base, ftp, ftp);
    for (const path of ['/folder.txt', '/tool.exe', '/huge.log']) {
      const { url } = await client.request('download-link', { paths: [path], view: true });
      const res = await fetch(`http://${base}${url}`);
      expect(res.status, path).toBe(415);
      expect(await res.text()).toContain('(SRV_ERR_NOT_VIEWABLE)');
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
