/**
 * Resuming an upload from a stream: the first bytes (what the server has)
 * are dropped before the transfer command goes out. A stream shorter than
 * the remote file fails with FTP_ERR_INVALID_ARGUMENT naming both sizes,
 * and the remote file is unchanged; a full stream resumes byte-exact,
 * whatever its chunking.
 */
import { Readable } from 'node:stream';
import { readServerFile, seedTree } from '@ftpdeck/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, kinds, random, sourceOf, startServer } from './helpers/servers.ts';

describe.each(kinds())('%s: upload resume from a stream', (kind) => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  const remote = random(3_000_000);
  beforeAll(async () => {
    srv = await startServer(kind);
  });
  afterAll(async () => srv?.stop());

  it('fails on a source shorter than the remote file and leaves the file unchanged', async () => {
    await seedTree(srv, [{ path: 'big.bin', content: remote }]);
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      const err = await client.upload(Readable.from([remote.subarray(0, 1000)]), '/big.bin', { mode: 'resume' }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
      expect((err as Error).message).toContain('3000000');
      expect((err as Error).message).toContain('1000');
      const sent = transcript.filter((e) => e.kind === 'command').map((e) => e.text.split(' ')[0]);
      expect(sent.filter((v) => v === 'STOR' || v === 'APPE' || v === 'REST' || v === 'EPSV' || v === 'PASV')).toEqual([]);
      // The session goes on.
      expect(await client.size('/big.bin')).toBe(remote.length);
    } finally {
      await client.close();
    }
    expect((await readServerFile(srv, 'big.bin')).equals(remote)).toBe(true);
  });

  it('fails the same way with an explicit offset past the end of the source', async () => {
    await seedTree(srv, [{ path: 'big.bin', content: remote }]);
    const { client } = clientFor(srv);
    await client.connect();
    try {
      await expect(client.upload(Readable.from([remote.subarray(0, 10)]), '/big.bin', { mode: 'resume', offset: 20 })).rejects.toMatchObject({
        code: 'FTP_ERR_INVALID_ARGUMENT',
      });
    } finally {
      await client.close();
    }
    expect((await readServerFile(srv, 'big.bin')).equals(remote)).toBe(true);
  });

  it('resumes byte-exact from a full stream, whatever its chunking', async () => {
    const { client } = clientFor(srv);
    await client.connect();
    try {
      // 64 KiB chunks; the remote part ends inside one.
      await seedTree(srv, [{ path: 'part.bin', content: remote.subarray(0, 100_001) }]);
      const r = await client.upload(sourceOf(remote), '/part.bin', { mode: 'resume' });
      expect(r).toMatchObject({ offset: 100_001, bytes: remote.length - 100_001 });
      expect((await readServerFile(srv, 'part.bin')).equals(remote)).toBe(true);
      // Object mode, string chunks.
      await seedTree(srv, [{ path: 'text.txt', content: 'hello ' }]);
      await client.upload(Readable.from(['hel', 'lo wo', 'rld']), '/text.txt', { mode: 'resume' });
      expect((await readServerFile(srv, 'text.txt')).toString()).toBe('hello world');
      // Exactly as long as the remote file: nothing to send, success.
      await client.upload(Readable.from([Buffer.from('hello world')]), '/text.txt', { mode: 'resume' });
      expect((await readServerFile(srv, 'text.txt')).toString()).toBe('hello world');
    } finally {
      await client.close();
    }
  });
});
