/**
 * A download stopped from the page ends for the browser and the page at
 * once, before the FTP server has answered the ABOR: a server may take its
 * time (ftp-srv, the demo, may never answer, and the engine then gives the
 * connection up after a few seconds), and only the connection waits for it.
 * A real vsftpd behind a proxy that holds the control replies back stands
 * in for a slow answer.
 */
import { randomBytes } from 'node:crypto';
import type { ServerMessage } from '@ftpdeck/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { FaultProxy } from './support/faultProxy.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

type Progress = Extract<ServerMessage, { type: 'download-progress' }>;
type End = Extract<ServerMessage, { type: 'download-end' }>;

let app: FastifyInstance;
let ftp: RunningFtpServer;
let proxy: FaultProxy;
let base: string;
const slow = randomBytes(8 * 1024 * 1024);

beforeAll(async () => {
  // Paced, so the download is still running when it is stopped.
  ftp = await startFtpServer('vsftpd', { maxRate: 1024 * 1024 });
  await seedTree(ftp, [{ path: 'slow.bin', content: slow }]);
  proxy = await FaultProxy.start(ftp);
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  proxy.delayMs = 0;
  await app?.close();
  await proxy?.stop();
  await ftp?.stop();
});

it('ends the response and the row at once, though the server is slow to answer ABOR; the next download works', async () => {
  const client = await TestWsClient.connectedTo(base, proxy, ftp);
  try {
    const { url } = await client.request('download-link', { paths: ['/slow.bin'] });
    const res = await fetch(`http://${base}${url}`);
    const reader = res.body?.getReader();
    const read = (async () => {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return 'complete';
      }
    })().catch(() => 'cut');
    const started = await client.waitFor((m): m is Progress => m.type === 'download-progress' && m.bytes > 0);
    // From now on every byte through the proxy, ABOR and its answer among them, is 1.5 s late.
    // (vsftpd reads ABOR only once its transfer has failed, which the delayed data connection
    // hides too, so the engine gives the connection up after its stop wait.)
    proxy.delayMs = 1500;
    expect(await client.request('download-cancel', { downloadId: started.downloadId })).toEqual({ stopping: true });
    expect(await read).toBe('cut');
    const end = await client.waitFor((m): m is End => m.type === 'download-end' && m.downloadId === started.downloadId);
    expect(end).toMatchObject({ ok: false, stopped: 'page' });
    // The page heard the end before the engine had even sent ABOR, let alone ended its call.
    const has = (m: ServerMessage, test: (text: string) => boolean): boolean => m.type === 'transcript' && m.lines.some((l) => test(l.text));
    await client.waitFor((m) => has(m, (t) => t === 'The transfer was aborted'));
    const at = (test: (m: ServerMessage) => boolean): number => client.arrivals.findIndex(test);
    expect(at((m) => m === end)).toBeLessThan(at((m) => has(m, (t) => t === 'ABOR')));
    proxy.delayMs = 0;
    // The session goes on: the next download gets a connection (a new one: that one was given up).
    const next = await client.request('download-link', { paths: ['/slow.bin'] });
    const again = await fetch(`http://${base}${next.url}`, { headers: { range: `bytes=${slow.length - 1000}-` } });
    expect(Buffer.from(await again.arrayBuffer()).equals(slow.subarray(slow.length - 1000))).toBe(true);
  } finally {
    client.close();
  }
});
