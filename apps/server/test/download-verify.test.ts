/**
 * Download verification: the relay hashes what it streams to the browser
 * and, once the browser has every byte, compares it with the FTP server's
 * hash (ProFTPD with mod_digest: HASH for a whole file, XMD5 over a range
 * for a Range request's tail). vsftpd offers no hash, so SIZE is all there
 * is. A scripted server answers a wrong hash (a file changed while it was
 * read), and a slow one lets the page stop a download during its check.
 */
import { createHash, randomBytes } from 'node:crypto';
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

  it('fails a download whose hash differs from the server\'s, after the browser has every byte, and says why', async () => {
    scripted = await startScriptedFtp({
      retr: () => content,
      // The server hashes the file as it is now: someone changed it after it was read.
      answers: { FEAT, SIZE: `213 ${content.length}`, XMD5: `250 ${'0'.repeat(32)}` },
    });
    const client = await TestWsClient.connectedTo(base, { host: scripted.host, port: scripted.port }, { user: 'u', password: 'p' });
    try {
      const { status, body, end } = await download(client, '/f.txt');
      expect(status).toBe(200);
      expect(body.equals(content)).toBe(true);
      expect(end).toMatchObject({ ok: false, error: { code: 'SRV_ERR_DOWNLOAD_MISMATCH', retryable: true } });
      expect(end.error?.message).toContain(`server ${'0'.repeat(32)}, received ${md5}`);
      const failed = await client.waitFor((m) => m.type === 'download-failed');
      expect(failed).toMatchObject({ paths: ['/f.txt'], downloadId: end.downloadId, error: { code: 'SRV_ERR_DOWNLOAD_MISMATCH' } });
      // The transcript says it too, with both hashes.
      const said = await client.waitFor((m) => m.type === 'transcript' && m.lines.some((l) => l.kind === 'error' && l.text.startsWith('Download check failed')));
      expect(said.type === 'transcript' && said.lines.find((l) => l.kind === 'error')?.text).toContain(md5);
      // The session goes on: the pool had its connection back.
      expect(await client.request('raw', { line: 'NOOP' })).toMatchObject({ code: 200 });
    } finally {
      client.close();
      await scripted.stop();
      scripted = undefined;
    }
  });

  it('ends a download stopped during its check as done, unchecked', async () => {
    scripted = await startScriptedFtp({
      retr: () => content,
      answers: { FEAT, SIZE: `213 ${content.length}`, XMD5: `250 ${md5}` },
      delays: { XMD5: 1500 },
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
    } finally {
      client.close();
      await scripted.stop();
      scripted = undefined;
    }
  });
});
