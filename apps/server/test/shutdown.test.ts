/**
 * Graceful shutdown of the real process: `tsx src/main.ts` is spawned, a
 * browser session connects (through the fault proxy, which records what the
 * FTP server was sent) and starts an upload, then SIGTERM. The upload must
 * end with a retryable SRV_ERR_SHUTTING_DOWN after ABOR, every FTP
 * connection must get QUIT, the browser close code 4003, and the exit code 0.
 * An upload asked for during the grace period is refused, retryable.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeUploadFrame } from '@ftpdeck/protocol';
import { startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { FaultProxy } from './support/faultProxy.ts';
import { TestWsClient } from './wsClient.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
let ftp: RunningFtpServer;
let proxy: FaultProxy;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  proxy = await FaultProxy.start(ftp);
});

afterAll(async () => {
  await proxy?.stop();
  await ftp?.stop();
});

describe('SIGTERM', () => {
  it('aborts transfers, QUITs every FTP connection, closes sockets with 4003 and exits 0', async () => {
    const child = spawn(`${SERVER_DIR}/node_modules/.bin/tsx`, ['src/main.ts', '--port', '0', '--no-demo', '--web-root', 'none'], {
      cwd: SERVER_DIR,
      // A 512 KiB window acks every 64 KiB (an eighth), so the half-sent upload below gets its ack.
      env: { ...process.env, FTPDECK_SHUTDOWN_GRACE_MS: '1500', FTPDECK_LOG_LEVEL: 'info', FTPDECK_UPLOAD_WINDOW_BYTES: String(512 * 1024) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /"port":(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', () => reject(new Error(`server exited early: ${out}`)));
    });

    const { client } = await TestWsClient.open(`ws://127.0.0.1:${port}/ws`);
    await client.request('connect', { params: { host: proxy.host, port: proxy.port, user: ftp.user, password: ftp.password } });
    const closed = new Promise<number>((r) => client.socket.once('close', (code) => r(code)));
    // An upload that never completes on its own: half the bytes, then silence.
    const { transferId } = await client.request('upload-start', { path: '/half.bin', size: 1024 * 1024 });
    client.socket.send(encodeUploadFrame(transferId, randomBytes(512 * 1024)));
    await client.waitFor((e) => e.type === 'upload-ack' && e.transferId === transferId);

    child.kill('SIGTERM');
    // While it drains, a new upload is refused (retryable), not started only to be aborted.
    while (!out.includes('SIGTERM: shutting down')) await new Promise((r) => setTimeout(r, 5));
    await expect(client.request('upload-start', { path: '/late.bin', size: 10 })).rejects.toMatchObject({ wire: { code: 'SRV_ERR_SHUTTING_DOWN', retryable: true } });
    const done = await client.waitFor((e) => e.type === 'transfer-done' && e.transferId === transferId);
    expect(done).toMatchObject({ ok: false, error: { code: 'SRV_ERR_SHUTTING_DOWN', retryable: true } });
    expect(await closed).toBe(4003);
    expect(await exited).toBe(0);
    const commands = proxy.controlCommands;
    expect(commands).toContain('ABOR');
    // Every FTP login (browse, the upload's connection, the one that asked SIZE for resumeFrom) said goodbye.
    const logins = commands.match(/^USER /gm)?.length ?? 0;
    expect(logins).toBeGreaterThanOrEqual(2);
    expect(commands.match(/^QUIT\r$/gm)?.length).toBe(logins);
    expect(client.transcriptText()).toMatch(/QUIT/);
  });
});
