/**
 * Keeping the local file's time on upload (`upload-start.modified`): the
 * file on the server's disk ends with that modification time, set by MFMT
 * or MDTM with a time, on each real server; an append leaves its file's
 * time alone; a server that cannot set times (ftp-srv, the demo) says so
 * in `transfer-done` and the upload is still done.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type FtpServerKind } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
});

const modified = '2019-03-04T05:06:07.000Z';

describe('keeping the local file time on upload', () => {
  for (const kind of ['vsftpd', 'proftpd', 'pure-ftpd', 'pyftpdlib'] as FtpServerKind[]) {
    it(`sets the uploaded file's time on ${kind}, and leaves an append's alone`, async () => {
      const ftp = await startFtpServer(kind);
      const client = await TestWsClient.connectedTo(base, ftp, ftp);
      try {
        const bytes = randomBytes(200 * 1024 + 3);
        const { done } = await client.upload('/kept.bin', bytes, 'overwrite', 64 * 1024, 0, { modified });
        expect(done).toMatchObject({ ok: true, timeKept: true });
        const file = join(ftp.root, 'kept.bin');
        expect(readFileSync(file).equals(bytes)).toBe(true);
        expect(statSync(file).mtime.toISOString()).toBe(modified);

        // An append's file is not the local file: its time stays the server's.
        await seedTree(ftp, [{ path: 'log.txt', content: 'first\n' }]);
        const before = Date.now() - 60_000;
        const appended = await client.upload('/log.txt', Buffer.from('second\n'), 'append', 64 * 1024, 0, { modified });
        expect(appended.done).toMatchObject({ ok: true });
        expect(appended.done.timeKept).toBeUndefined();
        expect(statSync(join(ftp.root, 'log.txt')).mtime.getTime()).toBeGreaterThan(before);
      } finally {
        client.close();
        await ftp.stop();
      }
    });
  }

  it('says a server that cannot set times did not, and the upload is done (ftp-srv, the demo)', async () => {
    const ftp = await startFtpServer('demo');
    const client = await TestWsClient.connectedTo(base, ftp, ftp);
    try {
      const bytes = randomBytes(10_000);
      const { done } = await client.upload('/kept.bin', bytes, 'overwrite', 64 * 1024, 0, { modified });
      expect(done).toMatchObject({ ok: true, timeKept: false });
      expect(readFileSync(join(ftp.root, 'kept.bin')).equals(bytes)).toBe(true);
      // The connection is fine after the refusal.
      expect(await client.request('raw', { line: 'NOOP' })).toMatchObject({ code: 200 });
    } finally {
      client.close();
      await ftp.stop();
    }
  });

  it('refuses a time that is not an ISO date', async () => {
    const ftp = await startFtpServer('vsftpd');
    const client = await TestWsClient.connectedTo(base, ftp, ftp);
    try {
      await expect(client.request('upload-start', { path: '/x.bin', size: 1, modified: 'yesterday' })).rejects.toMatchObject({ wire: { code: 'SRV_ERR_BAD_MESSAGE', message: 'modified: Invalid ISO datetime' } });
    } finally {
      client.close();
      await ftp.stop();
    }
  });
});
