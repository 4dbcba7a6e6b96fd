/**
 * Logon extensions: HOST (RFC 7151), ACCT after a 332, and CLNT before
 * OPTS UTF8 ON. The scripted quirk server plays the replies real servers
 * will not give on demand (332, 504 to HOST, a refused ACCT); ProFTPD,
 * vsftpd, Pure-FTPd and pyftpdlib show what real servers answer.
 */
import { readServerFile, seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isFtpError, type FtpError, type TranscriptEvent } from '../src/index.ts';
import { clientFor, kinds, sourceOf, startServer } from './helpers/servers.ts';
import { setup, startTracked, stopQuirkServers } from './helpers/quirk-setup.ts';
import type { QuirkHandler } from './helpers/quirk-server.ts';

afterEach(stopQuirkServers);

const LIST_LINE = '-rw-r--r--   1 u g    42 Jan 01  2020 x.txt\r\n';

/** `handler`, plus a LIST that serves one entry. */
function withListing(handler: QuirkHandler = () => false): QuirkHandler {
  return async (s, verb, arg) => {
    if (await handler(s, verb, arg)) return true;
    if (verb !== 'LIST') return false;
    await s.serveData(LIST_LINE);
    return true;
  };
}

/** Answers `verb` with `reply` (and nothing else). */
function answer(verb: string, reply: string): QuirkHandler {
  return (s, v) => {
    if (v !== verb) return false;
    s.reply(reply);
    return true;
  };
}

/** The logon part of what the server received: everything before the first EPSV. */
function logonCommands(received: string[]): string[] {
  const end = received.indexOf('EPSV');
  return end < 0 ? received : received.slice(0, end);
}

async function connectError(server: { host: string; port: number; user: string; password: string }, extra: Parameters<typeof clientFor>[1]) {
  const { client, transcript } = clientFor(server, extra);
  const err = (await client.connect().catch((e: unknown) => e)) as FtpError;
  return { err, transcript };
}

describe('HOST (RFC 7151) on the quirk server', () => {
  it('sends HOST before USER, and a listing works after a 220', async () => {
    const { client, server } = await setup(withListing(answer('HOST', '220 Host accepted')), {}, { virtualHost: 'ftp.example.test' });
    expect((await client.list()).map((e) => [e.name, e.size])).toEqual([['x.txt', 42]]);
    await client.close();
    expect(logonCommands(server.received)).toEqual(['HOST ftp.example.test', 'USER quirk', 'PASS quirk-pass', 'FEAT', 'SYST', 'TYPE I']);
  });

  it('with `true`, names the host option, and sends nothing for an IP literal', async () => {
    const byName = await setup(answer('HOST', '220 ok'), {}, { host: 'localhost', address: '127.0.0.1', virtualHost: true });
    await byName.client.close();
    expect(byName.server.received[0]).toBe('HOST localhost');

    const byAddress = await setup(answer('HOST', '220 ok'), {}, { virtualHost: true });
    await byAddress.client.close();
    expect(byAddress.server.received.some((l) => l.startsWith('HOST'))).toBe(false);
    expect(byAddress.transcript.some((e) => e.kind === 'status' && /Not sending HOST: 127\.0\.0\.1 is an IP address/.test(e.text))).toBe(true);
  });

  it.each([
    ['502', '502 HOST not implemented'],
    ['500', '500 Unknown command'],
    ['530 before login', '530 Please login with USER and PASS'],
  ])('carries on when HOST answers %s, with a status line saying so', async (_name, reply) => {
    const { client, server, transcript } = await setup(withListing(answer('HOST', reply)), {}, { virtualHost: 'ftp.example.test' });
    expect((await client.list()).map((e) => e.name)).toEqual(['x.txt']);
    await client.close();
    expect(logonCommands(server.received).slice(0, 3)).toEqual(['HOST ftp.example.test', 'USER quirk', 'PASS quirk-pass']);
    const status = transcript.find((e) => e.kind === 'status' && e.text.includes('does not support HOST'));
    expect(status?.text).toContain(reply.slice(0, 3));
  });

  it.each([
    ['504', '504 ftp.example.test: Unknown hostname provided'],
    ['501', '501 Syntax error'],
    ['421', '421 Too many users for this host'],
  ])('fails with a typed error when HOST answers %s, before USER', async (code, reply) => {
    const server = await startTracked(answer('HOST', reply));
    const { err } = await connectError(server, { virtualHost: 'ftp.example.test' });
    expect(err.ftpCode).toBe(Number(code));
    // 421 closes the session whatever the command; the others are a HOST refusal.
    expect(err.code).toBe(code === '421' ? 'FTP_ERR_CLOSED' : 'FTP_ERR_HOST_REFUSED');
    expect(server.received).toEqual(['HOST ftp.example.test']);
  });

  it('sends HOST before AUTH TLS, so the server can pick the certificate', async () => {
    const server = await startTracked((s, verb) => {
      if (verb === 'HOST') s.reply('220 Host accepted');
      else if (verb === 'AUTH') s.reply('534 No TLS here');
      else return false;
      return true;
    });
    const { err } = await connectError(server, { virtualHost: 'ftp.example.test', secure: 'explicit' });
    expect(err.code).toBe('FTP_ERR_TLS_REFUSED');
    expect(server.received).toEqual(['HOST ftp.example.test', 'AUTH TLS']);
  });

  it.each(['ftp.example.test\r\nDELE x', 'a\0b', 'two names', ''])('refuses the unusable name %j before anything is sent', async (name) => {
    const server = await startTracked(() => false);
    const { err } = await connectError(server, { virtualHost: name });
    expect(err.code).toBe('FTP_ERR_INVALID_ARGUMENT');
    expect(server.received).toEqual([]);
  });
});

