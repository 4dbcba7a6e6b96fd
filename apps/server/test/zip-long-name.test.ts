/**
 * A folder whose path is longer than a ZIP entry name can be (64 KiB of
 * UTF-8) is skipped and said in `_ftpdeck-errors.txt`, like an unsafe name;
 * it used to abort the whole archive (Review 19). A scripted server, since
 * no real file system takes such a name.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FtpClient } from '@ftpdeck/ftp-engine';
import { buildApp } from '../src/app.ts';
import { zipRemote } from '../src/zip/zipRemote.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { startScriptedFtp, type ScriptedFtp } from './support/scriptedFtp.ts';
import { gatheredZip, readZip } from './support/zipRead.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let base: string;
let ftp: ScriptedFtp;
const LONG = 'n'.repeat(70_000);

beforeAll(async () => {
  ftp = await startScriptedFtp({
    list: (arg) =>
      arg.endsWith('/top') || arg.endsWith('/top/')
        ? `drwxr-xr-x 2 0 0 0 Jan 01  2020 ${LONG}\r\n-rw-r--r-- 1 0 0 5 Jan 01  2020 ok.txt\r\n`
        : arg.endsWith('/many')
          ? Array.from({ length: 10 }, (_, i) => `-rw-r--r-- 1 0 0 5 Jan 01  2020 ${String(i).repeat(1000)}\r\n`).join('')
          : '',
    retr: () => 'hello',
  });
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

it('skips a folder whose path is too long for a ZIP entry, and zips the rest', async () => {
  const client = await TestWsClient.connectedTo(base, { host: ftp.host, port: ftp.port }, { user: 'u', password: 'p' });
  const { url } = await client.request('download-link', { paths: ['/top/'] });
  const res = await fetch(`http://${base}${url}`);
  expect(res.status).toBe(200);
  const zip = readZip(Buffer.from(await res.arrayBuffer()));
  expect(zip.get('top/ok.txt')?.toString()).toBe('hello');
  expect(zip.get('_ftpdeck-errors.txt')?.toString()).toContain(`/top/${LONG}/: skipped, its path is longer than a ZIP entry name can be (65535 bytes)`);
  client.close();
});

it('stops once the entry names come to the cap the server keeps in memory, and says so', async () => {
  const engine = new FtpClient({ host: ftp.host, port: ftp.port, user: 'u', password: 'p' });
  await engine.connect();
  try {
    const { zip, read } = gatheredZip();
    // Names of about 1 KB each: entries are added while the names so far are under the cap,
    // so many/ and three files (3021 bytes) go in, and the fourth file is not.
    await zipRemote(engine, [{ path: '/many', type: 'dir' }], zip, { signal: new AbortController().signal, maxEntries: 1000, maxNameBytes: 3000 });
    const out = await read();
    expect([...out.keys()].filter((k) => k.startsWith('many/') && k !== 'many/')).toHaveLength(3);
    expect(out.get('_ftpdeck-errors.txt')?.toString()).toMatch(/stopped after 4 entries: their names reached the 3000 bytes/);
  } finally {
    await engine.close();
  }
});
