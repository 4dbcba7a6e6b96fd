/**
 * A browser that goes away mid-upload (reload, closed tab, network blip)
 * leaves no STOR behind: the server aborts it, the partial file stays, and
 * the page that comes back resumes it to a byte-identical file. Real
 * WebSockets against a real vsftpd.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { encodeUploadFrame } from '@ftpdeck/protocol';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  // One upload slot: an upload left running would refuse the resume outright.
  app = await buildApp(testConfig({ uploadWindowBytes: 256 * 1024, maxUploadsPerSession: 1 }));
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

describe('a browser that goes away mid-upload', () => {
  it('gets its upload aborted on the server, and the page that comes back resumes it byte for byte', async () => {
    const bytes = randomBytes(3 * 1024 * 1024);
    const first = await TestWsClient.open(`ws://${base}/ws`);
    await first.client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password } });
    const { transferId, window } = await first.client.request('upload-start', { path: '/big.bin', size: bytes.length, mode: 'overwrite' });
    first.client.socket.send(encodeUploadFrame(transferId, bytes.subarray(0, window)));
    await first.client.waitNextAck(transferId, 0);
    // The tab goes away with the upload a window in.
    first.client.close();
    await new Promise((r) => setTimeout(r, 200));

    const second = await TestWsClient.open(`ws://${base}/ws`, { token: first.welcome.sessionToken });
    expect(second.welcome.resumed).toBe(true);
    // The page that comes back hears what was lost and what the server kept.
    const told = await second.client.waitFor((m) => m.type === 'upload-interrupted');
    expect(told).toMatchObject({ type: 'upload-interrupted', path: '/big.bin', size: bytes.length, kept: statSync(join(ftp.root, 'big.bin')).size });
    const { offset, done } = await second.client.upload('/big.bin', bytes, 'resume');
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(window);
    expect(done).toMatchObject({ ok: true, verified: true });
    expect(readFileSync(join(ftp.root, 'big.bin')).equals(bytes)).toBe(true);
    // The abandoned STOR was ended with ABOR on its connection, not left to time out.
    expect(second.client.transcriptText()).toMatch(/^ABOR$/m);
    second.client.close();
  });

  it('leaves the partial file for a resume when nobody comes back', async () => {
    const bytes = randomBytes(2 * 1024 * 1024);
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    await client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password } });
    const { transferId, window } = await client.request('upload-start', { path: '/left.bin', size: bytes.length, mode: 'overwrite' });
    client.socket.send(encodeUploadFrame(transferId, bytes.subarray(0, window)));
    await client.waitNextAck(transferId, 0);
    client.close();
    // What reached the server stays, and it is a prefix of the file.
    await expect.poll(() => statSync(join(ftp.root, 'left.bin')).size).toBeGreaterThan(0);
    const kept = readFileSync(join(ftp.root, 'left.bin'));
    expect(bytes.subarray(0, kept.length).equals(kept)).toBe(true);
  });
});
