/**
 * Limits and robustness at the edge: sessions per address, listing size,
 * uploads per session, upload size, and a seeded fuzz of the gateway with
 * thousands of random and invalid messages.
 */
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { PROTOCOL_VERSION } from '@ftpdeck/protocol';
import { buildApp } from '../src/app.ts';
import { listenOnLoopback } from './support/listen.ts';
import { testConfig, type ServerConfig } from '../src/config.ts';
import { fuzzMessage, prng } from './support/fuzz.ts';
import { TestWsClient } from './wsClient.ts';

let ftp: RunningFtpServer;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [
    { path: 'three/a', content: 'a' },
    { path: 'three/b', content: 'b' },
    { path: 'three/c', content: 'c' },
  ]);
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await ftp?.stop();
});

async function serve(overrides: Partial<ServerConfig> = {}): Promise<string> {
  const app = await buildApp(testConfig(overrides));
  apps.push(app);
  return await listenOnLoopback(app);
}

const params = () => ({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });

describe('limits', () => {
  it('caps sessions per client address with a clear error and close code 4004', async () => {
    const base = await serve({ maxSessionsPerIp: 2 });
    const a = await TestWsClient.open(`ws://${base}/ws`);
    const b = await TestWsClient.open(`ws://${base}/ws`);
    const socket = new WebSocket(`ws://${base}/ws`);
    await new Promise((r) => socket.once('open', r));
    const messages: string[] = [];
    socket.on('message', (d) => messages.push(d.toString()));
    socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
    const code = await new Promise<number>((r) => socket.once('close', (c) => r(c)));
    expect(code).toBe(4004);
    expect(JSON.parse(messages[0] ?? '{}')).toMatchObject({ type: 'error', error: { code: 'SRV_ERR_LIMIT' } });
    // A reload (hello with the token) is not a new session and is not refused.
    a.client.close();
    await new Promise((r) => setTimeout(r, 50));
    const again = await TestWsClient.open(`ws://${base}/ws`, { token: a.welcome.sessionToken });
    expect(again.welcome.resumed).toBe(true);
    again.client.close();
    b.client.close();
  });

  it('refuses listings beyond the entry cap, uploads beyond the per-session count and the size cap', async () => {
    const base = await serve({ maxListEntries: 2, maxUploadsPerSession: 1, maxUploadBytes: 1000 });
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    await client.request('connect', { params: params() });
    await expect(client.request('list', { path: '/three' })).rejects.toMatchObject({ wire: { code: 'SRV_ERR_LISTING_TOO_LARGE' } });
    await expect(client.request('upload-start', { path: '/big', size: 1001 })).rejects.toMatchObject({ wire: { code: 'SRV_ERR_LIMIT' } });
    const first = await client.request('upload-start', { path: '/one', size: 10 });
    await expect(client.request('upload-start', { path: '/two', size: 10 })).rejects.toMatchObject({ wire: { code: 'SRV_ERR_LIMIT', retryable: true } });
    await client.request('transfer-cancel', { transferId: first.transferId });
    client.close();
  });
});

describe('a hostile browser', () => {
  it('survives thousands of seeded random messages and still answers a valid request', async () => {
    const base = await serve({ uploadWindowBytes: 64 * 1024 });
    const rand = prng(20261121);
    let sent = 0;
    for (let s = 0; s < 10; s++) {
      const socket = new WebSocket(`ws://${base}/ws`);
      await new Promise((r) => socket.once('open', r));
      socket.on('message', () => undefined);
      // Half the sockets get past the handshake (and half of those connect), so requests reach the handlers.
      if (s % 2 === 0) socket.send(JSON.stringify({ type: 'hello', protocolVersion: PROTOCOL_VERSION }));
      if (s % 4 === 0) socket.send(JSON.stringify({ type: 'connect', id: 1, params: params() }));
      for (let i = 0; i < 300; i++) {
        const m = fuzzMessage(rand);
        if ('text' in m) socket.send(m.text);
        else socket.send(m.binary);
        sent += 1;
      }
      await new Promise<void>((r) => socket.send('ping-frame', () => r()));
      socket.close();
    }
    expect(sent).toBe(3000);
    // Alive: health answers, and a fresh session connects and lists.
    const health = (await (await fetch(`http://${base}/healthz`)).json()) as { ok: boolean };
    expect(health.ok).toBe(true);
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    await client.request('connect', { params: params() });
    expect((await client.request('list', { path: '/three' })).entries.map((e) => e.name).sort()).toEqual(['a', 'b', 'c']);
    client.close();
  });
});
