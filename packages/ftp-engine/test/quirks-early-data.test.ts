/**
 * Data that arrives before the server's answer to RETR has been read. A
 * plain passive download into a local file, or into a stream that lends
 * (`reuseBuffers`), reads its data connection from the moment RETR goes out
 * (ring-download.ts, `hold`), so these bytes are in hand early: they must
 * reach the destination only once the server has agreed, and never when it
 * refuses. And a destination that dies while the server has not answered
 * yet fails the download at once. Replayed by the scripted loopback server;
 * the assertions are the bytes on the local disk and in the sink.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FtpErrorCodes } from '../src/index.ts';
import { Sink } from './helpers/servers.ts';
import { quirkTestsWithTempDir, setup } from './helpers/quirk-setup.ts';
import type { QuirkHandler } from './helpers/quirk-server.ts';

const tempDir = quirkTestsWithTempDir('ftpdeck-early-');

/** A sink that may be lent buffers: it copies each chunk before calling back. */
class CopyingSink extends Sink {
  override _write(chunk: Buffer, e: BufferEncoding, done: () => void): void {
    super._write(Buffer.from(chunk), e, done);
  }
}

/** A RETR whose data, EOF included, is all sent before the 150. */
function dataBefore150(payload: Buffer): QuirkHandler {
  return async (s, verb) => {
    if (verb !== 'RETR') return false;
    const data = await s.data();
    data.end(payload);
    await new Promise((r) => data.once('close', r));
    // Time for the client to have read all of it, EOF too, while it waits for the reply.
    await new Promise((r) => setTimeout(r, 30));
    s.reply('150 Opening data connection', '226 Transfer complete');
    return true;
  };
}

/** A RETR that sends bytes, then refuses. */
function dataThen550(junk: Buffer): QuirkHandler {
  return async (s, verb) => {
    if (verb !== 'RETR') return false;
    const data = await s.data();
    data.write(junk);
    await new Promise((r) => setTimeout(r, 30));
    s.reply('550 Permission denied');
    data.destroy();
    return true;
  };
}

describe('data before the server has answered RETR', () => {
  it('keeps every byte and the EOF that came before the 150, into a local file', async () => {
    const payload = Buffer.alloc(700_000, 7);
    payload.write('start', 0);
    payload.write('end', payload.length - 3);
    const { client } = await setup(dataBefore150(payload));
    const file = join(tempDir(), 'early.bin');
    const r = await client.download('f', file);
    expect(r.bytes).toBe(payload.length);
    expect((await readFile(file)).equals(payload)).toBe(true);
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('keeps every byte that came before the 150, into a stream that lends its buffers', async () => {
    const payload = Buffer.from('early bytes, then the reply');
    const { client } = await setup(dataBefore150(payload));
    const sink = new CopyingSink();
    await client.download('f', sink, { reuseBuffers: true });
    expect(sink.data.equals(payload)).toBe(true);
    await client.close();
  });

  it('blames a failing destination on the local side even when the data and its EOF came first', async () => {
    const { client } = await setup(dataBefore150(Buffer.alloc(5000, 1)));
    const sink = new Writable({ write: (_c, _e, done) => done(new Error('disk full')) });
    sink.on('error', () => undefined);
    await expect(client.download('f', sink, { reuseBuffers: true })).rejects.toMatchObject({ code: FtpErrorCodes.LOCAL_STREAM });
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('writes nothing of bytes that came before a refusal: the local file stays as it was', async () => {
    const { client } = await setup(dataThen550(Buffer.from('must never be written')));
    const kept = join(tempDir(), 'kept.txt');
    await writeFile(kept, 'local original');
    await expect(client.download('f', kept)).rejects.toMatchObject({ code: FtpErrorCodes.REPLY, ftpCode: 550 });
    expect(await readFile(kept, 'utf8')).toBe('local original');
    const fresh = join(tempDir(), 'fresh.bin');
    await expect(client.download('f', fresh)).rejects.toMatchObject({ ftpCode: 550 });
    await expect(stat(fresh)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('leaves a lending stream untouched by a refusal, so its owner can still use it', async () => {
    const { client } = await setup(dataThen550(Buffer.from('must never be written')));
    const sink = new CopyingSink();
    await expect(client.download('f', sink, { reuseBuffers: true })).rejects.toMatchObject({ ftpCode: 550 });
    expect(sink.data.length).toBe(0);
    expect(sink.destroyed).toBe(false);
    sink.end('the owner writes its own error');
    await new Promise((r) => sink.once('finish', r));
    expect(sink.data.toString()).toBe('the owner writes its own error');
    await client.close();
  });

  for (const reuseBuffers of [true, false]) {
    it(`fails as a local error, and stays in step, when the destination was destroyed before the 150 (reuseBuffers ${reuseBuffers})`, async () => {
      // The data-idle timeout is far off: a download that waited on the dead
      // destination would outlast the test's own time limit.
      const { client } = await setup(
        async (s, verb) => {
          if (verb !== 'RETR') return false;
          const data = await s.data();
          data.on('error', () => undefined);
          await new Promise((r) => setTimeout(r, 100));
          s.reply('150 Opening data connection');
          data.end(Buffer.alloc(200_000, 1));
          await new Promise((r) => data.once('close', r));
          s.reply('226 Transfer complete');
          return true;
        },
        {},
        { timeouts: { dataIdle: 60_000 } },
      );
      const sink = new Writable({ write: (_c, _e, done) => done() });
      sink.on('error', () => undefined);
      setTimeout(() => sink.destroy(), 30);
      await expect(client.download('f', sink, { reuseBuffers })).rejects.toMatchObject({ code: FtpErrorCodes.LOCAL_STREAM });
      expect(await client.pwd()).toBe('/');
      await client.close();
    });
  }
});
