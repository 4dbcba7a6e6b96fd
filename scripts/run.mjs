#!/usr/bin/env node
// The README's two commands (`npm start`, `npm test`) land here. This file
// uses Node built-ins only, because it runs before any dependency exists: it
// fetches the pinned pnpm through npm (no corepack), installs the workspace,
// then hands over to the real task.
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
    pnpm(['--filter', '@ftpdeck/server', 'start', ...rest]);
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
