// Files on a test server's disk: seeding trees before a test, and reading
// bytes and raw names after it. Names may be Buffers, so tests can create
// and check non-UTF-8 names (GBK, Latin-1) exactly as they are on disk.
import { chmodSync, chownSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { lchown, lstat, readdir, readFile } from 'node:fs/promises';
import { isRoot } from './paths.ts';
import type { FsOwner, RunningFtpServer } from './types.ts';

/** One path segment: a string (UTF-8 on disk) or raw bytes. */
export type NameSegment = string | Buffer;

/** A file or folder to create under a root. */
export interface TreeEntry {
  /** 'a/b.txt' (split on '/'), or segments, each a string or raw bytes. */
  path: string | NameSegment[];
  /** File content; omit together with `dir: true` for a folder. */
  content?: string | Buffer;
  /** Create a folder (parents are always created). */
  dir?: boolean;
  /** chmod bits, e.g. 0o600 (applied after the owner). */
  mode?: number;
  /** Modification time to set. */
  mtime?: Date;
}

const SLASH = 0x2f;

function segmentsOf(path: string | Buffer | NameSegment[]): NameSegment[] {
  if (Array.isArray(path)) return path;
  if (Buffer.isBuffer(path)) {
    const parts: Buffer[] = [];
    let start = 0;
    for (let i = 0; i <= path.length; i++) {
      if (i === path.length || path[i] === SLASH) {
        if (i > start) parts.push(path.subarray(start, i));
        start = i + 1;
      }
    }
    return parts;
  }
  return path.split('/').filter(Boolean);
}

/** Joins a base dir and segments into one Buffer path (fs accepts Buffer paths). */
function diskPath(base: string, segments: NameSegment[]): Buffer {
  const parts: Buffer[] = [Buffer.from(base)];
  for (const s of segments) {
    parts.push(Buffer.from('/'), Buffer.isBuffer(s) ? s : Buffer.from(s, 'utf8'));
  }
  return Buffer.concat(parts);
}

function rootAndOwner(target: RunningFtpServer | string): { root: string; owner?: FsOwner } {
  return typeof target === 'string' ? { root: target } : { root: target.root, owner: target.fsOwner };
}

/**
 * Creates files and folders under a server's root (or any folder), owned by
 * the server's user so it can read, overwrite and delete them.
 */
export async function seedTree(target: RunningFtpServer | string, entries: TreeEntry[]): Promise<void> {
  const { root, owner } = rootAndOwner(target);
  const doChown = owner !== undefined && isRoot();
  // Synchronous calls on purpose: a promise per call sends each through the thread pool, and
  // seeding a 20 000-file tree took most of a minute that way against half a second like this.
  // Folders this call has made and chowned already are not made again for every file in them.
  const made = new Set<string>();
  for (const entry of entries) {
    const segments = segmentsOf(entry.path);
    if (segments.length === 0) throw new Error('seedTree: empty path');
    const isDir = entry.dir === true || entry.content === undefined;
    // Create each missing parent separately so every one gets the owner.
    for (let depth = 1; depth <= (isDir ? segments.length : segments.length - 1); depth++) {
      const dir = diskPath(root, segments.slice(0, depth));
      const key = dir.toString('latin1'); // one character per byte: names that are not UTF-8 stay distinct
      if (made.has(key)) continue;
      mkdirSync(dir, { recursive: true });
      if (doChown) chownSync(dir, owner.uid, owner.gid);
      made.add(key);
    }
    const path = diskPath(root, segments);
    if (!isDir) {
      writeFileSync(path, entry.content ?? '');
      if (doChown) chownSync(path, owner.uid, owner.gid);
    }
    if (entry.mode !== undefined) chmodSync(path, entry.mode);
    if (entry.mtime) utimesSync(path, entry.mtime, entry.mtime);
  }
}

/** Recursively chowns a tree (without following symlinks). */
export async function chownTree(root: string | Buffer, owner: FsOwner): Promise<void> {
  await lchown(root, owner.uid, owner.gid);
  const st = await lstat(root);
  if (!st.isDirectory()) return;
  const base = Buffer.isBuffer(root) ? root : Buffer.from(root);
  for (const name of await readdir(base, { encoding: 'buffer' })) {
    await chownTree(Buffer.concat([base, Buffer.from('/'), name]), owner);
  }
}

/** Disk path of an FTP path on this server ('/a/b.txt' → `<root>/a/b.txt`). */
export function serverDiskPath(server: RunningFtpServer, ftpPath: string | Buffer): Buffer {
  return diskPath(server.root, segmentsOf(ftpPath));
}

/** Reads a file from the server's disk by its FTP path. */
export function readServerFile(server: RunningFtpServer, ftpPath: string | Buffer): Promise<Buffer> {
  return readFile(serverDiskPath(server, ftpPath));
}

/** Raw names (as bytes, sorted bytewise) in a folder on the server's disk, by FTP path. */
export async function listServerNames(server: RunningFtpServer, ftpPath: string | Buffer = '/'): Promise<Buffer[]> {
  const names = await readdir(serverDiskPath(server, ftpPath), { encoding: 'buffer' });
  return names.sort(Buffer.compare);
}

/**
 * Every file and folder below a folder on the server's disk, as FTP paths
 * (`/a/b`, `/a/b/c.txt`), depth first; names read as UTF-8. What a delete
 * left behind, or a count of it.
 */
export function serverTreePaths(server: RunningFtpServer, ftpPath: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const d of readdirSync(serverDiskPath(server, dir), { withFileTypes: true })) {
      const child = `${dir.replace(/\/+$/, '')}/${d.name}`;
      out.push(child);
      if (d.isDirectory()) walk(child);
    }
  };
  walk(ftpPath);
  return out;
}
