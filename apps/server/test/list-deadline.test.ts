/**
 * A listing the FTP server sends too slowly ends at the server's deadline
 * with a clear error, and the browsing connection is free again (Review 19:
 * a listing dripping one line every 10 s held the session's browsing
 * connection for good; the page's own 180 s timeout left the work running,
 * and every request queued behind it). A scripted server that takes its
 * time before answering LIST; the deadline is shortened for the test.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { startScriptedFtp, type ScriptedFtp } from './support/scriptedFtp.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let base: string;
let ftp: ScriptedFtp;

beforeAll(async () => {
  ftp = await startScriptedFtp({
    list: (arg) => (arg.includes('slow') ? '-rw-r--r-- 1 0 0 5 Jan 01  2020 late.txt\r\n' : '-rw-r--r-- 1 0 0 5 Jan 01  2020 quick.txt\r\n'),
    delays: { LIST: 1500 },
  });
  app = await buildApp({ ...testConfig(), listDeadlineMs: 400 });
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

it('ends a listing that takes longer than the deadline, and the session goes on', async () => {
  const client = await TestWsClient.connectedTo(base, { host: ftp.host, port: ftp.port }, { user: 'u', password: 'p' });
  // Without the deadline this listing would answer (late.txt), 1.5 s on.
  await expect(client.request('list', { path: '/slow' })).rejects.toThrow(/listing \/slow took more than 0 s: the FTP server sends it too slowly/);
  // The browsing connection is usable again once the server has dealt with the abort.
  expect(await client.request('cd', { path: '/' })).toMatchObject({ cwd: '/' });
  client.close();
});
