/** Set-up for the UI bench: a folder of N empty files, a fresh web build, and the app server. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A temporary FTP root holding `huge/` with N empty files. */
export interface BigFolder {
  dir: string;
  /** The first name in sort order, the row that must appear first. */
  firstName: string;
  remove(): Promise<void>;
}

/** Creates `huge/f000000.txt` … (empty files: the listing is what is measured, not bytes). */
export async function seedBigFolder(entries: number): Promise<BigFolder> {
  const dir = mkdtempSync(join(tmpdir(), 'ftpdeck-uibench-'));
  const huge = join(dir, 'huge');
  mkdirSync(huge, { mode: 0o755 });
  const name = (i: number) => `f${String(i).padStart(6, '0')}.txt`;
  for (let i = 0; i < entries; i += 1) closeSync(openSync(join(huge, name(i)), 'w', 0o644));
  return { dir, firstName: name(0), remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Builds apps/web into a temporary folder, so the bench measures the code as it is now. */
export async function buildWeb(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'ftpdeck-uibench-web-'));
  const vite = join(REPO, 'apps/web/node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], { cwd: join(REPO, 'apps/web'), stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`web build failed (${r.status})`);
  return out;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** The running app. */
export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

/** Starts apps/server (as the e2e web server does) serving `webRoot`. */
export async function startApp(webRoot: string): Promise<RunningApp> {
  const port = await freePort();
  const tsx = join(REPO, 'apps/server/node_modules/tsx/dist/cli.mjs');
  const child: ChildProcess = spawn(process.execPath, [tsx, join(REPO, 'apps/server/src/main.ts'), '--port', String(port), '--no-demo'], {
    env: { ...process.env, FTPDECK_WEB_ROOT: webRoot, FTPDECK_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('app server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(webRoot, { recursive: true, force: true });
    },
  };
}
