// Port blocks for test servers: one control port plus a private passive
// range. Test files run in parallel worker processes, so a block is claimed
// with a lock file (O_EXCL) before its ports are checked, and released on stop.
import { mkdirSync, openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Passive ports per server; enough for a test that keeps a few transfers open. */
export const PASSIVE_PORTS_PER_SERVER = 20;
const BLOCK_SIZE = 32; // 1 control + 20 passive, rounded up for alignment
// Below Linux's ephemeral range (32768–60999), so outgoing client sockets
// never take a port from a block behind our back.
const FIRST_PORT = 20_000;
const LAST_PORT = 32_000;
const LOCK_DIR = join(tmpdir(), 'ftpdeck-test-ports');

/** A claimed block. */
export interface PortBlock {
  control: number;
  passive: [number, number];
  /** The lock file that claims the block (removed by release()). */
  lockPath: string;
  /** Frees the block for other servers; safe to call twice. */
  release(): void;
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen({ port, host: '127.0.0.1', exclusive: true }, () => s.close(() => resolve(true)));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock file; steals it when its owner process is gone. */
function tryLock(path: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner = 0;
      try {
        owner = Number(readFileSync(path, 'utf8'));
      } catch {
        continue; // removed meanwhile: retry
      }
      if (owner > 0 && isAlive(owner)) return false;
      rmSync(path, { force: true });
    }
  }
  return false;
}

/** Claims a free block of ports on 127.0.0.1. */
export async function allocatePortBlock(): Promise<PortBlock> {
  mkdirSync(LOCK_DIR, { recursive: true, mode: 0o1777 });
  const blocks = Math.floor((LAST_PORT - FIRST_PORT) / BLOCK_SIZE);
  const start = Math.floor(Math.random() * blocks);
  for (let i = 0; i < blocks; i++) {
    const base = FIRST_PORT + ((start + i) % blocks) * BLOCK_SIZE;
    const lock = join(LOCK_DIR, String(base));
    if (!tryLock(lock)) continue;
    const ports = Array.from({ length: 1 + PASSIVE_PORTS_PER_SERVER }, (_, k) => base + k);
    const free = await Promise.all(ports.map(canBind));
    if (free.every(Boolean)) {
      let released = false;
      return {
        control: base,
        passive: [base + 1, base + PASSIVE_PORTS_PER_SERVER],
        lockPath: lock,
        release() {
          if (released) return;
          released = true;
          rmSync(lock, { force: true });
        },
      };
    }
    rmSync(lock, { force: true });
  }
  throw new Error(`no free block of ${1 + PASSIVE_PORTS_PER_SERVER} ports between ${FIRST_PORT} and ${LAST_PORT}`);
}
