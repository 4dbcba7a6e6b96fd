import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FsOwner } from './types.ts';

/** The monorepo root (computed from this file's location). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Where scripts/ensure-test-deps.mjs unpacks ProFTPD and Pure-FTPd. */
export const SERVER_CACHE_DIR = join(REPO_ROOT, '.cache', 'ftp-servers');

/** The system account of the tests (created by scripts/ensure-test-deps.mjs). */
export const TEST_USER = 'ftpdeck';
/** Its password (SHA-512 crypt in /etc/shadow, so logins stay cheap). */
export const TEST_PASSWORD = 'ftpdeck';

/** Absolute paths of every binary and file the servers need. */
export const BIN = {
  vsftpd: '/usr/sbin/vsftpd',
  proftpd: join(SERVER_CACHE_DIR, 'proftpd', 'usr', 'sbin', 'proftpd'),
  proftpdModules: join(SERVER_CACHE_DIR, 'proftpd', 'usr', 'lib', 'proftpd'),
  pureFtpd: join(SERVER_CACHE_DIR, 'pure-ftpd', 'usr', 'sbin', 'pure-ftpd'),
  purePw: join(SERVER_CACHE_DIR, 'pure-ftpd', 'usr', 'bin', 'pure-pw'),
  // The system python: a pyenv or venv python3 earlier on PATH lacks pyftpdlib.
  python: '/usr/bin/python3',
  pyftpdlibDir: '/usr/lib/python3/dist-packages/pyftpdlib',
  pyOpenSsl: '/usr/lib/python3/dist-packages/OpenSSL',
  openssl: '/usr/bin/openssl',
  demoMain: join(REPO_ROOT, 'apps', 'demo-ftp', 'src', 'main.js'),
  demoFtpSrv: join(REPO_ROOT, 'apps', 'demo-ftp', 'node_modules', 'ftp-srv'),
} as const;

/** A passwd entry. */
export interface Account extends FsOwner {
  name: string;
  home: string;
}

/** Looks a user up in /etc/passwd; undefined when absent. */
export function lookupAccount(name: string): Account | undefined {
  if (!existsSync('/etc/passwd')) return undefined;
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f.length >= 7) {
      return { name, uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '/' };
    }
  }
  return undefined;
}

/** True when this process runs as root (servers that chroot or switch users need it). */
export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Owner for files of the test user: the ftpdeck account as root, else ourselves. */
export function testUserOwner(): FsOwner {
  const account = isRoot() ? lookupAccount(TEST_USER) : undefined;
  if (account) return { uid: account.uid, gid: account.gid };
  return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
}
