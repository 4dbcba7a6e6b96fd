/**
 * Every response carries the security headers: the UI, the API, the health
 * check, a 404, a refused request and a streamed download alike (the last
 * one hijacks the reply, so it is the easiest to get wrong; download-bytes
 * checks it with real bytes). Fastify's inject: no socket needed here.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { SECURITY_HEADERS } from '../src/plugins/security.ts';

let app: FastifyInstance;
let webRoot: string;

beforeAll(async () => {
  webRoot = await mkdtemp(join(tmpdir(), 'ftpdeck-web-'));
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>FTP Deck</title>');
  app = await buildApp(testConfig({ webRoot }));
});

afterAll(async () => {
  await app?.close();
  await rm(webRoot, { recursive: true, force: true });
});

describe('security headers', () => {
  it.each([
    ['the UI', '/', 200],
    ['the health check', '/healthz', 200],
    ['the config API', '/api/config', 200],
    ['an unknown path', '/no/such/page', 404],
    ['a download ticket that does not exist', '/api/download/not-a-ticket', 404],
  ])('are on %s', async (_what, url, status) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(status);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(res.headers[k], k).toBe(v);
  });

  it('are on a cross-site WebSocket refusal', async () => {
    const res = await app.inject({ method: 'GET', url: '/ws', headers: { origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-security-policy']).toBe(SECURITY_HEADERS['content-security-policy']);
  });
});
