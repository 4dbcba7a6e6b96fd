/**
 * Download verification: the relay hashes what it streams to the browser
 * and, once the browser has every byte, compares it with the FTP server's
 * hash (ProFTPD with mod_digest: HASH for a whole file, XMD5 over a range
 * for a Range request's tail). vsftpd offers no hash, so SIZE is all there
 * is. A scripted server answers a wrong hash (a file changed while it was
 * read), and a slow one lets the page stop a download during its check.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { ServerMessage } from '@ftpdeck/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type FtpServerKind, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { startScriptedFtp, type ScriptedFtp } from './support/scriptedFtp.ts';
import { TestWsClient } from './wsClient.ts';

type Progress = Extract<ServerMessage, { type: 'download-progress' }>;
type End = Extract<ServerMessage, { type: 'download-end' }>;

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
});

const isEnd = (m: ServerMessage): m is End => m.type === 'download-end';
const commands = (client: TestWsClient): string[] =>
  client.events.flatMap((m) => (m.type === 'transcript' ? m.lines.filter((l) => l.kind === 'command').map((l) => l.text) : []));

/** GETs `url` through `agent` (a browser's keep-alive connection), body and all. */
function get(agent: http.Agent, url: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`http://${base}${url}`, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Fetches a download link (with a Range start when given) and waits for its `download-end`. */
async function download(client: TestWsClient, path: string, from?: number): Promise<{ status: number; body: Buffer; end: End }> {
  const { url } = await client.request('download-link', { paths: [path] });
  const res = await fetch(`http://${base}${url}`, from === undefined ? {} : { headers: { range: `bytes=${from}-` } });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, body, end: await client.waitFor(isEnd) };
}

describe('download verification against real servers', () => {
  const bytes = randomBytes(2 * 1024 * 1024 + 7);
  let proftpd: RunningFtpServer;
  beforeAll(async () => {
    proftpd = await startFtpServer('proftpd', { digest: true });
    await seedTree(proftpd, [{ path: 'd.bin', content: bytes }]);
  });
  afterAll(async () => proftpd?.stop());

  it('checks a whole file by the MD5 of HASH, saying so while the server hashes (ProFTPD with mod_digest)', async () => {
    const client = await TestWsClient.connectedTo(base, proftpd, proftpd);
    try {
      const { status, body, end } = await download(client, '/d.bin');
      expect(status).toBe(200);
      expect(body.equals(bytes)).toBe(true);
      expect(end).toMatchObject({ ok: true, bytes: bytes.length, verified: true, verifiedBy: 'md5' });
      expect(end.verifiedFrom).toBeUndefined();
      const verifying = client.events.filter((m): m is Progress => m.type === 'download-progress' && m.verifying !== undefined);
      expect(verifying).toMatchObject([{ verifying: 'md5', bytes: bytes.length, downloadId: end.downloadId }]);
      expect(commands(client)).toEqual(expect.arrayContaining(['OPTS HASH MD5', 'HASH /d.bin']));
    } finally {
      client.close();
    }
  });

  it("checks a Range request's tail by XMD5 over that range (ProFTPD with mod_digest)", async () => {
    const client = await TestWsClient.connectedTo(base, proftpd, proftpd);
    try {
      const from = 1_000_001;
      const { status, body, end } = await download(client, '/d.bin', from);
      expect(status).toBe(206);
      expect(body.equals(bytes.subarray(from))).toBe(true);
      expect(end).toMatchObject({ ok: true, verified: true, verifiedBy: 'md5', verifiedFrom: from });
      expect(commands(client)).toContain(`XMD5 /d.bin ${from} ${bytes.length}`);
    } finally {
      client.close();
    }
  });

  for (const kind of ['vsftpd', 'pure-ftpd', 'pyftpdlib'] as FtpServerKind[]) {
    it(`rests on the size on ${kind}, which offers no hash`, async () => {
      const ftp = await startFtpServer(kind);
      try {
        await seedTree(ftp, [{ path: 'd.bin', content: bytes }]);
        const client = await TestWsClient.connectedTo(base, ftp, ftp);
        const { body, end } = await download(client, '/d.bin');
        expect(body.equals(bytes)).toBe(true);
        expect(end).toMatchObject({ ok: true, verified: true, verifiedBy: 'size' });
        expect(client.events.some((m) => m.type === 'download-progress' && m.verifying !== undefined)).toBe(false);
        client.close();
      } finally {
        await ftp.stop();
      }
    });
  }
});

