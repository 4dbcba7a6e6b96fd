/**
 * Operations: the structured logs of a full session (connect, a failed
 * login, upload, download by ticket, ZIP) hold no password, no session token
 * and no ticket; /healthz reports sessions and uptime.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { listenOnLoopback } from './support/listen.ts';
import { testConfig } from '../src/config.ts';
import { TestWsClient } from './wsClient.ts';

let ftp: RunningFtpServer;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
});

afterAll(async () => {
  await ftp?.stop();
});

describe('logs and health', () => {
  it('logs a full session at trace level without a single secret', async () => {
    const lines: string[] = [];
    const app = await buildApp(testConfig({ logLevel: 'trace' }), { logStream: { write: (l) => void lines.push(l) } });
    const base = await listenOnLoopback(app);

    const { client, welcome } = await TestWsClient.open(`ws://${base}/ws`);
    const wrongPassword = `Wr0ng-${randomBytes(6).toString('hex')}`;
    await expect(client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: wrongPassword } })).rejects.toMatchObject({ wire: { code: 'FTP_ERR_LOGIN' } });
    await client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password } });
    const bytes = randomBytes(400 * 1024);
    expect((await client.upload('/logged.bin', bytes)).done.ok).toBe(true);
    const single = await client.request('download-link', { paths: ['/logged.bin'] });
    expect(Buffer.from(await (await fetch(`http://${base}${single.url}`, { headers: { range: 'bytes=10-' } })).arrayBuffer()).equals(bytes.subarray(10))).toBe(true);
    const zip = await client.request('download-link', { paths: ['/'] });
    expect((await fetch(`http://${base}${zip.url}`)).status).toBe(200);
    await fetch(`http://${base}/api/download/${'x'.repeat(32)}?session=${welcome.sessionToken}`);
    client.close();
    await app.close();

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    expect(log).toContain('FTP session connected');
    expect(log).toContain('/api/download/:ticket');
    for (const secret of [welcome.sessionToken, single.url.split('/').pop(), zip.url.split('/').pop(), wrongPassword, `PASS ${ftp.password}`]) {
      expect(secret && log.includes(secret), `log contains ${secret}`).toBe(false);
    }
    // The test account's password is also its user name; it may only appear as the user.
    expect(log).not.toMatch(/"password"/i);
  });

  it('logs no query string of a request for a page that does not exist (review 18)', async () => {
    const lines: string[] = [];
    const app = await buildApp(testConfig({ logLevel: 'trace' }), { logStream: { write: (l) => void lines.push(l) } });
    const base = await listenOnLoopback(app);
    const secret = `QS-${randomBytes(6).toString('hex')}`;
    for (const path of [`/folder/x?password=${secret}`, `/assets/nothere.js?access_token=${secret}`, `/api/nothing?token=${secret}`]) {
      expect((await fetch(`http://${base}${path}`)).status).toBe(404);
    }
    await app.close();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain(secret);
  });

  it("logs one line per API request at info, with its status; the health check's only at debug", async () => {
    const at = async (level: string): Promise<Array<Record<string, unknown>>> => {
      const lines: string[] = [];
      const app = await buildApp(testConfig({ logLevel: level }), { logStream: { write: (l) => void lines.push(l) } });
      const base = await listenOnLoopback(app);
      const client = await TestWsClient.connectedTo(base, ftp, ftp);
      expect((await fetch(`http://${base}/api/config`)).status).toBe(200);
      expect((await fetch(`http://${base}/healthz`)).status).toBe(200);
      const { url } = await client.request('download-link', { paths: ['/'] });
      // A download hijacks its response from Fastify: still one line, once its body is through.
      expect((await fetch(`http://${base}${url}`)).status).toBe(200);
      client.close();
      await app.close();
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request' || /incoming request|request completed/.test(String(l.msg)));
    };
    const info = await at('info');
    expect(info.map((l) => [(l.req as { url: string }).url, (l.res as { statusCode: number }).statusCode])).toEqual([
      ['/api/config', 200],
      ['/api/download/:ticket', 200],
    ]);
    expect(info[1]?.responseTime).toBeTypeOf('number');
    const debug = await at('debug');
    expect(debug.map((l) => (l.req as { url: string }).url)).toContain('/healthz');
  });

  it('reports sessions and uptime on /healthz', async () => {
    const app = await buildApp(testConfig());
    const before = (await app.inject('/healthz')).json() as Record<string, unknown>;
    expect(before).toMatchObject({ ok: true, sessions: 0, attached: 0 });
    expect(before.uptimeSeconds).toBeTypeOf('number');
    expect(before.rssBytes).toBeGreaterThan(0);
    await app.close();
  });
});
