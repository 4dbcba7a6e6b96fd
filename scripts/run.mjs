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
/** Ports the demo's passive data connections use, just above its control port (2122–2140 by default). */
const DEMO_PASV_PORTS = 19;
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

// Before the install and build, which take a minute or more on a fresh clone.
if (task === 'start') checkAppPort(rest);
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
 * when the app stops. The demo starts first: the app gets its address to
 * prefill the form only once it listens, so a demo that cannot start (its
 * port taken) leaves an app without a prefilled dead address, and one line
 * saying why. FTPDECK_DEMO_PORT moves the demo off 2121.
 */
async function start(args) {
  // Read before anything is awaited: npm could go while the demo starts.
  const parent = process.ppid;
  const demoOff = args.includes('--no-demo');
  const serverArgs = args.filter((a) => a !== '--no-demo');
  const demo = demoOff ? null : await startDemo(demoPort());
  if (demo) serverArgs.push('--demo', `ftp://demo:demo@127.0.0.1:${demo.port}`);
  else serverArgs.push('--no-demo');
  // The compiled server (apps/server/build.mjs explains why not tsx), with its node flags.
  const { SERVER_NODE_FLAGS } = await import(pathToFileURL(join(root, 'apps', 'server', 'node-flags.mjs')).href);
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(root, 'apps', 'server', 'dist', 'main.mjs'), ...serverArgs], {
    stdio: ['inherit', 'pipe', 'inherit'],
    cwd: root,
  });
  // The server logs JSON lines; the address to open also gets a plain line.
  let announced = false;
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = announced ? null : /"msg":"FTP Deck on (http:\/\/[^"]+)"/.exec(chunk.toString())?.[1];
    if (url) {
      announced = true;
      console.log(`\nFTP Deck is running: open ${url}${demo ? ' (the demo server is filled in; Connect)' : ''}. Ctrl-C stops it.\n`);
    }
  });
  const stopAll = (signal) => {
    server.kill(signal);
    demo?.child.kill(signal);
  };
  process.on('SIGINT', () => stopAll('SIGINT'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  // npm does not pass a SIGTERM on to its script: killing `npm start` would leave this
  // script, the server and the demo running, re-parented. Their parent going away says so.
  const orphaned = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(orphaned);
    stopAll('SIGTERM');
  }, 1000);
  orphaned.unref();
  server.on('exit', (code) => {
    demo?.child.kill('SIGTERM');
    process.exit(code ?? 0);
  });
  demo?.child.on('exit', (code) => {
    if (code) console.error(`demo FTP server exited with code ${code}; the app keeps running`);
  });
}

/**
 * Refuses a bad app port (`--port`, else FTPDECK_PORT) at once, in the
 * server's words. The server checks it again with every other setting
 * (apps/server/src/config.ts: an integer from 0 to 65535), but only once
 * it runs, after the install and the build: a typo there would cost a new
 * user that wait before they heard of it.
 */
function checkAppPort(args) {
  const at = args.findIndex((a) => a === '--port' || a.startsWith('--port='));
  const text = at < 0 ? process.env.FTPDECK_PORT : args[at].startsWith('--port=') ? args[at].slice('--port='.length) : args[at + 1];
  if (text === undefined || text.trim() === '') return;
  const n = /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (Number.isSafeInteger(n) && n >= 0 && n <= 65535) return;
  console.error(`bad --port / FTPDECK_PORT: "${text}" (want an integer from 0 to 65535)`);
  process.exit(2);
}

/** The demo's port: FTPDECK_DEMO_PORT, else 2121. */
function demoPort() {
  const text = process.env.FTPDECK_DEMO_PORT ?? '2121';
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535 - DEMO_PASV_PORTS) {
    console.error(`bad FTPDECK_DEMO_PORT: "${text}" (want a port from 1 to ${65535 - DEMO_PASV_PORTS}; the ${DEMO_PASV_PORTS} above it carry its data connections)`);
    process.exit(2);
  }
  return n;
}

/**
 * Starts the demo FTP server and waits until it listens: resolves to it, or
 * to null (after one line saying so) when it could not start.
 */
function startDemo(port) {
  // Its passive ports move with it, so a demo moved off a busy 2121 does not meet the same neighbours.
  const pasv = ['--pasv-min', String(port + 1), '--pasv-max', String(port + DEMO_PASV_PORTS)];
  const child = spawn(process.execPath, [join(root, 'apps', 'demo-ftp', 'src', 'main.js'), '--port', String(port), ...pasv], {
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: root,
  });
  return new Promise((resolve) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (seen === null) return;
      seen += chunk.toString();
      if (seen.includes('demo FTP server on')) {
        seen = null;
        resolve({ child, port });
      }
    });
    child.once('exit', () => {
      if (seen === null) return;
      console.error(`the app starts without the demo FTP server (stop whatever holds port ${port}, or set FTPDECK_DEMO_PORT, or pass --no-demo)`);
      resolve(null);
    });
  });
}
