/**
 * Upload verification against real servers: ProFTPD with mod_digest
 * computes a hash the relay compares with its own streaming hash (of the
 * whole file, or of the tail a resume or an append sent); vsftpd,
 * Pure-FTPd and pyftpdlib offer no hash command, so SIZE is all there is.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type FtpServerKind, type RunningFtpServer } from '@ftpdeck/test-servers';
import { encodeUploadFrame } from '@ftpdeck/protocol';
import { buildApp } from '../src/app.ts';
import { listenOnLoopback } from './support/listen.ts';
import { testConfig } from '../src/config.ts';
import { startScriptedFtp } from './support/scriptedFtp.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  app = await buildApp(testConfig({ uploadWindowBytes: 1024 * 1024 }));
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
});

async function uploadTo(ftp: RunningFtpServer, bytes: Buffer, mode: 'overwrite' | 'append' | 'resume' = 'overwrite', path = '/v.bin') {
  const client = await TestWsClient.connectedTo(base, ftp, ftp);
  const result = await client.upload(path, bytes, mode);
  client.close();
  return result;
}

describe('upload verification', () => {
  it('verifies by MD5 where the server offers HASH (ProFTPD with mod_digest)', async () => {
    const ftp = await startFtpServer('proftpd', { digest: true });
    try {
      const bytes = randomBytes(2 * 1024 * 1024 + 3);
      const { done } = await uploadTo(ftp, bytes);
      expect(done).toMatchObject({ ok: true, verified: true, verifiedBy: 'md5' });
      expect(done.verifiedFrom).toBeUndefined();
      expect(readFileSync(join(ftp.root, 'v.bin')).equals(bytes)).toBe(true);
    } finally {
      await ftp.stop();
    }
  });

  it('verifies the tail of a resumed upload by its MD5 range, in a name with a space and a backslash (ProFTPD with mod_digest)', async () => {
    const ftp = await startFtpServer('proftpd', { digest: true });
    try {
      const bytes = randomBytes(1024 * 1024 + 5);
      const kept = 300 * 1024 + 1;
      // What an interrupted upload left behind.
      // A neighbour whose name the backslash would become, unescaped inside quotes: a false mismatch once.
      await seedTree(ftp, [
        { path: 'part of\\it.bin', content: bytes.subarray(0, kept) },
        { path: 'part ofit.bin', content: randomBytes(bytes.length) },
      ]);
      const { offset, done } = await uploadTo(ftp, bytes, 'resume', '/part of\\it.bin');
      expect(offset).toBe(kept);
      expect(done).toMatchObject({ ok: true, verified: true, verifiedBy: 'md5', verifiedFrom: kept });
      expect(readFileSync(join(ftp.root, 'part of\\it.bin')).equals(bytes)).toBe(true);
    } finally {
      await ftp.stop();
    }
  });

  it('verifies what an append added by its MD5 range (ProFTPD with mod_digest)', async () => {
    const ftp = await startFtpServer('proftpd', { digest: true });
    try {
      const first = randomBytes(64 * 1024 + 9);
      const second = randomBytes(200 * 1024 + 1);
      await seedTree(ftp, [{ path: 'v.bin', content: first }]);
      const { done } = await uploadTo(ftp, second, 'append');
      expect(done).toMatchObject({ ok: true, verified: true, verifiedBy: 'md5', verifiedFrom: first.length });
      expect(readFileSync(join(ftp.root, 'v.bin')).equals(Buffer.concat([first, second]))).toBe(true);
    } finally {
      await ftp.stop();
    }
  });

  it('finds a tail that differs from what was sent (ProFTPD with mod_digest)', async () => {
    const ftp = await startFtpServer('proftpd', { digest: true });
    try {
      const client = await TestWsClient.connectedTo(base, ftp, ftp);
      const head = randomBytes(4096);
      await seedTree(ftp, [{ path: 't.bin', content: head }]);
      const tail = randomBytes(8192);
      const { transferId, offset } = await client.request('upload-start', { path: '/t.bin', size: head.length + tail.length, mode: 'resume' });
      expect(offset).toBe(head.length);
      const done = client.waitFor((m) => m.type === 'transfer-done' && m.transferId === transferId);
      client.socket.send(encodeUploadFrame(transferId, tail.subarray(0, 4096)));
      // Someone else changes a byte this upload wrote while the rest is still coming.
      const file = join(ftp.root, 't.bin');
      await expect.poll(() => statSync(file).size, { timeout: 10_000 }).toBe(head.length + 4096);
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.from([tail[10]! ^ 0xff]), 0, 1, head.length + 10);
      closeSync(fd);
      client.socket.send(encodeUploadFrame(transferId, tail.subarray(4096)));
      const final = await done;
      expect(final).toMatchObject({ ok: true, verifiedBy: 'md5', verifiedFrom: head.length });
      expect(final.type === 'transfer-done' && final.verified).toMatch(new RegExp(`^MD5 of bytes ${head.length}-${head.length + tail.length} mismatch`));
      client.close();
    } finally {
      await ftp.stop();
    }
  });

  for (const kind of ['vsftpd', 'pure-ftpd', 'pyftpdlib'] as FtpServerKind[]) {
    it(`falls back to SIZE on ${kind}, which offers no hash`, async () => {
      const ftp = await startFtpServer(kind);
      try {
        const bytes = randomBytes(300 * 1024);
        const { done } = await uploadTo(ftp, bytes);
        expect(done).toMatchObject({ ok: true, verified: true, verifiedBy: 'size' });
        expect(readFileSync(join(ftp.root, 'v.bin')).equals(bytes)).toBe(true);
      } finally {
        await ftp.stop();
      }
    });
  }

  it('checks an append against the size before it plus the bytes sent (vsftpd)', async () => {
    const ftp = await startFtpServer('vsftpd');
    try {
      const first = randomBytes(100 * 1024 + 7);
      const second = randomBytes(200 * 1024 + 11);
      // Appending to a file that is not there yet creates it.
      const created = await uploadTo(ftp, first, 'append');
      expect(created.done).toMatchObject({ ok: true, verified: true, verifiedBy: 'size' });
      const appended = await uploadTo(ftp, second, 'append');
      expect(appended.done).toMatchObject({ ok: true, verified: true, verifiedBy: 'size' });
      expect(readFileSync(join(ftp.root, 'v.bin')).equals(Buffer.concat([first, second]))).toBe(true);
    } finally {
      await ftp.stop();
    }
  });

  it('says what the server kept when an upload is cancelled (vsftpd)', async () => {
    const ftp = await startFtpServer('vsftpd');
    try {
      const client = await TestWsClient.connectedTo(base, ftp, ftp);
      const part = randomBytes(512 * 1024);
      const { transferId } = await client.request('upload-start', { path: '/c.bin', size: 4 * part.length });
      client.socket.send(encodeUploadFrame(transferId, part));
      let accepted = 0;
      while (accepted < part.length) accepted = await client.waitNextAck(transferId, accepted);
      await client.request('transfer-cancel', { transferId });
      const done = await client.waitFor((m) => m.type === 'transfer-done' && m.transferId === transferId);
      expect(done).toMatchObject({ ok: false, error: { code: 'SRV_ERR_CANCELLED' } });
      // The page's "keeps N" and "paused at N" come from here, not from the last progress event.
      const kept = statSync(join(ftp.root, 'c.bin')).size;
      expect(kept).toBeGreaterThan(0);
      expect(done.type === 'transfer-done' && done.resumeFrom).toBe(kept);
      client.close();
    } finally {
      await ftp.stop();
    }
  });

  it('checks an empty file by its listing where SIZE gives no number (ftp-srv, the demo)', async () => {
    const ftp = await startFtpServer('demo');
    try {
      const { done } = await uploadTo(ftp, Buffer.alloc(0));
      expect(done).toMatchObject({ ok: true, verified: true, verifiedBy: 'size' });
      expect(statSync(join(ftp.root, 'v.bin')).size).toBe(0);
    } finally {
      await ftp.stop();
    }
  });

  it("does not wait for the server's hash of an upload stopped during its check: it is done, checked by size only", async () => {
    const bytes = randomBytes(300 * 1024 + 1);
    const stored = new Map<string, Buffer>();
    const md5 = createHash('md5').update(bytes).digest('hex');
    const ftp = await startScriptedFtp({
      stor: (path, data) => stored.set(path, data),
      answers: { FEAT: '211-Features:\r\n XMD5\r\n SIZE\r\n211 End', SIZE: `213 ${bytes.length}`, XMD5: `250 ${md5}` },
      delays: { XMD5: 10_000 },
    });
    const client = await TestWsClient.connectedTo(base, { host: ftp.host, port: ftp.port }, { user: 'u', password: 'p' });
    try {
      const { transferId } = await client.request('upload-start', { path: '/s.bin', size: bytes.length });
      client.socket.send(encodeUploadFrame(transferId, bytes));
      // Every byte is stored, and the server is hashing the file.
      await expect.poll(() => ftp.seen('XMD5').received, { timeout: 10_000 }).toBe(1);
      expect(stored.get('/s.bin')?.equals(bytes)).toBe(true);
      await client.request('transfer-cancel', { transferId });
      const done = await client.waitFor((m) => m.type === 'transfer-done' && m.transferId === transferId);
      // Its size had been checked before the hash was asked for; the hash was not waited for.
      expect(done).toMatchObject({ ok: true, bytes: bytes.length, verified: true, verifiedBy: 'size' });
      expect(ftp.seen('XMD5').answered).toBe(0);
      // The session goes on without the connection the server was hashing on.
      expect(await client.request('raw', { line: 'NOOP' })).toMatchObject({ code: 200 });
    } finally {
      client.close();
      await ftp.stop();
    }
  });
});
