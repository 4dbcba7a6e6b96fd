/**
 * Resume, append, abort, progress and TYPE A against real servers.
 */
import { readServerFile, seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptEvent, TransferProgress } from '../src/index.ts';
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

  it('reports progress against a size the caller gives, without a SIZE of its own', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      const sink = new Sink();
      const seen: TransferProgress[] = [];
      await client.download('half.bin', sink, { offset: 10, size: 1_000_000, onProgress: (p) => seen.push(p) });
      expect(sink.data.equals(big.subarray(10, 1_000_000))).toBe(true);
      expect(seen.at(-1)).toMatchObject({ bytes: 1_000_000 - 10, offset: 10, total: 1_000_000 });
      expect(transcript.some((e) => e.kind === 'command' && e.text.startsWith('SIZE'))).toBe(false);
      await expect(client.download('half.bin', new Sink(), { size: -1 })).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    } finally {
      await client.close();
    }
  });

  it('downloads into a file with reused buffers, without SIZE when nobody asks for progress', async () => {
    const { client, transcript } = clientFor(srv);
    const dir = await mkdtemp(join(tmpdir(), 'ftp-engine-reuse-'));
    await client.connect();
    try {
      const whole = createWriteStream(join(dir, 'whole.bin'));
      const r = await client.download('big.bin', whole, { reuseBuffers: true });
      await finished(whole);
      expect((await readFile(join(dir, 'whole.bin'))).equals(big)).toBe(true);
      expect(r.bytes).toBe(big.length);
      const tail = createWriteStream(join(dir, 'tail.bin'));
      await client.download('big.bin', tail, { reuseBuffers: true, offset: 2_000_001 });
      await finished(tail);
      expect((await readFile(join(dir, 'tail.bin'))).equals(big.subarray(2_000_001))).toBe(true);
      expect(transcript.some((e) => e.kind === 'command' && e.text.startsWith('SIZE'))).toBe(false);
      // The same options through a chunk-keeping destination would be a misuse; the default keeps it safe.
      const kept = new Sink();
      await client.download('big.bin', kept);
      expect(kept.data.equals(big)).toBe(true);
    } finally {
      await client.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('uploads from a file stream', async () => {
    const { client } = clientFor(srv);
    const dir = await mkdtemp(join(tmpdir(), 'ftp-engine-up-'));
    await client.connect();
    try {
      const file = join(dir, 'src.bin');
      await writeFile(file, big);
      const r = await client.upload(createReadStream(file), 'from-file.bin');
      expect(r.bytes).toBe(big.length);
      expect((await readServerFile(srv, 'from-file.bin')).equals(big)).toBe(true);
      const partial = await client.upload(createReadStream(file, { start: 10, end: 99_999, highWaterMark: 4096 }), 'part.bin');
      expect(partial.bytes).toBe(99_990);
      expect((await readServerFile(srv, 'part.bin')).equals(big.subarray(10, 100_000))).toBe(true);
    } finally {
      await client.close();
      await rm(dir, { recursive: true, force: true });
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

  it('takes back a REST it was stopped after, so the next download and upload start at byte 0', async () => {
    await seedTree(srv, [{ path: 'part.bin', content: Buffer.from('part-') }]);
    const { client, transcript } = clientFor(srv);
    await client.connect();
    // Stopped while the server answers REST: the server then holds an offset nobody will use.
    let stop = new AbortController();
    client.on('transcript', (e: TranscriptEvent) => {
      if (e.kind === 'command' && e.text.startsWith('REST ') && e.text !== 'REST 0') stop.abort();
    });
    const sent = (prefix: string): string[] => transcript.flatMap((e) => (e.kind === 'command' && e.text.startsWith(prefix) ? [e.text] : []));
    try {
      await expect(client.download('big.bin', new Sink(), { offset: 1_000, signal: stop.signal })).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
      expect(sent('RETR')).toEqual([]);
      expect(sent('REST')).toEqual(['REST 1000', 'REST 0']);
      expect(client.isConnected).toBe(true);
      const whole = new Sink();
      await client.download('big.bin', whole);
      expect(whole.data.equals(big)).toBe(true);
      // The same for an upload's resume: the next STOR would otherwise write from the offset.
      // A server without REST STREAM in FEAT resumes with APPE: no REST, nothing to take back.
      const restStream = /\bSTREAM\b/i.test((await client.features()).features.get('REST') ?? '');
      stop = new AbortController();
      const resumed = client.upload(sourceOf(Buffer.from('part-and-more')), 'part.bin', { mode: 'resume', signal: stop.signal });
      if (restStream) {
        await expect(resumed).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
        expect(sent('REST').slice(-2)).toEqual(['REST 5', 'REST 0']);
        expect(sent('STOR')).toEqual([]);
      } else {
        await resumed;
        expect(sent('APPE')).toEqual(['APPE part.bin']);
      }
      const fresh = Buffer.from('a new file, from its first byte');
      await client.upload(sourceOf(fresh), 'fresh.bin');
      expect((await readServerFile(srv, 'fresh.bin')).equals(fresh)).toBe(true);
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

describe.each(kinds(['vsftpd', 'proftpd', 'pure-ftpd', 'pyftpdlib', 'demo']))('%s after a resume it refused', (kind) => {
  let srv: RunningFtpServer;
  const body = random(300 * 1024);
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [{ path: 'whole.bin', content: body }]);
  });
  afterAll(async () => srv?.stop());

  it('starts the next download at byte 0: a refused RETR may leave the REST offset set (ftp-srv does)', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      await expect(client.download('missing.bin', new Sink(), { offset: 1_000 })).rejects.toMatchObject({ code: 'FTP_ERR_REPLY' });
      // Pure-FTPd refuses the file at PRET, before any REST goes out.
      const rests = transcript.flatMap((e) => (e.kind === 'command' && e.text.startsWith('REST') ? [e.text] : []));
      expect(rests).toEqual(kind === 'pure-ftpd' ? [] : ['REST 1000', 'REST 0']);
      const whole = new Sink();
      await client.download('whole.bin', whole);
      expect(whole.data.equals(body)).toBe(true);
    } finally {
      await client.close();
    }
  });
});
