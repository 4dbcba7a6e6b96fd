/**
 * Calls made while connect() runs wait for it and then run in order; a
 * failed connect fails them with FTP_ERR_NOT_CONNECTED; close() during
 * connect() stops it cleanly. Against real servers, with the scripted
 * server for a login that hangs.
 */
import { seedTree } from '@ftpdeck/test-servers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FtpError, FtpClient } from '../src/index.ts';
import { clientFor, kinds, startServer } from './helpers/servers.ts';
import { startTracked, stopQuirkServers } from './helpers/quirk-setup.ts';

afterEach(stopQuirkServers);

function commands(transcript: { kind: string; text: string }[]): string[] {
  return transcript.filter((e) => e.kind === 'command').map((e) => e.text.split(' ')[0] ?? '');
}

describe.each(kinds())('%s: calls made during connect()', (kind) => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [{ path: 'a.txt', content: 'hello' }]);
  });
  afterAll(async () => srv?.stop());

  it('queue behind connect() and run in order', async () => {
    const { client, transcript } = clientFor(srv);
    const [connected, pwd, list, size] = await Promise.allSettled([client.connect(), client.pwd(), client.list('/'), client.size('/a.txt')]);
    expect(connected.status).toBe('fulfilled');
    expect(pwd).toEqual({ status: 'fulfilled', value: '/' });
    expect(list.status === 'fulfilled' && list.value.map((e) => e.name)).toContain('a.txt');
    expect(size).toEqual({ status: 'fulfilled', value: 5 });
    const sent = commands(transcript);
    // The login comes first, then the calls in the order they were made.
    expect(sent[0]).toBe('USER');
    expect(sent.indexOf('PWD')).toBeGreaterThan(sent.indexOf('PASS'));
    expect(sent.indexOf('PWD')).toBeLessThan(sent.indexOf('SIZE'));
    await client.close();
  });

  it('a call made a moment into connect() runs after the login', async () => {
    const { client, transcript } = clientFor(srv);
    const connecting = client.connect();
    await new Promise((r) => setTimeout(r, 1));
    const pwd = client.pwd();
    await connecting;
    expect(await pwd).toBe('/');
    const sent = commands(transcript);
    expect(sent.indexOf('PWD')).toBeGreaterThan(sent.indexOf('PASS'));
    await client.close();
  });

  it('a failed login fails the queued calls with FTP_ERR_NOT_CONNECTED, and nothing of theirs is sent', async () => {
    const { client, transcript } = clientFor({ ...srv, password: 'wrong-password' });
    const [connected, pwd, list] = await Promise.allSettled([client.connect(), client.pwd(), client.list('/')]);
    expect(connected).toMatchObject({ status: 'rejected', reason: { code: 'FTP_ERR_LOGIN' } });
    for (const r of [pwd, list]) {
      expect(r).toMatchObject({ status: 'rejected', reason: { code: 'FTP_ERR_NOT_CONNECTED' } });
      expect(((r as PromiseRejectedResult).reason as FtpError).cause).toBe((connected as PromiseRejectedResult).reason);
    }
    await expect(client.pwd()).rejects.toMatchObject({ code: 'FTP_ERR_NOT_CONNECTED' });
    expect(commands(transcript)).not.toContain('PWD');
  });

  it('close() during connect() ends it with FTP_ERR_NOT_CONNECTED and closes', async () => {
    const { client } = clientFor(srv);
    const connecting = client.connect();
    const queued = client.pwd();
    const closing = client.close();
    await expect(connecting).rejects.toMatchObject({ code: 'FTP_ERR_NOT_CONNECTED' });
    await expect(queued).rejects.toMatchObject({ code: 'FTP_ERR_NOT_CONNECTED' });
    await closing;
    expect(client.isConnected).toBe(false);
    await expect(client.pwd()).rejects.toMatchObject({ code: 'FTP_ERR_NOT_CONNECTED' });
  });
});

describe('connect() and the queue, scripted', () => {
  it('a call before any connect() fails with FTP_ERR_NOT_CONNECTED and connects nowhere', async () => {
    const server = await startTracked(() => false);
    const client = new FtpClient({ host: server.host, port: server.port, user: server.user, password: server.password });
    await expect(client.pwd()).rejects.toMatchObject({ code: 'FTP_ERR_NOT_CONNECTED' });
    await expect(client.list()).rejects.toMatchObject({ code: 'FTP_ERR_NOT_CONNECTED' });
    expect(server.sessions).toHaveLength(0);
    // The client is still usable.
    await client.connect();
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('close() while the server sits on the login stops connect() at once', async () => {
    // PASS is never answered: without close() the connect would wait a full reply timeout.
    const server = await startTracked((_s, verb) => verb === 'PASS');
    const client = new FtpClient({ host: server.host, port: server.port, user: server.user, password: server.password, timeouts: { reply: 60_000 } });
    const connecting = client.connect();
    while (!server.received.includes(`PASS ${server.password}`)) await new Promise((r) => setTimeout(r, 5));
    const queued = client.size('x');
    await client.close();
    await expect(connecting).rejects.toMatchObject({ code: 'FTP_ERR_NOT_CONNECTED' });
    await expect(queued).rejects.toMatchObject({ code: 'FTP_ERR_NOT_CONNECTED' });
    expect(server.received).not.toContain('SIZE x');
    const sock = server.sessions[0]?.socket;
    if (sock && !sock.destroyed) await new Promise((r) => sock.once('close', r));
    expect(sock?.destroyed).toBe(true);
  });

  it('a second connect() while the first runs is refused and leaves the first alone', async () => {
    const server = await startTracked(() => false);
    const client = new FtpClient({ host: server.host, port: server.port, user: server.user, password: server.password });
    const [first, second] = await Promise.allSettled([client.connect(), client.connect()]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'FTP_ERR_INVALID_ARGUMENT' } });
    expect(await client.pwd()).toBe('/');
    expect(server.sessions).toHaveLength(1);
    await client.close();
  });
});