describe('ACCT after 332 on the quirk server', () => {
  const ACCOUNT = 'acct secret 42';

  /** A server that wants an account after `after` and accepts ACCT with `acctReply`. */
  function wantsAccount(after: 'USER' | 'PASS', acctReply = '230 Account accepted'): QuirkHandler {
    return withListing((s, verb) => {
      if (verb === after) s.reply('332 Need account for login');
      else if (verb === 'ACCT') s.reply(acctReply);
      else return false;
      return true;
    });
  }

  function assertMasked(transcript: TranscriptEvent[]): void {
    for (const e of transcript) expect(JSON.stringify(e)).not.toContain('secret 42');
    expect(transcript.filter((e) => e.kind === 'command' && e.text.startsWith('ACCT')).map((e) => e.text)).toEqual(['ACCT ****']);
  }

  it('answers a 332 after PASS with ACCT, logs in and lists; the account never reaches the transcript', async () => {
    const { client, server, transcript } = await setup(wantsAccount('PASS'), {}, { account: ACCOUNT });
    expect((await client.list()).map((e) => e.name)).toEqual(['x.txt']);
    await client.close();
    expect(logonCommands(server.received)).toEqual(['USER quirk', 'PASS quirk-pass', `ACCT ${ACCOUNT}`, 'FEAT', 'SYST', 'TYPE I']);
    assertMasked(transcript);
  });

  it('answers a 332 right after USER with ACCT, without PASS', async () => {
    const { client, server, transcript } = await setup(wantsAccount('USER', '202 Already in'), {}, { account: ACCOUNT });
    expect((await client.list()).map((e) => e.name)).toEqual(['x.txt']);
    await client.close();
    expect(logonCommands(server.received)).toEqual(['USER quirk', `ACCT ${ACCOUNT}`, 'FEAT', 'SYST', 'TYPE I']);
    assertMasked(transcript);
  });

  it('fails with FTP_ERR_LOGIN naming the option when no account is set', async () => {
    const server = await startTracked(wantsAccount('PASS'));
    const { err } = await connectError(server, {});
    expect(isFtpError(err, 'FTP_ERR_LOGIN')).toBe(true);
    expect(err.ftpCode).toBe(332);
    expect(err.message).toMatch(/`account` option/);
    expect(server.received).toEqual(['USER quirk', 'PASS quirk-pass']);
  });

  it('fails with FTP_ERR_LOGIN when ACCT is refused, and still masks the account', async () => {
    const server = await startTracked(wantsAccount('PASS', '530 Account not valid'));
    const { err, transcript } = await connectError(server, { account: ACCOUNT });
    expect(isFtpError(err, 'FTP_ERR_LOGIN')).toBe(true);
    expect(err.ftpCode).toBe(530);
    expect(err.message).toMatch(/after ACCT/);
    expect(err.message).not.toContain('secret 42');
    expect(server.received).toEqual(['USER quirk', 'PASS quirk-pass', `ACCT ${ACCOUNT}`]);
    assertMasked(transcript);
  });

  it('refuses an account with CR/LF before USER, without echoing it', async () => {
    const server = await startTracked(wantsAccount('PASS'));
    const { err, transcript } = await connectError(server, { account: 'secret 42\r\nDELE x' });
    expect(err.code).toBe('FTP_ERR_INVALID_ARGUMENT');
    expect(err.message).toContain('account option');
    expect(err.message).not.toContain('secret 42');
    for (const e of transcript) expect(JSON.stringify(e)).not.toContain('secret 42');
    expect(server.received).toEqual([]);
  });
});

