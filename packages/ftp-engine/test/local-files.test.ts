/**
 * Transfers to and from local files named by path, against real servers:
 * the bytes on both disks, resume from both ends, and that a refused or
 * impossible transfer leaves local and remote files as they were.
 */
import { listServerNames, readServerFile, seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FtpErrorCodes, type FtpClient, type TransferProgress } from '../src/index.ts';
import { clientFor, kinds, random, startServer } from './helpers/servers.ts';

// Larger than the engine's four 1 MiB upload buffers and not a multiple of them.
const big = random(5 * 1024 * 1024 + 12_345);

describe.each(kinds())('%s local-file transfers', (kind) => {
  let srv: RunningFtpServer;
  let dir: string;
  let client: FtpClient;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [
      { path: 'big.bin', content: big },
      { path: 'keep.txt', content: 'remote original' },
    ]);
  });
  afterAll(async () => srv?.stop());
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ftp-engine-local-'));
    client = clientFor(srv).client;
    await client.connect();
  });
  afterEach(async () => {
    await client.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads a file by path, reporting its size as the total', async () => {
    const file = join(dir, 'up.bin');
    await writeFile(file, big);
    const seen: TransferProgress[] = [];
    const r = await client.upload(file, 'up-path.bin', { onProgress: (p) => seen.push(p) });
    expect(r.bytes).toBe(big.length);
    expect((await readServerFile(srv, 'up-path.bin')).equals(big)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ bytes: big.length, total: big.length });
  });

  it('resumes an upload by path from the remote size', async () => {
    const file = join(dir, 'up.bin');
    await writeFile(file, big);
    await client.upload(file, 'resume-up.bin');
    // Cut the remote copy short by re-uploading a prefix, then resume from the full file.
    await writeFile(join(dir, 'prefix.bin'), big.subarray(0, 2_000_003));
    await client.upload(join(dir, 'prefix.bin'), 'resume-up.bin');
    const r = await client.upload(file, 'resume-up.bin', { mode: 'resume' });
    expect(r).toMatchObject({ offset: 2_000_003, bytes: big.length - 2_000_003 });
    expect((await readServerFile(srv, 'resume-up.bin')).equals(big)).toBe(true);
  });

  it('refuses to resume from a local file shorter than the remote one, sending nothing', async () => {
    const file = join(dir, 'short.bin');
    await writeFile(file, 'abc');
    await expect(client.upload(file, 'keep.txt', { mode: 'resume' })).rejects.toMatchObject({ code: FtpErrorCodes.INVALID_ARGUMENT });
    expect((await readServerFile(srv, 'keep.txt')).toString()).toBe('remote original');
  });

  it('fails on a missing local file before STOR, so the remote file is untouched', async () => {
    await expect(client.upload(join(dir, 'nope.bin'), 'keep.txt')).rejects.toMatchObject({ code: FtpErrorCodes.LOCAL_STREAM });
    expect((await readServerFile(srv, 'keep.txt')).toString()).toBe('remote original');
    // Nothing reached the server, and the connection is still usable.
    expect((await listServerNames(srv, '/')).map(String)).not.toContain('nope.bin');
    expect((await client.list()).map((e) => e.name)).toContain('keep.txt');
  });

  it('downloads into a new file by path, and resumes into an existing one', async () => {
    const file = join(dir, 'down.bin');
    const r = await client.download('big.bin', file);
    expect(r.bytes).toBe(big.length);
    expect((await readFile(file)).equals(big)).toBe(true);
    await writeFile(file, Buffer.concat([big.subarray(0, 3_333_333), Buffer.from('stale tail that must go')]));
    await client.download('big.bin', file, { offset: 3_333_333 });
    expect((await readFile(file)).equals(big)).toBe(true);
  });

  it('overwrites a longer local file completely', async () => {
    const file = join(dir, 'longer.bin');
    await writeFile(file, Buffer.alloc(big.length + 999, 1));
    await client.download('big.bin', file);
    expect((await readFile(file)).equals(big)).toBe(true);
  });

  it('keeps the local file when the server refuses the download, and removes one it created', async () => {
    const kept = join(dir, 'kept.txt');
    await writeFile(kept, 'local original');
    await expect(client.download('missing.bin', kept)).rejects.toMatchObject({ code: FtpErrorCodes.REPLY, ftpCode: 550 });
    expect(await readFile(kept, 'utf8')).toBe('local original');
    const fresh = join(dir, 'fresh.bin');
    await expect(client.download('missing.bin', fresh)).rejects.toMatchObject({ ftpCode: 550 });
    await expect(stat(fresh)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a resume offset beyond the local file, before RETR', async () => {
    const file = join(dir, 'tiny.bin');
    await writeFile(file, 'xy');
    await expect(client.download('big.bin', file, { offset: 10 })).rejects.toMatchObject({ code: FtpErrorCodes.INVALID_ARGUMENT });
    await expect(client.download('big.bin', join(dir, 'absent.bin'), { offset: 10 })).rejects.toMatchObject({ code: FtpErrorCodes.LOCAL_STREAM });
    expect(await readFile(file, 'utf8')).toBe('xy');
  });

  it('downloads into /dev/null (a device is written as it is, never resumed)', async () => {
    const r = await client.download('big.bin', '/dev/null');
    expect(r.bytes).toBe(big.length);
    await expect(client.download('big.bin', '/dev/null', { offset: 5 })).rejects.toMatchObject({ code: FtpErrorCodes.INVALID_ARGUMENT });
  });

  it('fails a download into a full disk as a local error, and the session goes on', async () => {
    // /dev/full takes the open and refuses every write with ENOSPC.
    await expect(client.download('big.bin', '/dev/full')).rejects.toMatchObject({
      code: FtpErrorCodes.LOCAL_STREAM,
      message: expect.stringContaining('/dev/full'),
    });
    const file = join(dir, 'after.txt');
    await client.download('keep.txt', file);
    expect(await readFile(file, 'utf8')).toBe('remote original');
  });

  it('blames a full disk on the local side when a small file was all in before the write failed', async () => {
    // The data connection closes cleanly right after a small file; the
    // stream's write to /dev/full fails only after that.
    const full = createWriteStream('/dev/full');
    await expect(client.download('keep.txt', full)).rejects.toMatchObject({ code: FtpErrorCodes.LOCAL_STREAM });
    expect(await client.pwd()).toBe('/');
  });

  it('uploads and downloads a local file in TYPE A', async () => {
    const file = join(dir, 'lines.txt');
    await writeFile(file, 'one\ntwo\n');
    await client.upload(file, 'lines.txt', { type: 'ascii' });
    const back = join(dir, 'back.txt');
    await client.download('lines.txt', back, { type: 'ascii' });
    expect(await readFile(back, 'utf8')).toBe('one\ntwo\n');
  });
});

describe('vsftpd local-file transfers over TLS', () => {
  let srv: RunningFtpServer;
  let dir: string;
  beforeAll(async () => {
    srv = await startServer('vsftpd', { tls: 'explicit' });
    dir = await mkdtemp(join(tmpdir(), 'ftp-engine-local-tls-'));
  });
  afterAll(async () => {
    await srv?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips a file by path over explicit FTPS', async () => {
    const { client } = clientFor(srv, { secure: 'explicit', tls: { fingerprint256: srv.certificate?.fingerprint256 ?? '' } });
    await client.connect();
    try {
      const file = join(dir, 'tls.bin');
      await writeFile(file, big);
      await client.upload(file, 'tls.bin');
      expect((await readServerFile(srv, 'tls.bin')).equals(big)).toBe(true);
      const back = join(dir, 'tls-back.bin');
      await client.download('tls.bin', back);
      expect((await readFile(back)).equals(big)).toBe(true);
    } finally {
      await client.close();
    }
  });
});
