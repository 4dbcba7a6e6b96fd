/**
 * Aborts (a caller's signal, or close()) that come while a transfer waits on
 * the control connection rather than on data: before the server has
 * answered RETR, and after the data is through but before the 226. Each
 * takes effect at once: ABOR goes out, the session gets back in step, and
 * the caller's stream is left as it was. Replayed by the scripted server,
 * which stays silent until it gets ABOR; the reply timeout is a minute, so
 * an abort that waited for the server would outlast the test's time limit.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FtpErrorCodes } from '../src/index.ts';
import { STOP_REPLY_TIMEOUT_MS } from '../src/transfer/transfer.ts';
import { quirkTestsWithTempDir, setup } from './helpers/quirk-setup.ts';
import type { QuirkHandler } from './helpers/quirk-server.ts';

const tempDir = quirkTestsWithTempDir('ftpdeck-abort-');

const patient = { timeouts: { reply: 60_000 } };

/** A RETR the server never answers; ABOR gets the answers vsftpd gives for a transfer that had not begun. */
const silentRetr: QuirkHandler = (s, verb) => {
  if (verb === 'RETR') return true;
  if (verb === 'ABOR') {
    s.reply('225 No transfer to ABOR.');
    return true;
  }
  return false;
};

/** A sink that records whether anything happened to it. */
function watchedSink(): { sink: Writable; wrote: () => number } {
  let n = 0;
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      n += chunk.length;
      done();
    },
  });
  return { sink, wrote: () => n };
}

describe('an abort while the server has not answered RETR', () => {
  for (const reuseBuffers of [true, false]) {
    it(`sends ABOR at once, leaves the stream as it was, and stays in step (reuseBuffers ${reuseBuffers})`, async () => {
      const { client, server } = await setup(silentRetr, {}, patient);
      const { sink, wrote } = watchedSink();
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 50);
      await expect(client.download('f', sink, { signal: ac.signal, reuseBuffers })).rejects.toMatchObject({ code: FtpErrorCodes.ABORTED });
      expect(server.received).toContain('ABOR');
      expect(sink.destroyed).toBe(false);
      expect(wrote()).toBe(0);
      expect(await client.pwd()).toBe('/');
      await client.close();
    });
  }

  it('lets close() end the session at once', async () => {
    const { client, server } = await setup(silentRetr, {}, patient);
    const { sink } = watchedSink();
    const download = client.download('f', sink, { reuseBuffers: true });
    download.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    await client.close();
    await expect(download).rejects.toMatchObject({ code: FtpErrorCodes.ABORTED });
    expect(server.received).toContain('ABOR');
    expect(server.received).toContain('QUIT');
    expect(sink.destroyed).toBe(false);
  });
});

describe('an abort while an upload waits for its 150', () => {
  it('ends the data connection first, so a server busy with the transfer reads ABOR', async () => {
    // Like vsftpd in a STOR: once it has said 150 it reads the data
    // connection, not commands, until that connection ends.
    let transferring: Promise<void> = Promise.resolve();
    const { client, server } = await setup(
      async (s, verb) => {
        if (verb === 'STOR') {
          const data = await s.data();
          data.on('error', () => undefined);
          data.resume();
          const closed = new Promise((r) => data.once('close', r));
          transferring = (async () => {
            await new Promise((r) => setTimeout(r, 100));
            s.reply('150 Ok to send data');
            await closed;
            s.reply('426 Failure writing network stream.');
          })();
          return true;
        }
        if (verb === 'ABOR') {
          await transferring;
          s.reply('225 No transfer to ABOR.');
          return true;
        }
        return false;
      },
      {},
      patient,
    );
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 30);
    const source = new Readable({ read() {} });
    await expect(client.upload(source, 'up.bin', { signal: ac.signal })).rejects.toMatchObject({ code: FtpErrorCodes.ABORTED });
    expect(server.received).toContain('ABOR');
    expect(await client.pwd()).toBe('/');
    await client.close();
  });
});

describe('an abort after the data is through, before the 226', () => {
  it('sends ABOR at once and keeps the file that was written', async () => {
    const payload = Buffer.alloc(100_000, 9);
    let dataDone: () => void = () => undefined;
    const through = new Promise<void>((r) => (dataDone = r));
    const { client, server } = await setup(
      async (s, verb) => {
        if (verb === 'RETR') {
          const data = await s.data();
          s.reply('150 Opening data connection');
          data.end(payload);
          await new Promise((r) => data.once('close', r));
          dataDone();
          return true; // and no 226 until ABOR
        }
        if (verb === 'ABOR') {
          s.reply('226 Transfer complete', '225 ABOR command successful');
          return true;
        }
        return false;
      },
      {},
      patient,
    );
    const ac = new AbortController();
    const file = join(tempDir(), 'done.bin');
    const download = client.download('f', file, { signal: ac.signal });
    await through;
    // Once the client has every byte too (the file is closed by then, see local-file-close.test.ts).
    while ((await readFile(file).catch(() => Buffer.alloc(0))).length < payload.length) await new Promise((r) => setTimeout(r, 5));
    ac.abort();
    await expect(download).rejects.toMatchObject({ code: FtpErrorCodes.ABORTED });
    expect(server.received).toContain('ABOR');
    expect((await readFile(file)).equals(payload)).toBe(true);
    expect(await client.pwd()).toBe('/');
    await client.close();
  });
});

describe('a server that never answers ABOR (ftp-srv, which reads no commands while it sends a file)', () => {
  it('gives the connection up after a short wait rather than a full reply timeout, and the caller hears it stopped', async () => {
    const { client, server } = await setup(
      async (s, verb) => {
        if (verb === 'RETR') {
          const data = await s.data();
          data.on('error', () => undefined);
          s.reply('150 Opening data connection');
          data.write(Buffer.alloc(64 * 1024, 1));
          return true; // then nothing: no more data, no 226, and ABOR is never read
        }
        return verb === 'ABOR';
      },
      {},
      patient,
    );
    const ac = new AbortController();
    const sink = new Writable({
      write(_chunk, _enc, done) {
        ac.abort(); // bytes arrived: the user stops it
        done();
      },
    });
    // The reply timeout is a minute: the test's time limit says the stop did not wait for it.
    await expect(client.download('f', sink, { signal: ac.signal })).rejects.toMatchObject({ code: FtpErrorCodes.ABORTED });
    expect(server.received).toContain('ABOR');
    expect(client.isConnected).toBe(false);
    await client.close();
  }, 2 * STOP_REPLY_TIMEOUT_MS + 5_000);
});
