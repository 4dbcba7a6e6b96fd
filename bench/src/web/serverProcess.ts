/**
 * The FTP Deck server as a child process, built and run the way `npm start`
 * runs it (`node dist/main.mjs`, compiled by apps/server/build.mjs), so its
 * memory is measured on its own: RSS comes from its /healthz.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** BENCH_SERVER_DIR runs another copy of the server (an older version, for before/after figures). */
const SERVER_DIR = process.env.BENCH_SERVER_DIR ?? fileURLToPath(new URL('../../../apps/server/', import.meta.url));

/** A running server. */
export interface ServerProcess {
  base: string;
  /** The server's process id. */
  pid: number;
  /** The server's resident set size, bytes. */
  rss(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the server on a free port with limits raised for the bench. */
export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  // node itself (tsx as a loader, not as a wrapper process), so signals and RSS are the server's own.
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server there.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // BENCH_SERVER_FLAGS: extra node flags for the server (experiments: --trace-gc, heap sizes);
  // BENCH_SERVER_STDOUT=<file> keeps the server's stdout (its log, and what such flags print).
  const flags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const built = spawnSync(process.execPath, ['build.mjs'], { cwd: SERVER_DIR, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`building the server failed (exit ${built.status})`);
  // The flags every launcher passes (apps/server/node-flags.mjs); BENCH_SERVER_FLAGS come after and win.
  const { SERVER_NODE_FLAGS } = (await import(pathToFileURL(`${SERVER_DIR}/node-flags.mjs`).href)) as { SERVER_NODE_FLAGS: readonly string[] };
  const child: ChildProcess = spawn(process.execPath, [...prof, ...SERVER_NODE_FLAGS, ...flags, 'dist/main.mjs', '--port', '0', '--no-demo', '--web-root', 'none'], {
    cwd: SERVER_DIR,
    env: { ...process.env, FTPDECK_LOG_LEVEL: 'info', FTPDECK_MAX_SESSIONS_PER_IP: '1000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) {
        child.stdout?.off('data', onData);
        // Keep draining the log so the child never blocks on a full pipe.
        if (process.env.BENCH_SERVER_STDOUT) child.stdout?.pipe(createWriteStream(process.env.BENCH_SERVER_STDOUT));
        else child.stdout?.resume();
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', () => reject(new Error(`the server exited: ${out}`)));
  });
  const base = `127.0.0.1:${port}`;
  return {
    base,
    pid: child.pid ?? 0,
    async rss() {
      const health = (await (await fetch(`http://${base}/healthz`)).json()) as { rssBytes: number };
      return health.rssBytes;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
