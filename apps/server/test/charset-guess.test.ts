/**
 * A server whose file names are GBK bytes: under encoding `auto` the session
 * state says so (`guessedCharset`), and after `set-encoding` with that
 * charset the session reads, downloads and renames the file by its Chinese
 * name, the bytes on disk untouched.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

// 测试报告.txt in GBK: not valid UTF-8.
const GBK_NAME = Buffer.concat([Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0xb1, 0xa8, 0xb8, 0xe6]), Buffer.from('.txt')]);
const RENAMED = Buffer.concat([Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('.txt')]); // 中文.txt

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [
    { path: [GBK_NAME], content: 'gbk report\n' },
    { path: 'plain.txt', content: 'ascii\n' },
    // 目录/说明.txt in GBK; 目录's bytes (C4 BF C2 BC) also happen to be valid UTF-8 ("Ŀ¼").
    { path: [Buffer.from([0xc4, 0xbf, 0xc2, 0xbc]), Buffer.concat([Buffer.from([0xcb, 0xb5, 0xc3, 0xf7]), Buffer.from('.txt')])], content: 'inside\n' },
  ]);
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

/** The server-side path of a name given as bytes (fs takes a Buffer path as raw bytes). */
const onDisk = (name: Buffer): Buffer => Buffer.concat([Buffer.from(`${ftp.root}/`), name]);

const params = (encoding: string) => ({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password, encoding });

/** Runs `fn` with a fresh page's WebSocket session, and closes the socket afterwards. */
async function withPage(fn: (client: TestWsClient) => Promise<void>): Promise<void> {
  const { client } = await TestWsClient.open(`ws://${base}/ws`);
  try {
    await fn(client);
  } finally {
    client.close();
  }
}

describe('names that are not UTF-8', () => {
  it('under auto, the session state names the charset that reads them', () =>
    withPage(async (client) => {
      const { state } = await client.request('connect', { params: params('auto') });
      expect(state.guessedCharset).toBeUndefined();
      await client.request('list', {});
      const pushed = await client.waitFor((e) => e.type === 'session-state' && e.state.guessedCharset !== undefined);
      expect(pushed).toMatchObject({ state: { status: 'connected', guessedCharset: 'gb18030' } });
    }));

  it('set-encoding reconnects with that charset, without the password: the name reads in Chinese and works for download and rename', () =>
    withPage(async (client) => {
      await client.request('connect', { params: params('auto') });
      const switched = await client.request('set-encoding', { encoding: 'gb18030' });
      expect(switched.state).toMatchObject({ status: 'connected', encoding: 'gb18030' });
      expect(switched.state.guessedCharset).toBeUndefined();
      const { entries } = await client.request('list', {});
      expect(entries.map((e) => e.name).sort()).toEqual(['plain.txt', '测试报告.txt', '目录']);
      const { url } = await client.request('download-link', { paths: ['/测试报告.txt'] });
      const res = await fetch(`http://${base}${url}`);
      expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('gbk report\n');
      await client.request('rename', { from: '/测试报告.txt', to: '/中文.txt' });
      expect(existsSync(onDisk(GBK_NAME))).toBe(false);
      expect(readFileSync(onDisk(RENAMED)).toString()).toBe('gbk report\n');
      // No guess is offered when the session already reads names with a chosen charset.
      expect(client.events.some((e) => e.type === 'session-state' && e.state.guessedCharset !== undefined)).toBe(false);
      // The new connection logged in again (USER/PASS on the wire, the password masked).
      expect(client.transcriptText().match(/^USER /gm)?.length).toBeGreaterThanOrEqual(2);
      expect(client.transcriptText()).not.toContain(`PASS ${ftp.password}`);
      expect(client.transcriptText().match(/^PASS \*{4}$/gm)?.length).toBeGreaterThanOrEqual(2);
    }));

  it('set-encoding from inside a folder with a GBK name shows that folder again, by its Chinese name', () =>
    withPage(async (client) => {
      await client.request('connect', { params: params('auto') });
      // The folder's name as the page has it under auto: its bytes kept as escapes (or stray letters).
      const { entries } = await client.request('list', { path: '/' });
      const folder = entries.find((e) => e.type === 'dir')!;
      const { cwd } = await client.request('cd', { path: `/${folder.name}` });
      const switched = await client.request('set-encoding', { encoding: 'gb18030', path: cwd });
      expect(switched.cwd).toBe('/目录');
      expect(switched.state.cwd).toBe('/目录');
      const inside = await client.request('list', {});
      expect(inside.entries.map((e) => e.name)).toEqual(['说明.txt']);
    }));

  it('a charset the engine cannot use is refused before the working connection is closed', () =>
    withPage(async (client) => {
      await client.request('connect', { params: params('auto') });
      await expect(client.request('set-encoding', { encoding: 'nonsense' })).rejects.toMatchObject({ wire: { code: 'FTP_ERR_INVALID_ARGUMENT' } });
      await expect(client.request('connect', { params: params('utf-16le') })).rejects.toMatchObject({ wire: { code: 'FTP_ERR_INVALID_ARGUMENT' } });
      // Still connected, as before the refusals.
      const { entries } = await client.request('list', { path: '/' });
      expect(entries.map((e) => e.name)).toContain('plain.txt');
      expect(client.events.filter((e) => e.type === 'session-state').at(-1)).toMatchObject({ state: { status: 'connected' } });
      // Names are case-insensitive; the session reports them in lower case.
      const upper = await client.request('set-encoding', { encoding: ' AUTO ' });
      expect(upper.state.encoding).toBe('auto');
    }));

  it('set-encoding before any connect is refused as not connected', () =>
    withPage(async (client) => {
      await expect(client.request('set-encoding', { encoding: 'gbk' })).rejects.toMatchObject({ wire: { code: 'SRV_ERR_NOT_CONNECTED' } });
    }));
});
