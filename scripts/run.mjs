#!/usr/bin/env node
// The README's two commands (`npm start`, `npm test`) land here. This file
// uses Node built-ins only, because it runs before any dependency exists: it
// fetches the pinned pnpm through npm (no corepack), installs the workspace,
// then hands over to the real task.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmSpec = pkg.packageManager; // e.g. "pnpm@10.34.9"
const [, pnpmVersion] = pnpmSpec.split('@');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Runs pnpm at the pinned version: a global one if it matches, else through npm exec. */
function pnpm(args) {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === pnpmVersion) return run('pnpm', args);
  return run('npm', ['exec', '--yes', `--package=${pnpmSpec}`, '--', 'pnpm', ...args]);
}

const [task = 'start', ...rest] = process.argv.slice(2);
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

pnpm(['install', '--frozen-lockfile', '--prefer-offline']);

switch (task) {
  case 'start':
    pnpm(['--filter', '@ftpdeck/web', 'build']);
    pnpm(['--filter', '@ftpdeck/server', 'build']);
    await start(rest);
    break;
  case 'test':
    // Real FTP servers and Chromium: installed with apt-get where missing (CI runs as root).
    run(process.execPath, [join(root, 'scripts', 'ensure-test-deps.mjs')], { env });
    pnpm(['run', '-r', '--if-present', 'typecheck']);
    pnpm(['exec', 'vitest', 'run', ...rest]);
    pnpm(['--filter', '@ftpdeck/web', 'build']);
    pnpm(['--filter', '@ftpdeck/e2e', 'test']);
    break;
  case 'bench':
    run(process.execPath, [join(root, 'scripts', 'ensure-test-deps.mjs')], { env });
    pnpm(['--filter', '@ftpdeck/bench', 'bench', ...rest]);
    break;
  default:
    console.error(`unknown task ${task}; use start, test or bench`);
    process.exit(2);
}

/**
 * Starts the demo FTP server (unless --no-demo) beside the app, and stops it
 * when the app stops. The app gets the demo's address to prefill its form.
 */
async function start(args) {
  const demoOff = args.includes('--no-demo');
  const serverArgs = args.filter((a) => a !== '--no-demo');
  let demo = null;
  if (!demoOff) {
    demo = spawn(process.execPath, [join(root, 'apps', 'demo-ftp', 'src', 'main.js')], { stdio: 'inherit', cwd: root });
    serverArgs.push('--demo', 'ftp://demo:demo@127.0.0.1:2121');
  } else {
    serverArgs.push('--no-demo');
  }
  // The compiled server (apps/server/build.mjs explains why not tsx), with its node flags.
  const { SERVER_NODE_FLAGS } = await import(pathToFileURL(join(root, 'apps', 'server', 'node-flags.mjs')).href);
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(root, 'apps', 'server', 'dist', 'main.mjs'), ...serverArgs], { stdio: 'inherit', cwd: root });
  const stopAll = (signal) => {
    server.kill(signal);
    demo?.kill(signal);
  };
  process.on('SIGINT', () => stopAll('SIGINT'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  server.on('exit', (code) => {
    demo?.kill('SIGTERM');
    process.exit(code ?? 0);
  });
  demo?.on('exit', (code) => {
    if (code) console.error(`demo FTP server exited with code ${code}; the app keeps running (use --no-demo to skip it)`);
  });
}