describe('CLNT on the quirk server', () => {
  it('sends CLNT between FEAT and OPTS UTF8 ON when FEAT lists CLNT', async () => {
    const { client, server } = await setup(withListing(), { feat: ['CLNT', 'UTF8'] });
    expect((await client.list()).map((e) => e.name)).toEqual(['x.txt']);
    await client.close();
    expect(logonCommands(server.received)).toEqual(['USER quirk', 'PASS quirk-pass', 'FEAT', 'CLNT FTP Deck', 'SYST', 'OPTS UTF8 ON', 'TYPE I']);
  });

  it('never fails the logon over a refused CLNT', async () => {
    const { client, server } = await setup(withListing(answer('CLNT', '500 CLNT not understood')), { feat: ['CLNT', 'UTF8'] }, { clientName: 'Deck Test 1.0' });
    expect((await client.list()).map((e) => e.name)).toEqual(['x.txt']);
    await client.close();
    expect(logonCommands(server.received)).toEqual(['USER quirk', 'PASS quirk-pass', 'FEAT', 'CLNT Deck Test 1.0', 'SYST', 'OPTS UTF8 ON', 'TYPE I']);
  });

  it.each([false, ''] as const)('sends no CLNT with clientName %j, nor when FEAT does not list it', async (clientName) => {
    const off = await setup(() => false, { feat: ['CLNT', 'UTF8'] }, { clientName });
    await off.client.close();
    const unlisted = await setup(() => false, { feat: ['UTF8'] });
    await unlisted.client.close();
    for (const { server } of [off, unlisted]) {
      expect(logonCommands(server.received)).toEqual(['USER quirk', 'PASS quirk-pass', 'FEAT', 'SYST', 'OPTS UTF8 ON', 'TYPE I', 'QUIT']);
    }
  });
});

describe.each(kinds(['proftpd']))('HOST and CLNT on real %s', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [{ path: 'dir/one.txt', content: 'one' }]);
  });
  afterAll(async () => srv?.stop());

  it('selects the virtual host (ProFTPD knows it by its address), sends CLNT, then lists and uploads', async () => {
    const { client, transcript } = clientFor(srv, { virtualHost: '127.0.0.1' });
    await client.connect();
    try {
      expect(client.features().features.has('HOST')).toBe(true);
      expect((await client.list('dir')).map((e) => e.name)).toEqual(['one.txt']);
      await client.upload(sourceOf(Buffer.from('via HOST')), 'host.txt');
      expect((await readServerFile(srv, 'host.txt')).toString()).toBe('via HOST');
    } finally {
      await client.close();
    }
    const sent = transcript.filter((e) => e.kind === 'command').map((e) => e.text);
    expect(sent.slice(0, 3)).toEqual(['HOST 127.0.0.1', `USER ${srv.user}`, 'PASS ****']);
    const feat = sent.indexOf('FEAT');
    expect(sent.indexOf('CLNT FTP Deck')).toBe(feat + 1);
    expect(sent.indexOf('OPTS UTF8 ON')).toBeGreaterThan(feat + 1);
    expect(transcript.find((e) => e.kind === 'reply' && e.code === 220 && e.text.includes('HOST'))).toBeDefined();
    expect(transcript.some((e) => e.kind === 'status' && e.text.includes('does not support HOST'))).toBe(false);
  });

  it('reports a name ProFTPD does not serve as FTP_ERR_HOST_REFUSED (504)', async () => {
    const { client } = clientFor(srv, { host: 'localhost', address: '127.0.0.1', virtualHost: true });
    const err = (await client.connect().catch((e: unknown) => e)) as FtpError;
    expect(err.code).toBe('FTP_ERR_HOST_REFUSED');
    expect(err.ftpCode).toBe(504);
  });
});

describe.each(kinds(['proftpd']))('HOST before AUTH TLS on real %s', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind, { tls: 'explicit' });
    await seedTree(srv, [{ path: 'dir/one.txt', content: 'one' }]);
  });
  afterAll(async () => srv?.stop());

  it('sends HOST in clear, then upgrades and lists over TLS', async () => {
    const { client, transcript } = clientFor(srv, { virtualHost: '127.0.0.1', secure: 'explicit', tls: { fingerprint256: srv.certificate?.fingerprint256 ?? '' } });
    await client.connect();
    try {
      expect((await client.list('dir')).map((e) => e.name)).toEqual(['one.txt']);
    } finally {
      await client.close();
    }
    const sent = transcript.filter((e) => e.kind === 'command').map((e) => e.text);
    expect(sent.slice(0, 3)).toEqual(['HOST 127.0.0.1', 'AUTH TLS', `USER ${srv.user}`]);
    expect(sent).toContain('PROT P');
  });
});

describe.each(kinds(['vsftpd', 'pure-ftpd', 'pyftpdlib']))('HOST on real %s, which has none', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [{ path: 'dir/one.txt', content: 'one' }]);
  });
  afterAll(async () => srv?.stop());

  it('carries on after the refusal and lists', async () => {
    const { client, transcript } = clientFor(srv, { virtualHost: 'ftp.example.test' });
    await client.connect();
    try {
      expect((await client.list('dir')).map((e) => e.name)).toEqual(['one.txt']);
    } finally {
      await client.close();
    }
    const hostReply = transcript.find((e) => e.kind === 'reply' && transcript[transcript.indexOf(e) - 1]?.text === 'HOST ftp.example.test');
    expect([500, 502, 530]).toContain(hostReply?.code);
    expect(transcript.some((e) => e.kind === 'status' && e.text.includes('does not support HOST'))).toBe(true);
    expect(client.features().features.has('HOST')).toBe(false);
  });
});
