/**
 * Transfers the server ends on the control connection: a failure reply while
 * its data connection stays open, and a cancel on a server that has no NOOP.
 * Found against Twisted's FTP server and aioftp (neither is in the test
 * matrix); the scripted server replays exactly what they sent.
 */
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Sink } from './helpers/servers.ts';
import { setup, stopQuirkServers } from './helpers/quirk-setup.ts';
import type { QuirkSession } from './helpers/quirk-server.ts';

afterEach(stopQuirkServers);

/** Writes 1 KiB every 5 ms until the socket closes: a transfer that would never end by itself. */
function trickle(data: import('node:net').Socket): () => void {
  const timer = setInterval(() => data.write(Buffer.alloc(1024, 7)), 5);
  const stop = (): void => clearInterval(timer);
  data.on('close', stop);
  data.on('error', stop);
  return stop;
}

describe('a transfer the server ends on the control connection', () => {
  it('ends a download with the server’s 550 when its data connection stays open, without ABOR', async () => {
    const { client, server } = await setup(
      async (s, verb) => {
        if (verb !== 'RETR') return false;
        const data = await s.data();
        // Twisted: 125, some bytes, then the failure, and the data connection left open.
        s.reply('125 Data connection already open, starting transfer');
        trickle(data);
        setTimeout(() => s.reply('550 Requested action not taken: internal server error'), 30);
        return true;
      },
      {},
      // Long enough that only the reply can end the transfer within the test's time.
      { timeouts: { dataIdle: 60_000 } },
    );
    const sink = new Sink();
    await expect(client.download('f', sink)).rejects.toMatchObject({ code: 'FTP_ERR_REPLY', ftpCode: 550 });
    expect(sink.data.length).toBeGreaterThan(0);
    expect(server.received).not.toContain('ABOR');
    // In step: the next command gets its own answer.
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('ends an upload with the server’s 552 while we are still sending', async () => {
    let stored = 0;
    const { client, server } = await setup(
      async (s, verb) => {
        if (verb !== 'STOR') return false;
        const data = await s.data();
        s.reply('150 Ok to send data');
        data.on('data', (c: Buffer) => {
          stored += c.length;
        });
        // Disk full after the first bytes; the server keeps the data connection open.
        setTimeout(() => s.reply('552 Requested file action aborted. Exceeded storage allocation'), 30);
        return true;
      },
      {},
      { timeouts: { dataIdle: 60_000 } },
    );
    // A source that never ends: only the server's reply can stop it.
    const source = new Readable({
      read() {
        setTimeout(() => this.push(Buffer.alloc(16 * 1024, 1)), 2);
      },
    });
    await expect(client.upload(source, 'big.bin')).rejects.toMatchObject({ code: 'FTP_ERR_REPLY', ftpCode: 552 });
    expect(stored).toBeGreaterThan(0);
    expect(server.received).not.toContain('ABOR');
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('cancels a download on a server without NOOP and stays in step (aioftp)', async () => {
    let session: QuirkSession | undefined;
    const { client, server } = await setup(async (s, verb) => {
      session = s;
      if (verb === 'NOOP') {
        s.reply("502 'noop' not implemented");
        return true;
      }
      if (verb === 'RETR') {
        const data = await s.data();
        // aioftp says 226 as soon as it has handed the file to its writer.
        s.reply('150 data transfer started', '226 data transfer done');
        trickle(data);
        return true;
      }
      if (verb === 'ABOR') {
        // …and answers ABOR only after the NOOP that follows it.
        setTimeout(() => session?.reply('226 nothing to abort'), 50);
        return true;
      }
      return false;
    });
    const ac = new AbortController();
    const p = client.download('big.bin', new Sink(), { signal: ac.signal, onProgress: () => ac.abort() });
    await expect(p).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
    expect(server.received).toEqual(expect.arrayContaining(['ABOR', 'NOOP']));
    // The refused NOOP was followed by PWD, whose 257 nothing else gives.
    expect(server.received.slice(server.received.indexOf('NOOP'))).toContain('PWD');
    expect(await client.pwd()).toBe('/');
    expect(await client.pwd()).toBe('/');
    await client.close();
  });
});
