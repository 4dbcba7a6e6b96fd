/**
 * Test-side access to real FTP servers, plus small helpers shared by the
 * integration tests.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { FtpClient, type FtpClientOptions, type TranscriptEvent } from '../../src/index.ts';
import { serverKindsForTests, startFtpServer, type RunningFtpServer, type StartFtpServerOptions } from '@ftpdeck/test-servers';

/** The real servers the engine is tested against (`demo` is the ftp-srv demo server). */
export type Kind = 'vsftpd' | 'proftpd' | 'pure-ftpd' | 'pyftpdlib' | 'demo';

/** Kinds of `wanted` that can run here (all of them, or a loud failure, under CI). */
export function kinds(wanted: Kind[] = ['vsftpd', 'proftpd', 'pure-ftpd', 'pyftpdlib']): Kind[] {
  return serverKindsForTests(wanted) as Kind[];
}

/**
 * Starts a real server on 127.0.0.1. The demo server fills a fresh root with
 * its sample files, so it gets an empty root of ours instead, like the others.
 */
export async function startServer(kind: Kind, opts: StartFtpServerOptions = {}): Promise<RunningFtpServer> {
  if (kind !== 'demo' || opts.root) return startFtpServer(kind, opts);
  const root = await mkdtemp(join(tmpdir(), 'ftp-engine-demo-'));
  const srv = await startFtpServer(kind, { ...opts, root });
  const stop = srv.stop.bind(srv);
  srv.stop = async () => {
    await stop();
    await rm(root, { recursive: true, force: true });
  };
  return srv;
}

/** A client for `srv` that records its transcript. */
export function clientFor(
  srv: { host: string; port: number; user: string; password: string },
  extra: Partial<FtpClientOptions> = {},
): { client: FtpClient; transcript: TranscriptEvent[] } {
  const transcript: TranscriptEvent[] = [];
  const client = new FtpClient({ host: srv.host, port: srv.port, user: srv.user, password: srv.password, timeouts: { connect: 10_000, reply: 10_000, dataIdle: 10_000 }, ...extra });
  client.on('transcript', (e: TranscriptEvent) => transcript.push(e));
  return { client, transcript };
}

/** A Writable that keeps everything written to it. */
export class Sink extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _e: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    done();
  }
  get data(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Random bytes streamed in 64 KiB chunks (never one big push). */
export function sourceOf(data: Buffer): Readable {
  let at = 0;
  return new Readable({
    read() {
      if (at >= data.length) return this.push(null);
      this.push(data.subarray(at, at + 65536));
      at += 65536;
    },
  });
}

/** `n` random bytes. */
export function random(n: number): Buffer {
  return randomBytes(n);
}
