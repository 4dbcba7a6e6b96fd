/**
 * A folder downloaded as a ZIP from a server that lists names only: a real
 * vsftpd behind a proxy that passes `LIST` on as an unknown verb, so vsftpd
 * itself answers 500 and the engine falls back to NLST, where nothing says
 * which names are folders. Subfolders must still arrive as folders with
 * their files, not as refused downloads in the errors entry.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
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
const big = randomBytes(8 * 1024 * 1024);

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [
    { path: 'top/a.txt', content: 'alpha\n' },
    { path: 'top/sub/b.bin', content: blob },
    { path: 'top/sub/deeper/c.txt', content: 'gamma\n' },
    { path: 'loops/x.txt', content: 'x\n' },
    { path: 'loops/inner/y.txt', content: 'y\n' },
    { path: 'cut/big.bin', content: big },
    { path: 'del/inner/x.txt', content: 'x\n' },
    { path: 'del/y.txt', content: 'y\n' },
  ]);
  // Links back up: names-only listings cannot tell them from folders.
  await symlink('.', join(ftp.root, 'loops/self'));
  await symlink('..', join(ftp.root, 'loops/inner/up'));
  proxy = await FaultProxy.start(ftp);
  // LIST goes on as an unknown verb; and CWD into the file `cut/big.bin` is made
  // to succeed (CWD into its folder), as a server that accepts CWD to files would.
  proxy.rewriteCommand = (line) => line.replace(/^LIST\b/i, 'XLST').replace(/^CWD \/cut\/big\.bin$/, 'CWD /cut');
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
    const client = await TestWsClient.connectedTo(base, proxy, ftp);
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

  it('does not follow links back up: a folder listing what a folder above it lists is reported, not repeated', async () => {
    const client = await TestWsClient.connectedTo(base, proxy, ftp);
    const { url } = await client.request('download-link', { paths: ['/loops'] });
    const zip = readZip(Buffer.from(await (await fetch(`http://${base}${url}`)).arrayBuffer()));
    expect([...zip.keys()].sort()).toEqual(['_ftpdeck-errors.txt', 'loops/', 'loops/inner/', 'loops/inner/y.txt', 'loops/x.txt']);
    const errors = zip.get('_ftpdeck-errors.txt')?.toString() ?? '';
    expect(errors).toContain('/loops/self/: not followed, it lists the same names as a folder above it');
    expect(errors).toContain('/loops/inner/up/: not followed');
    client.close();
  });

  it('reports a file whose transfer was cut, and does not then take it for a folder', async () => {
    const client = await TestWsClient.connectedTo(base, proxy, ftp);
    const { url } = await client.request('download-link', { paths: ['/cut'] });
    const cut = proxy.inject({ channel: 'data', direction: 'toClient', afterBytes: 3_000_000, action: 'cut' });
    const zip = readZip(Buffer.from(await (await fetch(`http://${base}${url}`)).arrayBuffer()));
    await cut;
    expect(zip.has('cut/big.bin/')).toBe(false);
    // The engine's account (the server's 426), not the raw socket error that ended the entry.
    expect(zip.get('_ftpdeck-errors.txt')?.toString()).toMatch(/\/cut\/big\.bin: (The transfer failed|The data connection failed)/);
    client.close();
  });

  it('settles what a name is with stat, and deletes a folder found that way with everything in it', async () => {
    const client = await TestWsClient.connectedTo(base, proxy, ftp);
    expect((await client.request('stat', { path: '/del/inner' })).entry).toMatchObject({ name: 'inner', type: 'dir' });
    expect((await client.request('stat', { path: '/del/y.txt' })).entry).toMatchObject({ name: 'y.txt', type: 'unknown' });
    expect((await client.request('stat', { path: '/del/nope' })).entry).toBeNull();
    // What the web's delete dialog sends once stat has said "folder".
    await client.request('remove', { path: '/del', dir: true, recursive: true });
    expect(existsSync(join(ftp.root, 'del'))).toBe(false);
    client.close();
  });
});
