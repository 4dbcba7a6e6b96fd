/**
 * A browser that stops a download before the response has begun (the user
 * cancels while the server is still looking the paths up): nothing is
 * fetched from the FTP server for nobody, and the page gets no
 * `download-failed`, since stopping was the browser's own doing. A scripted
 * server answers SIZE slowly, so the stop lands in that window.
 */
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { startScriptedFtp, type ScriptedFtp } from './support/scriptedFtp.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let base: string;
let ftp: ScriptedFtp;
const SIZE_DELAY_MS = 400;

beforeAll(async () => {
  ftp = await startScriptedFtp({ retr: () => Buffer.alloc(5000, 1), answers: { SIZE: '213 5000' }, delays: { SIZE: SIZE_DELAY_MS } });
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

/** GETs `url` and gives up on it after `ms`, as a browser's cancel does. */
function getAndStop(url: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const req = http.get(`http://${base}${url}`);
    req.on('error', () => undefined);
    setTimeout(() => {
      req.destroy();
      resolve();
    }, ms);
  });
}

describe('a download the browser stops before it began', () => {
  for (const paths of [['/a.bin'], ['/a.bin', '/b.bin']]) {
    it(`sends no RETR and no download-failed (${paths.length === 1 ? 'one file' : 'a ZIP'})`, async () => {
      const client = await TestWsClient.connectedTo(base, { host: ftp.host, port: ftp.port }, { user: 'u', password: 'p' });
      const { url } = await client.request('download-link', { paths });
      const retrsBefore = ftp.retrs();
      await getAndStop(url, SIZE_DELAY_MS / 4);
      // Long enough for every SIZE to be answered and whatever would follow.
      await new Promise((r) => setTimeout(r, SIZE_DELAY_MS * (paths.length + 1)));
      expect(ftp.retrs()).toBe(retrsBefore);
      expect(client.events.filter((m) => m.type === 'download-failed')).toEqual([]);
      // The session still works: the pool got its connection back.
      expect(await client.request('raw', { line: 'NOOP' })).toMatchObject({ code: 200 });
      client.close();
    });
  }
});

describe('a download the browser stops while it waits for a free connection', () => {
  it('leaves the line: once the connection is free, nothing is asked or fetched for it', async () => {
    // One transfer connection: a second download waits in line behind the first.
    const oneSlot = await buildApp(testConfig({ transferConnections: 1 }));
    const oneBase = await listenOnLoopback(oneSlot);
    try {
      const client = await TestWsClient.connectedTo(oneBase, { host: ftp.host, port: ftp.port }, { user: 'u', password: 'p' });
      const first = await client.request('download-link', { paths: ['/a.bin'] });
      const second = await client.request('download-link', { paths: ['/b.bin'] });
      const retrsBefore = ftp.retrs();
      // The first holds the only connection through its slow SIZE; the second is stopped while it waits.
      const firstBody = fetch(`http://${oneBase}${first.url}`).then((r) => r.arrayBuffer());
      await new Promise((r) => setTimeout(r, 50));
      const stopped = new Promise<void>((resolve) => {
        const req = http.get(`http://${oneBase}${second.url}`);
        req.on('error', () => undefined);
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100);
      });
      await stopped;
      expect((await firstBody).byteLength).toBe(5000);
      // Long enough for a waiting download to have got the connection and asked SIZE.
      await new Promise((r) => setTimeout(r, SIZE_DELAY_MS * 2));
      expect(ftp.retrs()).toBe(retrsBefore + 1);
      expect(client.events.filter((m) => m.type === 'download-failed')).toEqual([]);
      expect(client.transcriptText()).not.toMatch(/^SIZE \/b\.bin$/m);
      client.close();
    } finally {
      await oneSlot.close();
    }
  });
});
