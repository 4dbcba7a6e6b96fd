/**
 * The edge checks cannot be walked round: the access token and the Origin
 * check go by the route Fastify matched, so percent-encoded paths (`/%77s`,
 * `/%61pi/download/…`) get the same answer as plain ones, and a loopback
 * server without a token answers only to loopback host names (DNS
 * rebinding). Real WebSocket handshakes where a handshake is the attack.
 */
import type { FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loggableUrl } from '../src/plugins/requestLog.ts';
import { testConfig, type ServerConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function start(overrides: Partial<ServerConfig>): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildApp(testConfig(overrides));
  apps.push(app);
  return { app, base: await listenOnLoopback(app) };
}

/** The HTTP status a WebSocket handshake got (101 when it opened). */
function handshake(url: string, headers: Record<string, string> = {}, origin?: string): Promise<number> {
  const socket = new WebSocket(url, { headers, ...(origin ? { origin } : {}) });
  return new Promise<number>((resolve) => {
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('error', () => resolve(-1));
  });
}

describe('the access token', () => {
  const token = { accessToken: 'let-me-in', allowPrivateTargets: false };

  it.each(['/ws', '/%77s', '/w%73', '/%77%73'])('guards the WebSocket at %s', async (path) => {
    const { base } = await start(token);
    expect(await handshake(`ws://${base}${path}`)).toBe(401);
  });

  it.each(['/api/download/x', '/%61pi/download/x', '/api/%64ownload/x'])('guards downloads at %s', async (url) => {
    const { app } = await start(token);
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'SRV_ERR_UNAUTHORIZED' });
  });

  it('leaves the UI, the health check and the login open', async () => {
    const { app } = await start(token);
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/config' })).statusCode).toBe(200);
    // No route at all (this test app serves no UI files): closed, like everything not named open.
    expect((await app.inject({ url: '/nothing-here' })).statusCode).toBe(401);
    const login = await app.inject({ method: 'POST', url: '/api/login', payload: { token: 'let-me-in' } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    // With the cookie the encoded path is the same route, now allowed (no such ticket).
    expect((await app.inject({ url: '/%61pi/download/x', headers: { cookie } })).statusCode).toBe(404);
  });
});

describe('the login limit behind a reverse proxy', () => {
  const token = { accessToken: 'let-me-in', allowPrivateTargets: false };
  const attempt = (app: FastifyInstance, forwardedFor: string, t = 'wrong'): Promise<number> =>
    app
      .inject({ method: 'POST', url: '/api/login', payload: { token: t }, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': forwardedFor } })
      .then((r) => r.statusCode);

  it('counts each client apart when the proxy is trusted', async () => {
    const { app } = await start({ ...token, trustProxy: ['127.0.0.1'] });
    for (let i = 0; i < 10; i++) expect(await attempt(app, '203.0.113.7')).toBe(401);
    expect(await attempt(app, '203.0.113.7')).toBe(429);
    // Another browser behind the same proxy is not locked out by the first one's typos.
    expect(await attempt(app, '198.51.100.9', 'let-me-in')).toBe(200);
  });

  it('ignores X-Forwarded-For from a proxy nobody named, so the header cannot dodge the limit', async () => {
    const { app } = await start(token);
    for (let i = 0; i < 10; i++) expect(await attempt(app, `203.0.113.${i}`)).toBe(401);
    expect(await attempt(app, '198.51.100.9', 'let-me-in')).toBe(429);
  });
});

describe('the Origin check', () => {
  it.each(['/ws', '/%77s', '/w%73'])('refuses a foreign page at %s', async (path) => {
    const { base } = await start({});
    expect(await handshake(`ws://${base}${path}`, {}, 'http://evil.example')).toBe(403);
  });

  it('lets the app’s own page in', async () => {
    const { base } = await start({});
    expect(await handshake(`ws://${base}/ws`, {}, `http://${base}`)).toBe(101);
  });
});

describe('the Host check of a loopback server without a token (DNS rebinding)', () => {
  it('refuses a page that rebinds its own name to this server', async () => {
    const { base } = await start({});
    const port = base.split(':')[1];
    const host = `attacker.example:${port}`;
    expect(await handshake(`ws://${base}/ws`, { host }, `http://${host}`)).toBe(403);
  });

  it.each([['127.0.0.1'], ['localhost'], ['[::1]'], ['app.localhost'], ['ftpdeck.lan']])('answers to %s', async (name) => {
    const { app } = await start({ allowedOrigins: ['http://ftpdeck.lan:8021'] });
    const res = await app.inject({ url: '/healthz', headers: { host: `${name}:8021` } });
    expect(res.statusCode).toBe(200);
  });

  it('answers to any name once a token guards it', async () => {
    const { app } = await start({ accessToken: 't' });
    expect((await app.inject({ url: '/healthz', headers: { host: 'ftp.example.com' } })).statusCode).toBe(200);
  });

  it('says why it refused', async () => {
    const { app } = await start({});
    const res = await app.inject({ url: '/api/config', headers: { host: 'attacker.example' } });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'SRV_ERR_ORIGIN', message: expect.stringMatching(/--allowed-origins/) });
  });
});

describe('logged URLs', () => {
  it.each(['/api/download/secret-ticket', '/%61pi/download/secret-ticket', '/api/%64ownload/secret-ticket?x=1'])('never carry the ticket: %s', (url) => {
    expect(loggableUrl(url)).toBe('/api/download/:ticket');
  });
});
