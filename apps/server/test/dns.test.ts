/**
 * A host name that does not resolve is SRV_ERR_DNS, retryable, with a
 * transcript line saying the name did not resolve (review 9, S5), not a
 * policy refusal. `.invalid` names never resolve (RFC 6761), so the test asks
 * no DNS server.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('an unresolvable host', () => {
  it('fails with a retryable SRV_ERR_DNS and a transcript line that says the name did not resolve', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    await expect(client.request('connect', { params: { host: 'no-such-host.invalid' } })).rejects.toMatchObject({
      wire: { code: 'SRV_ERR_DNS', retryable: true, message: expect.stringContaining('did not resolve') },
    });
    const relay = client.events.flatMap((e) => (e.type === 'transcript' ? e.lines : [])).filter((l) => l.connection === 'relay');
    expect(relay).toHaveLength(1);
    expect(relay[0]).toMatchObject({ kind: 'error', text: expect.stringContaining('The host name no-such-host.invalid did not resolve'), detail: { type: 'failure', errorCode: 'SRV_ERR_DNS' } });
    expect(relay[0]?.text).not.toContain('policy');
    expect(client.events.filter((e) => e.type === 'session-state').at(-1)).toMatchObject({ state: { status: 'disconnected' } });
    client.close();
  });
});
