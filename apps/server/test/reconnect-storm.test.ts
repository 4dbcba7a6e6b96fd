/**
 * A server that logs us in and drops the connection soon after, every time
 * (one that floods replies until the engine cuts it behaves the same way):
 * each reconnect succeeds, so the attempt count alone would never stop it.
 * The session gives up after five reconnects within a minute.
 */
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let base: string;
let ftp: net.Server;
let logins = 0;

beforeAll(async () => {
  ftp = net.createServer((sock) => {
    sock.write('220 Drops you soon\r\n');
    let buffered = '';
    sock.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (let nl = buffered.indexOf('\r\n'); nl >= 0; nl = buffered.indexOf('\r\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 2);
        const verb = line.split(' ')[0]?.toUpperCase();
        if (verb === 'USER') sock.write('331 Password\r\n');
        else if (verb === 'PASS') {
          logins += 1;
          sock.write('230 In\r\n');
          setTimeout(() => sock.destroy(), 300);
        } else if (verb === 'FEAT') sock.write('211-Features\r\n UTF8\r\n211 End\r\n');
        else if (verb === 'PWD') sock.write('257 "/" is here\r\n');
        else if (verb === 'CWD') sock.write('250 OK\r\n');
        else if (verb === 'TYPE' || verb === 'OPTS' || verb === 'NOOP') sock.write('200 OK\r\n');
        else if (verb === 'SYST') sock.write('215 UNIX Type: L8\r\n');
        else sock.write('502 No\r\n');
      }
    });
    sock.on('error', () => undefined);
  });
  await new Promise<void>((r) => ftp.listen(0, '127.0.0.1', r));
  app = await buildApp(testConfig({ reconnectDelaysMs: [20, 20, 20] }));
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await new Promise((r) => ftp.close(r));
});

describe('a server that drops every connection soon after login', () => {
  it('gets five reconnects within a minute, then the session gives up and says why', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    const port = (ftp.address() as net.AddressInfo).port;
    await client.request('connect', { params: { host: '127.0.0.1', port, user: 'u', password: 'p' } });
    const gaveUp = await client.waitFor((m) => m.type === 'error' && m.error.code === 'SRV_ERR_RECONNECT_FAILED');
    expect(JSON.stringify(gaveUp)).toMatch(/6 times within a minute; not reconnecting again/);
    // The first login and five reconnects; none after giving up.
    expect(logins).toBe(6);
    await new Promise((r) => setTimeout(r, 500));
    expect(logins).toBe(6);
    client.close();
  });
});
