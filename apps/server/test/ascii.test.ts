/**
 * ASCII transfers (TYPE A) through the web path, against ProFTPD, which
 * honours TYPE A as RFC 959 asks: an upload's CRLF lines are stored with the
 * server's LF, and a download comes back with LF whatever went over the
 * wire. What ASCII changes around the bytes: no size to verify or announce,
 * no Range, and a resume that starts over.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readServerFile, seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;

beforeAll(async () => {
  ftp = await startFtpServer('proftpd');
  await seedTree(ftp, [
    { path: 'unix.txt', content: 'one\ntwo\nthree\n' },
    { path: 'old.txt', content: 'old content, longer than the new one\n' },
  ]);
  app = await buildApp(testConfig({ sessionGraceMs: 0 }));
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

const connected = (): Promise<TestWsClient> => TestWsClient.connectedTo(base, ftp, ftp);

describe('ASCII transfers', () => {
  it('uploads Windows lines as the server’s own, and does not claim a size check', async () => {
    const client = await connected();
    const windows = Buffer.from('first line\r\nsecond line\r\n');
    const { done } = await client.upload('/from-windows.txt', windows, 'overwrite', 256 * 1024, 0, { transferType: 'ascii' });
    expect(done.ok).toBe(true);
    expect((await readServerFile(ftp, 'from-windows.txt')).toString()).toBe('first line\nsecond line\n');
    // 22 bytes stored for 26 sent: a size comparison would call that a mismatch.
    expect(done.verified).toBeUndefined();
    expect(client.transcriptText()).toMatch(/^TYPE A$/m);

    // Binary keeps every byte, CRs included.
    const bin = await client.upload('/as-is.txt', windows);
    expect(bin.done.ok).toBe(true);
    expect((await readServerFile(ftp, 'as-is.txt')).equals(windows)).toBe(true);
    client.close();
  });

  it('counts an ASCII upload in bytes of the file, not of the wire, where each LF went as CRLF', async () => {
    const client = await connected();
    const unix = Buffer.from('x\n'.repeat(200_000));
    const { transferId, done } = await client.upload('/lf.txt', unix, 'overwrite', 64 * 1024, 0, { transferType: 'ascii' });
    expect(done.ok).toBe(true);
    expect(done.bytes).toBe(unix.length);
    for (const e of client.events) {
      if (e.type === 'transfer-progress' && e.transferId === transferId) expect(e.written).toBeLessThanOrEqual(e.total);
    }
    expect((await readServerFile(ftp, 'lf.txt')).equals(unix)).toBe(true);
    client.close();
  });

  it('starts an ASCII resume over from the first byte', async () => {
    const client = await connected();
    const fresh = Buffer.from('new\r\n');
    const { offset, done } = await client.upload('/old.txt', fresh, 'resume', 256 * 1024, 0, { transferType: 'ascii' });
    expect(offset).toBe(0);
    expect(done.ok).toBe(true);
    expect((await readServerFile(ftp, 'old.txt')).toString()).toBe('new\n');
    client.close();
  });

  it('downloads in ASCII without Content-Length or ranges', async () => {
    const client = await connected();
    const { url } = await client.request('download-link', { paths: ['/unix.txt'], transferType: 'ascii' });
    const res = await fetch(`http://${base}${url}`, { headers: { range: 'bytes=4-' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('accept-ranges')).toBeNull();
    expect(await res.text()).toBe('one\ntwo\nthree\n');
    // Transcript lines travel in batches, up to 50 ms behind the HTTP response.
    await vi.waitFor(() => expect(client.transcriptText()).toMatch(/^RETR \/unix\.txt$/m));
    expect(client.transcriptText()).toMatch(/^TYPE A$/m);

    // The same file in binary: its size, and the range honoured.
    const bin = await client.request('download-link', { paths: ['/unix.txt'] });
    const part = await fetch(`http://${base}${bin.url}`, { headers: { range: 'bytes=4-' } });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('two\nthree\n');
    client.close();
  });
});
