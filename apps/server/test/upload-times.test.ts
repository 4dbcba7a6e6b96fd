/**
 * Keeping the local file's time on upload (`upload-start.modified`): the
 * file on the server's disk ends with that modification time, set by MFMT
 * or MDTM with a time, on each real server (vsftpd's MDTM in its own zone
 * too); an append leaves its file's time alone, and so does a copy that
 * failed its check; a server that cannot set times (ftp-srv, the demo) says
 * so in `transfer-done` and the upload is still done.
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
import { startScriptedFtp } from './support/scriptedFtp.ts';
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
  const cases: Array<[FtpServerKind, string | undefined]> = [
    ['vsftpd', undefined],
    ['proftpd', undefined],
    ['pure-ftpd', undefined],
    ['pyftpdlib', undefined],
    // Its MDTM speaks the server's zone (use_localtime): a UTC time sent as it is would land 8 hours early.
    ['vsftpd', 'Asia/Shanghai'],
  ];
  for (const [kind, timezone] of cases) {
    it(`sets the uploaded file's time on ${kind}${timezone ? ` in ${timezone}` : ''}, and leaves an append's alone`, async () => {
      const ftp = await startFtpServer(kind, timezone ? { timezone } : {});
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

  it('leaves the time of a copy that failed its check alone', async () => {
    const bytes = randomBytes(5000);
    const ftp = await startScriptedFtp({
      stor: () => undefined,
      // The server holds fewer bytes than were sent.
      answers: { FEAT: '211-Features:\r\n MFMT\r\n SIZE\r\n211 End', SIZE: `213 ${bytes.length - 1}`, MFMT: '213 ok' },
    });
    const client = await TestWsClient.connectedTo(base, { host: ftp.host, port: ftp.port }, { user: 'u', password: 'p' });
    try {
      const { done } = await client.upload('/short.bin', bytes, 'overwrite', 64 * 1024, 0, { modified });
      expect(done).toMatchObject({ ok: true, verifiedBy: 'size', verified: `remote size ${bytes.length - 1} bytes, expected ${bytes.length}` });
      expect(done.timeKept).toBeUndefined();
      expect(ftp.seen('MFMT').received).toBe(0);
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
