/**
 * curl as the reference client. Its figures are its own: `-w` reports the
 * average rate (bytes over the whole transfer, connect included) and the
 * total time, so process start-up is not counted against it. When GNU time
 * is installed (/usr/bin/time), it also gives curl's CPU time and peak RSS.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerLogin } from './jobs.ts';

/** What curl did. */
export interface CurlResult {
  /** curl's own average rate, bytes per second. */
  bytesPerSecond: number;
  /** curl's `time_total`, ms. */
  ms: number;
  /** curl's `time_pretransfer`: connect, login and the commands before the transfer starts, ms. */
  setupMs: number;
  /** Bytes moved (size_download or size_upload). */
  bytes: number;
  /** User + system CPU of the whole curl process, ms (needs /usr/bin/time). */
  cpuMs?: number;
  /** Peak RSS of the curl process, bytes (needs /usr/bin/time). */
  peakRss?: number;
}

/** A curl operation. */
export type CurlOp = { op: 'download' | 'list'; remotePath: string } | { op: 'upload'; remotePath: string; localPath: string };

/**
 * curl 7.88 sometimes waits about 200 ms for IPv6 before it opens the
 * passive data connection; a 10 ms happy-eyeballs timeout removes that.
 */
const COMMON = ['--silent', '--show-error', '--happy-eyeballs-timeout-ms', '10'];
const GNU_TIME = '/usr/bin/time';

/** Runs one curl transfer and returns its own figures. */
export async function runCurl(login: ServerLogin, what: CurlOp): Promise<CurlResult> {
  const url = `ftp://${encodeURIComponent(login.user)}:${encodeURIComponent(login.password)}@${login.host}:${login.port}${what.remotePath}`;
  const curlArgs =
    what.op === 'upload'
      ? [...COMMON, '-T', what.localPath, '-w', '%{speed_upload} %{time_total} %{size_upload} %{time_pretransfer}', url]
      : [...COMMON, '-o', '/dev/null', '-w', '%{speed_download} %{time_total} %{size_download} %{time_pretransfer}', url];
  const { stdout, usage } = await runMeasured('curl', curlArgs);
  const [speed, total, size, pretransfer] = stdout.trim().split(' ').map(Number);
  if (speed === undefined || total === undefined || size === undefined || pretransfer === undefined || [speed, total, size, pretransfer].some(Number.isNaN)) {
    throw new Error(`curl printed something unexpected: ${JSON.stringify(stdout)}`);
  }
  return { bytesPerSecond: speed, ms: total * 1000, bytes: size, setupMs: pretransfer * 1000, ...usage };
}

/** Runs a command, under GNU time when it is installed. */
async function runMeasured(cmd: string, args: string[]): Promise<{ stdout: string; usage: { cpuMs?: number; peakRss?: number } }> {
  if (!existsSync(GNU_TIME)) return { stdout: await run(cmd, args), usage: {} };
  const dir = await mkdtemp(join(tmpdir(), 'ftpdeck-bench-'));
  try {
    const out = join(dir, 'usage');
    const stdout = await run(GNU_TIME, ['-f', '%U %S %M', '-o', out, cmd, ...args]);
    const [user, sys, maxKb] = (await readFile(out, 'utf8')).trim().split('\n').at(-1)!.split(' ').map(Number);
    if (user === undefined || sys === undefined || maxKb === undefined || [user, sys, maxKb].some(Number.isNaN)) return { stdout, usage: {} };
    return { stdout, usage: { cpuMs: (user + sys) * 1000, peakRss: maxKb * 1024 } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${cmd} exited with ${code}: ${stderr.trim()}`));
    });
  });
}
