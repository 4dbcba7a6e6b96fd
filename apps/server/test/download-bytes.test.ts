/**
 * The zero-copy download path (the engine writing views of its pooled read
 * buffers straight into the http.ServerResponse) must never let a buffer be
 * refilled while the response still holds it. A file of distinct 256 KiB
 * blocks, read by a client that keeps stopping (so the socket fills and
 * writes queue up inside Node), would come back with blocks repeated or
 * swapped if the write callback ever came before the bytes were gone.
 * Covered: Content-Length (through the app, plain and with Range), chunked
 * framing (a bare http server, no length), the headers the hijacked route
 * sets itself, HEAD, and the ZIP path.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FtpClient } from '@ftpdeck/ftp-engine';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { listenOnLoopback } from './support/listen.ts';
import { testConfig } from '../src/config.ts';
import { SECURITY_HEADERS } from '../src/plugins/security.ts';
import { readZip } from './support/zipRead.ts';
import { TestWsClient } from './wsClient.ts';

const BLOCK = 256 * 1024;
/** 48 blocks of their own random bytes, plus a tail that is not a whole block. */
const file = Buffer.concat([...Array.from({ length: 48 }, () => randomBytes(BLOCK)), randomBytes(12345)]);
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [{ path: 'blocks.bin', content: file }, { path: 'dir/blocks.bin', content: file }]);
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

/** GETs `url`, pausing the body every few chunks so the sender's writes back up. */
function slowGet(url: string, headers: Record<string, string> = {}): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      let n = 0;
      res.on('data', (c: Buffer) => {
        parts.push(c);
        if (++n % 8 === 0) {
          res.pause();
          setTimeout(() => res.resume(), 5);
        }
      });
      res.on('end', () => resolve({ res, body: Buffer.concat(parts) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function link(paths: string[], zip = false): Promise<{ client: TestWsClient; url: string }> {
  const { client } = await TestWsClient.open(`ws://${base}/ws`);
  await client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password } });
  const { url } = await client.request('download-link', { paths, ...(zip ? { zip: true } : {}) });
  return { client, url: `http://${base}${url}` };
}

describe('zero-copy downloads keep every byte', () => {
  it('sends distinct blocks intact to a slow reader, with the route headers and the security headers', async () => {
    const { client, url } = await link(['/blocks.bin']);
    const { res, body } = await slowGet(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe(String(file.length));
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain('blocks.bin');
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(res.headers[k]).toBe(v);
    expect(body.length).toBe(file.length);
    expect(sha(body)).toBe(sha(file));
    client.close();
  });

  it('answers a Range from the middle of a block with 206 and the exact tail', async () => {
    const { client, url } = await link(['/blocks.bin']);
    const from = 5 * BLOCK + 777;
    const { res, body } = await slowGet(url, { range: `bytes=${from}-` });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${from}-${file.length - 1}/${file.length}`);
    expect(sha(body)).toBe(sha(file.subarray(from)));
    client.close();
  });

  it('holds for chunked responses too (no Content-Length), written by the engine with reuseBuffers', async () => {
    const engine = new FtpClient({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
    await engine.connect();
    const server: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/octet-stream');
      engine.download('/blocks.bin', res, { reuseBuffers: true }).catch(() => res.destroy());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { res, body } = await slowGet(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(sha(body)).toBe(sha(file));
    } finally {
      server.close();
      await engine.close();
    }
  });

  it('answers HEAD with the headers alone and gives the connection back', async () => {
    const { client, url } = await link(['/blocks.bin']);
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(file.length));
    expect(head.headers.get('x-frame-options')).toBe('DENY');
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const { body } = await slowGet(url);
    expect(sha(body)).toBe(sha(file));
    client.close();
  });

  it('answers 404 as JSON, with the security headers, for a file that is not there', async () => {
    const { client, url } = await link(['/nope.bin']);
    const { res, body } = await slowGet(url);
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(body.toString())).toMatchObject({ code: 'SRV_ERR_NOT_FOUND' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    client.close();
  });

  it('zips distinct blocks intact for a slow reader', async () => {
    const { client, url } = await link(['/dir', '/blocks.bin']);
    const { res, body } = await slowGet(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(res.headers[k]).toBe(v);
    const zip = readZip(body);
    expect(sha(zip.get('blocks.bin') ?? Buffer.alloc(0))).toBe(sha(file));
    expect(sha(zip.get('dir/blocks.bin') ?? Buffer.alloc(0))).toBe(sha(file));
    client.close();
  });
});
