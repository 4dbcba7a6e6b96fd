/**
 * A folder downloaded as a ZIP from a server that lists names only: a real
 * vsftpd behind a proxy that passes `LIST` on as an unknown verb, so vsftpd
 * itself answers 500 and the engine falls back to NLST, where nothing says
 * which names are folders. Subfolders must still arrive as folders with
 * their files, not as refused downloads in the errors entry.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { FaultProxy } from './support/faultProxy.ts';
import { listenOnLoopback } from './support/listen.ts';
import { readZip } from './support/zipRead.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let ftp: RunningFtpServer;
let proxy: FaultProxy;
let base: string;
const blob = randomBytes(300_000);

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [
    { path: 'top/a.txt', content: 'alpha\n' },
    { path: 'top/sub/b.bin', content: blob },
    { path: 'top/sub/deeper/c.txt', content: 'gamma\n' },
  ]);
  proxy = await FaultProxy.start(ftp);
  proxy.rewriteCommand = (line) => line.replace(/^LIST\b/i, 'XLST');
  app = await buildApp(testConfig({ sessionGraceMs: 0 }));
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await proxy?.stop();
  await ftp?.stop();
});

describe('ZIP on a names-only server', () => {
  it('enters the names the server refuses to send as files, and zips them as folders', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    await client.request('connect', { params: { host: proxy.host, port: proxy.port, user: ftp.user, password: ftp.password } });
    // The browser sees names only: every entry's type is unknown.
    const { entries } = await client.request('list', { path: '/top' });
    expect(entries.map((e) => [e.name, e.type]).sort()).toEqual([
      ['a.txt', 'unknown'],
      ['sub', 'unknown'],
    ]);

    // The selected folder itself is settled by entering it (SIZE is refused for it).
    const { url } = await client.request('download-link', { paths: ['/top'] });
    const res = await fetch(`http://${base}${url}`);
    expect(res.status).toBe(200);
    const zip = readZip(Buffer.from(await res.arrayBuffer()));
    expect([...zip.keys()].sort()).toEqual(['top/', 'top/a.txt', 'top/sub/', 'top/sub/b.bin', 'top/sub/deeper/', 'top/sub/deeper/c.txt']);
    expect(zip.get('top/sub/b.bin')?.equals(blob)).toBe(true);
    expect(zip.get('top/sub/deeper/c.txt')?.toString()).toBe('gamma\n');
    // vsftpd really was asked for the list the other way, and refused it itself.
    expect(proxy.controlCommands).toMatch(/^XLST/m);
    expect(proxy.controlCommands).toMatch(/^NLST \/top\/sub\r$/m);
    client.close();
  });
});
