/**
 * HTTP answers outside the WebSocket keep the documented `{code, message}`
 * shape (review 9, S7/S8): Fastify's body errors on /api/login and unknown
 * /api routes get SRV_ERR codes; the login lockout's 429 says it is
 * retryable and when to retry.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildApp(testConfig({ accessToken: 'sesame' }));
});

afterAll(async () => {
  await app?.close();
});

describe('HTTP errors', () => {
  it.each([
    ['a body that is not JSON', { 'content-type': 'application/json' }, '{not json', 400, 'SRV_ERR_BAD_MESSAGE'],
    ['a body over 64 KiB', { 'content-type': 'application/json' }, JSON.stringify({ token: 'x'.repeat(70 * 1024) }), 413, 'SRV_ERR_LIMIT'],
    ['a media type the route does not take', { 'content-type': 'application/x-whatever' }, 'token=x', 415, 'SRV_ERR_BAD_MESSAGE'],
  ])('answers %s on /api/login with a documented code', async (_what, headers, payload, status, code) => {
    const res = await app.inject({ method: 'POST', url: '/api/login', headers, payload });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ code, message: expect.any(String) });
  });

  it('answers an unknown /api route with 404 SRV_ERR_NOT_FOUND, and other paths with a plain 404', async () => {
    // Without an access token (with one, an unknown route answers 401 before routing).
    const open = await buildApp(testConfig());
    const res = await open.inject({ method: 'GET', url: '/api/x' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'SRV_ERR_NOT_FOUND', message: 'no such API route: GET /api/x' });
    expect((await open.inject({ method: 'POST', url: '/api/download/zzz/extra' })).json()).toMatchObject({ code: 'SRV_ERR_NOT_FOUND' });
    const ui = await open.inject({ method: 'GET', url: '/some/page' });
    expect(ui.statusCode).toBe(404);
    expect(ui.json()).toEqual({ code: 'SRV_ERR_NOT_FOUND', message: 'not found' });
    await open.close();
  });

  it('says a login lockout is retryable, and when', async () => {
    const login = () => app.inject({ method: 'POST', url: '/api/login', remoteAddress: '127.0.0.9', payload: { token: 'wrong' } });
    for (let i = 0; i < 10; i += 1) expect((await login()).statusCode).toBe(401);
    const res = await login();
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ code: 'SRV_ERR_LIMIT', retryable: true });
    const wait = Number(res.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
  });
});
