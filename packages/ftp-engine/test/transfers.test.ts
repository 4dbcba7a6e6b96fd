/**
 * Resume, append, abort, progress and TYPE A against real servers.
 */
import { readServerFile, seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferProgress } from '../src/index.ts';
import { clientFor, kinds, random, Sink, sourceOf, startServer } from './helpers/servers.ts';

describe.each(kinds())('%s transfers', (kind) => {
  let srv: RunningFtpServer;
  const big = random(3 * 1024 * 1024);
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [
      { path: 'big.bin', content: big },
      { path: 'half.bin', content: big.subarray(0, 1_000_000) },
      { path: 'head.bin', content: Buffer.from('head-') },
      { path: 'lines.txt', content: 'one\ntwo\nthree\n' },
      // Larger than loopback socket buffers, so the server cannot finish before the abort.
      { path: 'huge.bin', content: Buffer.alloc(48 * 1024 * 1024, 0x5a) },
    ]);
  });
  afterAll(async () => srv?.stop());

  it('downloads from an offset (REST + RETR) and reports progress with a total', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      const sink = new Sink();
      const seen: TransferProgress[] = [];
      const r = await client.download('big.bin', sink, { offset: 1_234_567, onProgress: (p) => seen.push(p) });
      expect(sink.data.equals(big.subarray(1_234_567))).toBe(true);
      expect(r).toMatchObject({ bytes: big.length - 1_234_567, offset: 1_234_567 });
      const last = seen.at(-1);
      expect(last).toMatchObject({ bytes: big.length - 1_234_567, offset: 1_234_567, total: big.length });
      expect(seen.every((p, i) => i === 0 || p.bytes >= (seen[i - 1]?.bytes ?? 0))).toBe(true);
      expect(transcript.some((e) => e.kind === 'command' && e.text === 'REST 1234567')).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('resumes an upload from the remote size, and appends', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      const r = await client.upload(sourceOf(big), 'half.bin', { mode: 'resume' });
      expect(r).toMatchObject({ offset: 1_000_000, bytes: big.length - 1_000_000 });
      expect((await readServerFile(srv, 'half.bin')).equals(big)).toBe(true);
      expect(transcript.some((e) => e.kind === 'command' && /^(REST 1000000|APPE half\.bin)$/.test(e.text))).toBe(true);
      await client.upload(sourceOf(Buffer.from('tail')), 'head.bin', { mode: 'append' });
      expect((await readServerFile(srv, 'head.bin')).toString()).toBe('head-tail');
    } finally {
      await client.close();
    }
  });

  it('aborts a download with ABOR and keeps the session usable', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      const ac = new AbortController();
      // A consumer that takes one chunk, never finishes it, and cancels: bytes were moving.
      const sink = new Writable({
        write(_chunk, _enc, _done) {
          ac.abort();
        },
      });
      const p = client.download('huge.bin', sink, { signal: ac.signal });
      await expect(p).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
      expect(transcript.some((e) => e.kind === 'command' && e.text === 'ABOR')).toBe(true);
      expect(await client.pwd()).toBe('/');
      const again = new Sink();
      await client.download('big.bin', again);
      expect(again.data.equals(big)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('converts line ends in TYPE A both ways', async () => {
    const { client } = clientFor(srv);
    await client.connect();
    try {
      const sink = new Sink();
      await client.download('lines.txt', sink, { type: 'ascii' });
      expect(sink.data.toString()).toBe('one\ntwo\nthree\n');
      await client.upload(sourceOf(Buffer.from('a\nb\n')), 'ascii.txt', { type: 'ascii' });
      const back = new Sink();
      await client.download('ascii.txt', back, { type: 'ascii' });
      expect(back.data.toString()).toBe('a\nb\n');
      // Back to binary afterwards: bytes are untouched again.
      const raw = new Sink();
      await client.download('big.bin', raw);
      expect(raw.data.equals(big)).toBe(true);
    } finally {
      await client.close();
    }
  });
});
