/**
 * The server keeps a transferring FTP connection's control channel alive
 * (FTPDECK_TRANSFER_KEEPALIVE_MS): a slow browser upload to real vsftpd sends
 * NOOPs while the data moves, the transcript shows them, and the file
 * arrives whole and verified with the session still in step.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerFile, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { loadConfig, testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  app = await buildApp(testConfig({ transferKeepAliveMs: 100 }));
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

describe('keepalive during transfers', () => {
  it('sends NOOPs during a slow upload; the file arrives whole and verified', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    try {
      await client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password } });
      const bytes = randomBytes(3 * 1024 * 1024);
      const { done } = await client.upload('/slow.bin', bytes, 'overwrite', 256 * 1024, 700);
      expect(done).toMatchObject({ ok: true, verified: true });
      expect((await readServerFile(ftp, 'slow.bin')).equals(bytes)).toBe(true);
      const transcript = client.transcriptText();
      const afterStor = transcript.slice(transcript.lastIndexOf('STOR /slow.bin'));
      expect(afterStor.match(/^NOOP$/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
      // Still in step: a listing right after sees the file with its size.
      const { entries } = await client.request('list', {});
      expect(entries.find((e) => e.name === 'slow.bin')?.size).toBe(bytes.length);
    } finally {
      client.close();
    }
  });

  it('is on by default at 60 s and can be turned off', () => {
    expect(loadConfig([], {}).transferKeepAliveMs).toBe(60_000);
    expect(loadConfig([], { FTPDECK_TRANSFER_KEEPALIVE_MS: '0' }).transferKeepAliveMs).toBe(0);
    expect(() => loadConfig([], { FTPDECK_TRANSFER_KEEPALIVE_MS: 'soon' })).toThrow(/FTPDECK_TRANSFER_KEEPALIVE_MS/);
  });
});
