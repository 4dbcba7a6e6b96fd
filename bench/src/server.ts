/**
 * The server side of a bench run: one real FTP server on 127.0.0.1 and the
 * files every client reads (random data, written once and then served from
 * memory, so disk speed is out of the picture).
 *
 * The server's root lives in RAM (/dev/shm) when there is room: on a disk,
 * each 1 GiB upload is 1 GiB of writeback, and the kernel throttling the
 * FTP server's writes moved upload figures by 2–3× between identical runs
 * of the same client. BENCH_ON_DISK=1 keeps the root on the disk instead.
 */
import { randomBytes } from 'node:crypto';
import { statfsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, open, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFtpServer, type FtpServerKind, type RunningFtpServer } from '@ftpdeck/test-servers';
import type { ServerLogin } from './jobs.ts';
import { MiB } from './stats.ts';

/** FTP paths of the bench files. */
export const PATHS = {
  big: '/big.bin',
  small: '/small.bin',
  listDir: '/list',
  upload: '/upload.bin',
} as const;

/** A running server with its bench files in place. */
export interface BenchServer {
  server: RunningFtpServer;
  login: ServerLogin;
  /** Disk path of an FTP path. */
  disk(ftpPath: string): string;
  /** Size on disk of an uploaded file. */
  uploadedSize(ftpPath: string): Promise<number>;
  /** Deletes an uploaded file if it is there (so no pages pile up between runs). */
  removeUpload(ftpPath: string): Promise<void>;
  stop(): Promise<void>;
}

/** What to create before the clients start. */
export interface BenchFiles {
  bigBytes?: number;
  smallBytes?: number;
  listEntries?: number;
}

const RAM_DIR = '/dev/shm';

/**
 * A fresh directory in RAM with room for `bytes` (plus a margin), or
 * undefined (then the server's root goes where test servers put it).
 */
export async function ramRoot(bytes: number): Promise<string | undefined> {
  if (process.env.BENCH_ON_DISK === '1') return undefined;
  try {
    const fs = statfsSync(RAM_DIR);
    if (fs.bavail * fs.bsize < bytes + 512 * MiB) return undefined;
    return await mkdtemp(join(RAM_DIR, 'ftpdeck-bench-'));
  } catch {
    return undefined;
  }
}

/** Starts `kind` and writes the requested files into its root. */
export async function startBenchServer(kind: FtpServerKind, files: BenchFiles): Promise<BenchServer> {
  // The big file, one upload of it at a time, and the small ones.
  const root = await ramRoot(2 * (files.bigBytes ?? 0) + 4 * (files.smallBytes ?? 0));
  const removeRoot = async (): Promise<void> => {
    if (root) await rm(root, { recursive: true, force: true });
  };
  let server: RunningFtpServer;
  try {
    server = await startFtpServer(kind, root ? { root } : {});
  } catch (err) {
    await removeRoot();
    throw err;
  }
  const disk = (ftpPath: string): string => join(server.root, ftpPath);
  const own = async (p: string): Promise<void> => {
    if (process.getuid?.() === 0) await chown(p, server.fsOwner.uid, server.fsOwner.gid);
  };
  try {
    if (files.bigBytes) await writeRandomFile(disk(PATHS.big), files.bigBytes, own);
    if (files.smallBytes) await writeRandomFile(disk(PATHS.small), files.smallBytes, own);
    if (files.listEntries) {
      await mkdir(disk(PATHS.listDir));
      await own(disk(PATHS.listDir));
      for (let i = 0; i < files.listEntries; i++) {
        const p = join(disk(PATHS.listDir), `file-${String(i).padStart(3, '0')}.txt`);
        await writeFile(p, `entry ${i}\n`.repeat(i + 1));
        await own(p);
      }
    }
  } catch (err) {
    await server.stop();
    await removeRoot();
    throw err;
  }
  return {
    server,
    login: { host: server.host, port: server.port, user: server.user, password: server.password },
    disk,
    uploadedSize: async (ftpPath) => (await stat(disk(ftpPath))).size,
    removeUpload: async (ftpPath) => {
      await unlink(disk(ftpPath)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    },
    stop: async () => {
      await server.stop();
      await removeRoot();
    },
  };
}

/**
 * Writes `bytes` of random data: one random block of up to 64 MiB, repeated.
 * Random so nothing along the way can compress it; repeated so creating
 * 1 GiB takes a second, not a minute.
 */
async function writeRandomFile(path: string, bytes: number, own: (p: string) => Promise<void>): Promise<void> {
  const block = randomBytes(Math.min(bytes, 64 * MiB));
  const fh = await open(path, 'w');
  try {
    for (let left = bytes; left > 0; left -= block.length) {
      await fh.write(block, 0, Math.min(left, block.length));
    }
  } finally {
    await fh.close();
  }
  await own(path);
}
