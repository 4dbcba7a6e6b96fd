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
      // Its row, shown from the request on, ends as the browser's stop, not as a failure.
      expect(client.events.filter((m) => m.type === 'download-end')).toMatchObject([{ ok: false, stopped: 'browser' }]);
      // The session still works: the pool got its connection back.
      expect(await client.request('raw', { line: 'NOOP' })).toMatchObject({ code: 200 });
      client.close();
    });
  }
});

describe('a download the page stops while its paths are looked up', () => {
  it('asks nothing more, fetches nothing, answers the browser, and ends as the page\'s stop', async () => {
    const client = await TestWsClient.connectedTo(base, { host: ftp.host, port: ftp.port }, { user: 'u', password: 'p' });
    const { url } = await client.request('download-link', { paths: ['/a.bin', '/b.bin', '/c.bin'] });
    const retrsBefore = ftp.retrs();
    const res = fetch(`http://${base}${url}`);
    const waiting = await client.waitFor((m) => m.type === 'download-progress');
    const id = waiting.type === 'download-progress' ? waiting.downloadId : -1;
    // Mid-lookup: the first SIZE is still on its way.
    await new Promise((r) => setTimeout(r, SIZE_DELAY_MS / 2));
    expect(await client.request('download-cancel', { downloadId: id })).toEqual({ stopping: true });
    expect((await res).status).toBe(409);
    expect(await client.waitFor((m) => m.type === 'download-end')).toMatchObject({ downloadId: id, ok: false, stopped: 'page' });
    await new Promise((r) => setTimeout(r, SIZE_DELAY_MS * 2));
    expect(ftp.retrs()).toBe(retrsBefore);
    // One SIZE was on the wire when the Cancel came; the other two paths were never asked about.
    expect(client.transcriptText().match(/^SIZE /gm)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(client.events.filter((m) => m.type === 'download-failed')).toEqual([]);
    expect(await client.request('raw', { line: 'NOOP' })).toMatchObject({ code: 200 });
    client.close();
  });
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
