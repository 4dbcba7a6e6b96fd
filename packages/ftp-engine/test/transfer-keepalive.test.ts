/**
 * NOOPs during transfers (transferKeepAliveMs) against the real servers,
 * which answer them in three different ways (see src/transfer/keepalive.ts):
 * after the final reply (vsftpd, ProFTPD), at once (pyftpdlib), or with a
 * refusal (Pure-FTPd). Whatever the server does, the transferred bytes must
 * be right and every later command must get its own reply.
 */
import { readServerFile, seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptEvent } from '../src/index.ts';
import { clientFor, kinds, random, startServer } from './helpers/servers.ts';

/** Keepalive interval for the tests: several NOOPs fit in one held transfer. */
const EVERY_MS = 120;
/** How long each transfer is held back by our side. */
const HOLD_MS = 800;

/** A sink that hashes what it gets and holds its first chunk for `holdMs`. */
function holdingSink(holdMs: number): { stream: Writable; sha256: () => string } {
  const hash = createHash('sha256');
  let first = true;
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      if (!first) return done();
      first = false;
      setTimeout(done, holdMs);
    },
  });
  return { stream, sha256: () => hash.copy().digest('hex') };
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** `data` in 64 KiB pushes, the second one after `holdMs`. */
function holdingSource(data: Buffer, holdMs: number): Readable {
  let at = 0;
  let held = false;
  return new Readable({
    read() {
      if (at >= data.length) return void this.push(null);
      const chunk = data.subarray(at, at + 65536);
      at += chunk.length;
      if (at > 65536 && !held) {
        held = true;
        setTimeout(() => this.push(chunk), holdMs);
        return;
      }
      this.push(chunk);
    },
  });
}

/** NOOP commands sent from the last `RETR`/`STOR` command on. */
function noopsDuring(transcript: TranscriptEvent[], verb: 'RETR' | 'STOR'): number {
  let start = -1;
  transcript.forEach((e, i) => {
    if (e.kind === 'command' && e.text.startsWith(`${verb} `)) start = i;
  });
  return transcript.slice(start).filter((e) => e.kind === 'command' && e.text === 'NOOP').length;
}

const refusedNote = (t: TranscriptEvent[]): boolean => t.some((e) => e.kind === 'status' && e.detail?.type === 'keepalive-refused' && e.text.includes('refused NOOP during a transfer'));

describe.each(kinds())('%s: keepalive NOOPs during transfers', (kind) => {
  let srv: RunningFtpServer;
  const big = random(4 * 1024 * 1024);
  // Larger than loopback socket buffers: the server cannot send it all and
  // say 226 while we hold the data back, so the transfer really lasts.
  const huge = random(24 * 1024 * 1024);
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [
      { path: 'big.bin', content: big },
      { path: 'huge.bin', content: huge },
    ]);
  });
  afterAll(async () => srv?.stop());

  it('downloads while NOOPs go out, and later commands get their own replies', async () => {
    const { client, transcript } = clientFor(srv, { transferKeepAliveMs: EVERY_MS });
    await client.connect();
    try {
      const sink = holdingSink(HOLD_MS);
      const r = await client.download('huge.bin', sink.stream);
      expect(r.bytes).toBe(huge.length);
      expect(sink.sha256()).toBe(sha256(huge));
      expect(noopsDuring(transcript, 'RETR')).toBeGreaterThanOrEqual(2);
      // In step: each command gets its own answer, not a NOOP's.
      expect(await client.pwd()).toBe('/');
      expect(await client.size('big.bin')).toBe(big.length);

      const again = holdingSink(HOLD_MS);
      await client.download('huge.bin', again.stream);
      expect(again.sha256()).toBe(sha256(huge));
      if (kind === 'pure-ftpd') {
        // It answered "500 Unknown command" mid-transfer: the second transfer sends none.
        expect(refusedNote(transcript)).toBe(true);
        expect(noopsDuring(transcript, 'RETR')).toBe(0);
      } else {
        expect(refusedNote(transcript)).toBe(false);
        expect(noopsDuring(transcript, 'RETR')).toBeGreaterThanOrEqual(2);
      }
      expect((await client.list()).map((e) => e.name).sort()).toEqual(['big.bin', 'huge.bin']);
    } finally {
      await client.close();
    }
  });

  it('uploads while NOOPs go out; the server has every byte', async () => {
    const { client, transcript } = clientFor(srv, { transferKeepAliveMs: EVERY_MS });
    await client.connect();
    try {
      const r = await client.upload(holdingSource(big, HOLD_MS), 'up.bin');
      expect(r.bytes).toBe(big.length);
      expect((await readServerFile(srv, 'up.bin')).equals(big)).toBe(true);
      // Pure-FTPd refuses the first one it reads, and none are sent after that.
      expect(noopsDuring(transcript, 'STOR')).toBeGreaterThanOrEqual(kind === 'pure-ftpd' ? 1 : 2);
      expect(refusedNote(transcript)).toBe(kind === 'pure-ftpd');
      expect(await client.size('up.bin')).toBe(big.length);
      expect(await client.pwd()).toBe('/');
    } finally {
      await client.close();
    }
  });

  it('aborts a download with NOOPs owed and stays in step', async () => {
    const { client, transcript } = clientFor(srv, { transferKeepAliveMs: EVERY_MS });
    await client.connect();
    try {
      const ac = new AbortController();
      // Takes one chunk, never finishes it, and cancels once several NOOPs are out.
      const sink = new Writable({
        write(_chunk, _enc, _done) {
          setTimeout(() => ac.abort(), HOLD_MS);
        },
      });
      await expect(client.download('huge.bin', sink, { signal: ac.signal })).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
      expect(noopsDuring(transcript, 'RETR')).toBeGreaterThanOrEqual(2);
      expect(transcript.some((e) => e.kind === 'command' && e.text === 'ABOR')).toBe(true);
      expect(await client.pwd()).toBe('/');
      expect(await client.size('big.bin')).toBe(big.length);
      const sinkAfter = holdingSink(0);
      await client.download('big.bin', sinkAfter.stream);
      expect(sinkAfter.sha256()).toBe(sha256(big));
    } finally {
      await client.close();
    }
  });

  it('keeps TLS sessions in step too (ProFTPD answers at once under TLS: "200 NOOP: data transfer in progress")', async () => {
    const tls = await startServer(kind, { tls: 'explicit' });
    try {
      await seedTree(tls, [{ path: 'huge.bin', content: huge }]);
      const { client, transcript } = clientFor(tls, {
        secure: 'explicit',
        tls: { fingerprint256: tls.certificate?.fingerprint256 ?? '' },
        transferKeepAliveMs: EVERY_MS,
      });
      await client.connect();
      try {
        const sink = holdingSink(HOLD_MS);
        await client.download('huge.bin', sink.stream);
        expect(sink.sha256()).toBe(sha256(huge));
        expect(noopsDuring(transcript, 'RETR')).toBeGreaterThanOrEqual(2);
        expect(await client.pwd()).toBe('/');
        expect(await client.size('huge.bin')).toBe(huge.length);
      } finally {
        await client.close();
      }
    } finally {
      await tls.stop();
    }
  });

  it('sends no NOOP during transfers by default', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      const sink = holdingSink(HOLD_MS / 2);
      await client.download('huge.bin', sink.stream);
      expect(sink.sha256()).toBe(sha256(huge));
      expect(noopsDuring(transcript, 'RETR')).toBe(0);
    } finally {
      await client.close();
    }
  });
});