describe('download verification against a scripted server', () => {
  const content = Buffer.from('the file as it was read\n'.repeat(2000));
  const md5 = createHash('md5').update(content).digest('hex');
  const FEAT = '211-Features:\r\n XMD5\r\n SIZE\r\n211 End';
  let scripted: ScriptedFtp | undefined;
  afterAll(async () => scripted?.stop());

  it("fails a download whose hash differs from the server's, after the browser has every byte, and leaves its connection to the browser's next request", async () => {
    scripted = await startScriptedFtp({
      retr: () => content,
      // The server hashes the file as it is now: someone changed it after it was read.
      answers: { FEAT, SIZE: `213 ${content.length}`, XMD5: `250 ${'0'.repeat(32)}` },
      // The browser's next request is under way on the same keep-alive connection when the check fails.
      delays: { RETR: 1000, XMD5: 500 },
    });
    const client = await TestWsClient.connectedTo(base, { host: scripted.host, port: scripted.port }, { user: 'u', password: 'p' });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await client.request('download-link', { paths: ['/f.txt'] });
      const second = await client.request('download-link', { paths: ['/g.txt'] });
      const a = await get(agent, first.url);
      expect(a.status).toBe(200);
      expect(a.body.equals(content)).toBe(true);
      const b = get(agent, second.url);
      const end = await client.waitFor((m): m is End => isEnd(m) && !m.ok);
      expect(end).toMatchObject({ ok: false, bytes: content.length, error: { code: 'SRV_ERR_DOWNLOAD_MISMATCH', retryable: true } });
      expect(end.error?.message).toContain(`server ${'0'.repeat(32)}, received ${md5}`);
      const failed = await client.waitFor((m) => m.type === 'download-failed');
      expect(failed).toMatchObject({ paths: ['/f.txt'], downloadId: end.downloadId, error: { code: 'SRV_ERR_DOWNLOAD_MISMATCH' } });
      // The transcript says it too, with both hashes.
      const said = await client.waitFor((m) => m.type === 'transcript' && m.lines.some((l) => l.kind === 'error' && l.text.startsWith('Download check failed')));
      expect(said.type === 'transcript' && said.lines.find((l) => l.kind === 'error')?.text).toContain(md5);
      // The next request on that connection was not cut.
      const next = await b;
      expect(next.status).toBe(200);
      expect(next.body.equals(content)).toBe(true);
      // The session goes on: the pool had its connection back.
      expect(await client.request('raw', { line: 'NOOP' })).toMatchObject({ code: 200 });
    } finally {
      agent.destroy();
      client.close();
      await scripted.stop();
      scripted = undefined;
    }
  });

  it('ends a download stopped during its check as done and unchecked, and the session goes on', async () => {
    scripted = await startScriptedFtp({
      retr: () => content,
      answers: { FEAT, SIZE: `213 ${content.length}`, XMD5: `250 ${md5}` },
      delays: { XMD5: 10_000 },
    });
    const client = await TestWsClient.connectedTo(base, { host: scripted.host, port: scripted.port }, { user: 'u', password: 'p' });
    try {
      const { url } = await client.request('download-link', { paths: ['/f.txt'] });
      const body = Buffer.from(await (await fetch(`http://${base}${url}`)).arrayBuffer());
      expect(body.equals(content)).toBe(true);
      const checking = await client.waitFor((m): m is Progress => m.type === 'download-progress' && m.verifying === 'md5');
      expect(await client.request('download-cancel', { downloadId: checking.downloadId })).toEqual({ stopping: true });
      const end = await client.waitFor(isEnd);
      expect(end).toMatchObject({ ok: true, bytes: content.length });
      expect(end.verified).toBeUndefined();
      expect(end.stopped).toBeUndefined();
      expect(client.events.some((m) => m.type === 'download-failed')).toBe(false);
      // The session goes on, on another connection: the one the server hashes on was given up.
      expect(await client.request('raw', { line: 'NOOP' })).toMatchObject({ code: 200 });
      const { url: again } = await client.request('download-link', { paths: ['/f.txt'] });
      expect(Buffer.from(await (await fetch(`http://${base}${again}`)).arrayBuffer()).equals(content)).toBe(true);
      // The second download's check is asked on the new connection; neither hash has been answered yet.
      await expect.poll(() => scripted?.seen('XMD5').received).toBe(2);
      expect(scripted.seen('XMD5').answered).toBe(0);
    } finally {
      client.close();
      await scripted.stop();
      scripted = undefined;
    }
  });

  it('closes the session during a check at once, the download done and unchecked', async () => {
    scripted = await startScriptedFtp({
      retr: () => content,
      answers: { FEAT, SIZE: `213 ${content.length}`, XMD5: `250 ${md5}` },
      delays: { XMD5: 10_000 },
    });
    const client = await TestWsClient.connectedTo(base, { host: scripted.host, port: scripted.port }, { user: 'u', password: 'p' });
    try {
      const { url } = await client.request('download-link', { paths: ['/f.txt'] });
      expect(Buffer.from(await (await fetch(`http://${base}${url}`)).arrayBuffer()).equals(content)).toBe(true);
      await client.waitFor((m): m is Progress => m.type === 'download-progress' && m.verifying === 'md5');
      await client.request('disconnect', {});
      // Answered before the server had hashed the file: the check was not waited for.
      expect(scripted.seen('XMD5')).toEqual({ received: 1, answered: 0 });
      const end = await client.waitFor(isEnd);
      expect(end).toMatchObject({ ok: true, bytes: content.length });
      expect(end.verified).toBeUndefined();
    } finally {
      client.close();
      await scripted.stop();
      scripted = undefined;
    }
  });
});
