/**
 * Upload verification against real servers: ProFTPD with mod_digest
 * computes a hash the relay compares with its own streaming hash; vsftpd,
 * Pure-FTPd and pyftpdlib offer no hash command, so SIZE is all there is.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFtpServer, type FtpServerKind, type RunningFtpServer } from '@ftpdeck/test-servers';
import { encodeUploadFrame } from '@ftpdeck/protocol';
import { buildApp } from '../src/app.ts';
import { listenOnLoopback } from './support/listen.ts';
import { testConfig } from '../src/config.ts';
import { startProftpdWithDigest } from './support/proftpdDigest.ts';
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

async function uploadTo(ftp: RunningFtpServer, bytes: Buffer, mode: 'overwrite' | 'append' | 'resume' = 'overwrite') {
  const { client } = await TestWsClient.open(`ws://${base}/ws`);
  await client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password } });
  const result = await client.upload('/v.bin', bytes, mode);
  client.close();
  return result;
}

describe('upload verification', () => {
  it('verifies by MD5 where the server offers HASH (ProFTPD with mod_digest)', async () => {
    const ftp = await startProftpdWithDigest();
    try {
      const bytes = randomBytes(2 * 1024 * 1024 + 3);
      const { done } = await uploadTo(ftp, bytes);
      expect(done).toMatchObject({ ok: true, verified: true, verifiedBy: 'md5' });
      expect(readFileSync(join(ftp.root, 'v.bin')).equals(bytes)).toBe(true);
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
      const { client } = await TestWsClient.open(`ws://${base}/ws`);
      await client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password } });
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
});
