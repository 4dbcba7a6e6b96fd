/**
 * Downloads from a server whose answers do not add up (Review 19): the
 * browser must never keep a wrong file as a complete one, and no byte may
 * go past the Content-Length onto a keep-alive socket.
 * - A 426 after all the data, with no SIZE (a chunked body): the body
 *   must not end with its final chunk.
 * - SIZE smaller than what RETR sends (a file that grew, or SIZE modulo
 *   4 GiB), and a REST the server answers 350 and then ignores: refused
 *   before a byte past the promise is written, a 502 while nothing is.
 * A scripted server, since no real one misbehaves on demand.
 */
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
const BODY = Buffer.alloc(200_000, 7);

beforeAll(async () => {
  ftp = await startScriptedFtp({
    retr: () => BODY,
    retrFinal: (path) => (path.includes('aborted') ? '426 Connection closed; transfer aborted' : '226 ok'),
    // SIZE answers for /grew.bin only (100 bytes, against the 200 000 sent); REST is "accepted" and ignored.
    answers: { SIZE: '213 100', REST: '350 Restarting' },
  });
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

const connect = () => TestWsClient.connectedTo(base, { host: ftp.host, port: ftp.port }, { user: 'u', password: 'p' });

describe('downloads whose server lies', () => {
  it('a 426 after all the data: the ASCII (chunked) body never ends as complete, and the page hears why', async () => {
    const client = await connect();
    const { url } = await client.request('download-link', { paths: ['/aborted.txt'], transferType: 'ascii' });
    const res = await fetch(`http://${base}${url}`);
    expect(res.headers.get('content-length')).toBeNull();
    const read = await res.arrayBuffer().then(
      () => 'complete',
      () => 'failed',
    );
    expect(read).toBe('failed');
    const told = await client.waitFor((m) => m.type === 'download-failed');
    expect(told).toMatchObject({ paths: ['/aborted.txt'], error: { code: 'FTP_ERR_REPLY' } });
    // It had begun, so the page's row for it (by its id) says why, and its end says it failed.
    const id = told.type === 'download-failed' ? told.downloadId : undefined;
    expect(id).toBeTypeOf('number');
    expect(await client.waitFor((m) => m.type === 'download-end' && m.downloadId === id)).toMatchObject({ ok: false, error: { code: 'FTP_ERR_REPLY' } });
    client.close();
  });

  it('more bytes than SIZE promised: 502, nothing past the Content-Length', async () => {
    const client = await connect();
    const { url } = await client.request('download-link', { paths: ['/grew.bin'] });
    const res = await fetch(`http://${base}${url}`);
    expect(res.status).toBe(502);
    expect(((await res.json()) as { code: string }).code).toBe('FTP_ERR_PROTOCOL');
    client.close();
  });

  it('a View that fails before its first byte says why in words, in the tab', async () => {
    const client = await connect();
    const { url } = await client.request('download-link', { paths: ['/grew.mp4'], view: true });
    const res = await fetch(`http://${base}${url}`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toMatch(/^This file could not be shown\.\n\nThe server sent more than the 100 bytes expected/);
    client.close();
  });

  it('a REST the server ignores: the ranged body is refused, not served from byte 0', async () => {
    const client = await connect();
    const { url } = await client.request('download-link', { paths: ['/grew.bin'] });
    const res = await fetch(`http://${base}${url}`, { headers: { range: 'bytes=50-' } });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { message: string }).message).toContain('more than the 50 bytes expected');
    client.close();
  });
});
