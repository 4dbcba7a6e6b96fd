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
