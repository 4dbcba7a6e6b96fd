/**
 * DownloadOptions.onData: every chunk off the data connection, in order, on
 * each data path (the ring lending to a stream, the ring handing chunks
 * over, a local file by descriptor, and the stream path of active mode and
 * TLS); and a tap that throws fails its download without breaking the
 * session.
 */
import { seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, kinds, random, Sink, startServer } from './helpers/servers.ts';

const data = random(3 * 1024 * 1024 + 17);
const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex');

/** A tap that hashes what it sees, and counts the bytes. */
function tapper(): { onData: (chunk: Buffer) => void; hash: Hash; bytes: () => number } {
  const hash = createHash('md5');
  let bytes = 0;
  return {
    hash,
    bytes: () => bytes,
    onData: (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
    },
  };
}

describe.each(kinds())('%s download tap', (kind) => {
  let srv: RunningFtpServer;
  let dir: string;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [{ path: 'tap.bin', content: data }]);
    dir = await mkdtemp(join(tmpdir(), 'ftp-engine-tap-'));
  });
  afterAll(async () => {
    await srv?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('sees every byte, in order, whether the destination borrows, owns or is a local file', async () => {
    const { client } = clientFor(srv);
    await client.connect();
    try {
      // Lent views of the ring's buffers: the tap must read them before they are refilled.
      const lent = tapper();
      const file = createWriteStream(join(dir, 'lent.bin'));
      await client.download('tap.bin', file, { reuseBuffers: true, onData: lent.onData });
      await finished(file);
      expect(lent.hash.digest('hex')).toBe(md5(data));
      expect((await readFile(join(dir, 'lent.bin'))).equals(data)).toBe(true);

      const owned = tapper();
      const sink = new Sink();
      await client.download('tap.bin', sink, { onData: owned.onData });
      expect(owned.hash.digest('hex')).toBe(md5(data));
      expect(sink.data.equals(data)).toBe(true);

      const local = tapper();
      await client.download('tap.bin', join(dir, 'local.bin'), { onData: local.onData });
      expect(local.hash.digest('hex')).toBe(md5(data));
      expect((await readFile(join(dir, 'local.bin'))).equals(data)).toBe(true);

      // From an offset the tap sees the tail only: what the data connection carried.
      const tail = tapper();
      await client.download('tap.bin', new Sink(), { offset: 1_000_003, onData: tail.onData });
      expect(tail.bytes()).toBe(data.length - 1_000_003);
      expect(tail.hash.digest('hex')).toBe(md5(data.subarray(1_000_003)));
    } finally {
      await client.close();
    }
  });

  it('fails the download with the error a tap throws, and the session goes on', async () => {
    const { client } = clientFor(srv);
    await client.connect();
    try {
      const boom = new Error('tap refused');
      let calls = 0;
      const sink = new Sink();
      const p = client.download('tap.bin', sink, {
        onData: () => {
          calls += 1;
          throw boom;
        },
      });
      await expect(p).rejects.toBe(boom);
      expect(calls).toBe(1);
      // Not one byte reached the destination past the failed chunk.
      expect(sink.data.length).toBe(0);
      // Into a destination that borrows the ring's buffers (reads started before the 150), failing later on.
      let lentCalls = 0;
      const file = createWriteStream(join(dir, 'cut.bin'));
      const lent = client.download('tap.bin', file, {
        reuseBuffers: true,
        onData: () => {
          lentCalls += 1;
          if (lentCalls === 2) throw boom;
        },
      });
      await expect(lent).rejects.toBe(boom);
      expect(lentCalls).toBe(2);
      const again = new Sink();
      await client.download('tap.bin', again);
      expect(again.data.equals(data)).toBe(true);
    } finally {
      await client.close();
    }
  });
});

describe('vsftpd download tap on the stream path', () => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer('vsftpd', { tls: 'explicit' });
    await seedTree(srv, [{ path: 'tap.bin', content: data }]);
  });
  afterAll(async () => srv?.stop());

  it('sees every byte over TLS and in active mode, and a throw fails the download there too', async () => {
    const fingerprint256 = srv.certificate?.fingerprint256 ?? '';
    for (const extra of [{}, { dataMode: 'active' as const, portRange: [47200, 47299] as [number, number] }]) {
      const { client } = clientFor(srv, { secure: 'explicit', tls: { fingerprint256 }, ...extra });
      await client.connect();
      try {
        const seen = tapper();
        const sink = new Sink();
        await client.download('tap.bin', sink, { onData: seen.onData });
        expect(seen.hash.digest('hex')).toBe(md5(data));
        expect(sink.data.equals(data)).toBe(true);

        const boom = new Error('tap refused');
        // A destination the download leaves open (end: false) too: no byte the tap did not pass reaches it.
        for (const end of [true, false]) {
          let passed = 0;
          let calls = 0;
          const refused = new Sink();
          await expect(
            client.download('tap.bin', refused, {
              end,
              onData: (chunk) => {
                calls += 1;
                if (calls === 3) throw boom;
                passed += chunk.length;
              },
            }),
          ).rejects.toBe(boom);
          expect(refused.data.length).toBeLessThanOrEqual(passed);
          expect(data.subarray(0, refused.data.length).equals(refused.data)).toBe(true);
        }
        const again = new Sink();
        await client.download('tap.bin', again);
        expect(again.data.equals(data)).toBe(true);
      } finally {
        await client.close();
      }
    }
  });
});
