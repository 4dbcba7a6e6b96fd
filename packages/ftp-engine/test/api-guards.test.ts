/**
 * Every path and argument of every public method is checked when the method
 * is called, before anything is queued or sent (client/guards.ts). The
 * scripted server records each command it receives, so "nothing was sent"
 * is asserted on what the server saw, not on what the client says; a real
 * server shows that no half of a command pair (RNFR before a bad RNTO) and
 * no data-connection set-up (EPSV before a bad RETR) goes out.
 */
import { PassThrough, Readable, type Writable } from 'node:stream';
import { readServerFile, seedTree } from '@ftpdeck/test-servers';
import { afterEach, describe, expect, it } from 'vitest';
import type { FtpClient } from '../src/index.ts';
import { clientFor, kinds, startServer } from './helpers/servers.ts';
import { setup, stopQuirkServers } from './helpers/quirk-setup.ts';

afterEach(stopQuirkServers);

/** Each public call with `bad` in one of its path or argument slots. */
function callsWith(client: FtpClient, bad: string): [string, () => Promise<unknown>][] {
  return [
    ['cd', () => client.cd(bad)],
    ['isDirectory', () => client.isDirectory(bad)],
    ['list', () => client.list(bad)],
    ['stat', () => client.stat(bad)],
    ['size', () => client.size(bad)],
    ['lastModified', () => client.lastModified(bad)],
    ['setLastModified', () => client.setLastModified(bad, new Date(Date.UTC(2020, 0, 1)))],
    ['mkdir', () => client.mkdir(bad)],
    ['mkdir recursive', () => client.mkdir(`q/${bad}`, { recursive: true })],
    ['rmdir', () => client.rmdir(bad)],
    ['rmdir recursive', () => client.rmdir(bad, { recursive: true })],
    ['remove', () => client.remove(bad)],
    ['rename from', () => client.rename(bad, 'ok.txt')],
    ['rename to', () => client.rename('ok.txt', bad)],
    ['chmod', () => client.chmod(bad, '644')],
    ['download', () => client.download(bad, new PassThrough())],
    ['download resume', () => client.download(bad, new PassThrough(), { offset: 3 })],
    ['upload', () => client.upload(Readable.from([Buffer.from('x')]), bad)],
    ['upload resume', () => client.upload(Readable.from([Buffer.from('x')]), bad, { mode: 'resume' })],
  ];
}

describe('argument guards on the scripted server', () => {
  const BAD = ['y\rDELE ok.txt', 'x\nDELE ok.txt', 'a\r\nb', 'a\0b'];

  it.each(BAD)('refuses %j in every call with FTP_ERR_INVALID_ARGUMENT, sending nothing', async (bad) => {
    const { client, server } = await setup(() => false, { feat: ['MLST type*;size*;', 'MFMT', 'SIZE', 'MDTM'] });
    const before = server.received.length;
    for (const [name, call] of callsWith(client, bad)) {
      await expect(call(), name).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    }
    // A command after them all is the first thing the server sees.
    expect(await client.pwd()).toBe('/');
    expect(server.received.slice(before)).toEqual(['PWD']);
    await client.close();
  });

  it('refuses escapes that the charset turns into CR, LF or NUL bytes, sending nothing', async () => {
    // Under a legacy charset an escape U+DC00+B stands for the raw byte B (encoding/escape.ts).
    const { client, server } = await setup(() => false, {}, { encoding: 'gbk' });
    const before = server.received.length;
    for (const bad of ['a\udc0ab', 'a\udc0db', 'a\udc00b']) {
      for (const [name, call] of callsWith(client, bad)) {
        await expect(call(), `${name} ${JSON.stringify(bad)}`).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
      }
      await expect(client.raw(`SITE x ${bad}`)).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    }
    // Escapes for ordinary bytes still go out as those bytes.
    await expect(client.remove('\udcd6\udcd0')).rejects.toMatchObject({ code: 'FTP_ERR_REPLY' });
    expect(server.received.slice(before)).toEqual([Buffer.from('DELE \xd6\xd0', 'latin1').toString('latin1')]);
    await client.close();
  });

  it('refuses under UTF-8 the escapes UTF-8 cannot carry, sending nothing', async () => {
    const { client, server } = await setup(() => false);
    const before = server.received.length;
    for (const [name, call] of callsWith(client, 'a\udc0ab')) {
      await expect(call(), name).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    }
    expect(server.received.slice(before)).toEqual([]);
    await client.close();
  });

  it('refuses a local download path with CR or LF before anything is sent', async () => {
    const { client, server } = await setup(() => false);
    const before = server.received.length;
    await expect(client.download('ok.txt', '/tmp/a\nb')).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    expect(server.received.slice(before)).toEqual([]);
    await client.close();
  });

  it('refuses bad options and offsets before anything is sent', async () => {
    const { client, server } = await setup(() => false);
    const before = server.received.length;
    await expect(client.setLastModified('ok.txt', new Date(Number.NaN))).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    await expect(client.upload(Readable.from(['x']), 'u', { mode: 'resume', offset: -1 })).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    await expect(client.upload(Readable.from(['x']), 'u', { mode: 'sideways' as 'append' })).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    // A JavaScript caller's Buffer where a stream belongs: refused here, not after STOR went out.
    await expect(client.upload(Buffer.from('x') as unknown as Readable, 'u')).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    await expect(client.download('u', {} as unknown as Writable)).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    expect(server.received.slice(before)).toEqual([]);
    // And the session is in step: the next call gets its own answer.
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('refuses a user or password with CR or LF before dialling', async () => {
    const { client } = await setup(() => false);
    await client.close();
    for (const extra of [{ user: 'u\r\nDELE x' }, { password: 'p\nDELE x' }, { account: 'a\0' }]) {
      const { server } = await setup(() => false);
      const { client: bad } = clientFor(server, extra);
      await expect(bad.connect()).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
      // Only the first client (from setup) ever connected.
      expect(server.sessions).toHaveLength(1);
    }
  });
});

describe.each(kinds())('%s: a bad argument sends nothing', (kind) => {
  it('rename, stat, list, download and upload with CR/LF leave the server untouched', async () => {
    const srv = await startServer(kind);
    try {
      await seedTree(srv, [{ path: 'ok.txt', content: 'keep me' }]);
      const { client, transcript } = clientFor(srv);
      await client.connect();
      const sentBefore = transcript.filter((e) => e.kind === 'command').length;
      await expect(client.rename('ok.txt', 'y\rDELE ok.txt')).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
      await expect(client.stat('a\nb')).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
      await expect(client.list('a\r\nDELE ok.txt')).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
      await expect(client.download('a\nb', new PassThrough())).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
      await expect(client.upload(Readable.from([Buffer.from('x')]), 'a\nDELE ok.txt')).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
      expect(transcript.filter((e) => e.kind === 'command').length).toBe(sentBefore);
      expect(transcript.some((e) => e.kind === 'status' && e.detail?.type === 'data-open')).toBe(false);
      // The session is untouched: the next call is the next command.
      expect((await client.list('/')).map((e) => e.name)).toContain('ok.txt');
      await client.close();
      expect((await readServerFile(srv, 'ok.txt')).toString()).toBe('keep me');
    } finally {
      await srv.stop();
    }
  });
});
