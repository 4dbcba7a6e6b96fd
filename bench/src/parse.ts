/**
 * Listing-parse benchmark: our parseListing against basic-ftp's parseList on
 * 100 000 generated Unix LIST lines and 100 000 MLSD lines.
 *
 * Run alone:  pnpm --filter @ftpdeck/bench exec tsx src/parse.ts
 * The top-level bench runner calls {@link runParseBenchIsolated}, which runs
 * the same in a fresh process.
 *
 * The inputs are deterministic (seeded), shaped after the real vsftpd LIST
 * and ProFTPD MLSD output in packages/ftp-engine/src/listing/fixtures. Each
 * parser runs a few warm-up rounds, then several timed rounds; we report
 * the median. Compare the ratio, not the milliseconds: absolute figures
 * move between machines and runs. Note that our parser does more per line
 * than basic-ftp's Unix parser (it builds a Date for every entry; basic-ftp
 * keeps the date text), so the ratio understates the difference in work.
 */
import { fork } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseList } from 'basic-ftp';
// Relative import until the engine's index.ts re-exports the listing module.
import { parseListing } from '../../packages/ftp-engine/src/listing/index.ts';
import { prng } from '@ftpdeck/test-servers';

/** Timing of one input for both parsers. */
export interface ParseCaseResult {
  lines: number;
  /** Median wall time of our parseListing, ms. */
  oursMs: number;
  /** Median wall time of basic-ftp's parseList, ms. */
  basicFtpMs: number;
  /** basicFtpMs / oursMs: above 1 means we are faster. */
  speedup: number;
  /**
   * The same from process CPU time (user + system, GC threads included):
   * steadier than wall time when other work shares the machine.
   */
  oursCpuMs: number;
  basicFtpCpuMs: number;
  cpuSpeedup: number;
  /** Entries each parser produced (a sanity check that both read the input). */
  oursEntries: number;
  basicFtpEntries: number;
}

/** The result of {@link runParseBench}. */
export interface ParseBenchResult {
  unix: ParseCaseResult;
  mlsd: ParseCaseResult;
  rounds: number;
}

const LINES = 100_000;
const WARMUP_ROUNDS = 3;
const TIMED_ROUNDS = 9;
const NOW = new Date('2026-11-21T08:00:00Z');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WORDS = ['report', 'backup', 'IMG', 'photo', 'data', 'final version', 'invoice', 'notes', 'build', 'release', 'log', 'archive'];
const EXTENSIONS = ['.txt', '.jpg', '.tar.gz', '.pdf', '.log', '.csv', '', '.mp4', '.zip'];
const USERS = ['ftp', 'www-data', 'alice', 'bob', '1000', 'deploy'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function pad(value: string | number, width: number, left = false): string {
  const text = String(value);
  return left ? text.padEnd(width) : text.padStart(width);
}

function randomName(random: () => number, i: number): string {
  return `${pick(random, WORDS)}-${i}${random() < 0.1 ? ' copy' : ''}${pick(random, EXTENSIONS)}`;
}

/** `ls -l` lines the way vsftpd prints them: files, directories, symlinks, recent and old dates. */
export function generateUnixListing(lines = LINES, seed = 1): string {
  const random = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const kind = random();
    const type = kind < 0.8 ? '-' : kind < 0.95 ? 'd' : 'l';
    const perms = type === 'd' ? 'rwxr-xr-x' : type === 'l' ? 'rwxrwxrwx' : random() < 0.5 ? 'rw-r--r--' : 'rw-rw-r--';
    const size = type === 'd' ? 4096 : Math.floor(random() ** 3 * 5e9);
    const month = pick(random, MONTHS);
    const day = pad(1 + Math.floor(random() * 28), 2, false);
    const when = random() < 0.5 ? `${pad(Math.floor(random() * 24), 2).replace(' ', '0')}:${pad(Math.floor(random() * 60), 2).replace(' ', '0')}` : ` ${2000 + Math.floor(random() * 26)}`;
    const name = randomName(random, i);
    const suffix = type === 'l' ? ` -> ../target/${name}` : '';
    const user = pick(random, USERS);
    out.push(`${type}${perms}    ${pad(type === 'd' ? 2 + Math.floor(random() * 9) : 1, 1)} ${pad(user, 8, true)} ${pad(user, 8, true)} ${pad(size, 12)} ${month} ${day} ${when} ${name}${suffix}`);
  }
  return out.join('\r\n') + '\r\n';
}

/** MLSD lines the way ProFTPD prints them (the richest common fact set). */
export function generateMlsdListing(lines = LINES, seed = 2): string {
  const random = prng(seed);
  const out: string[] = ['modify=20261121073508;perm=flcdmpe;type=cdir;unique=FE00U2;UNIX.group=0;UNIX.mode=0755;UNIX.owner=0; .'];
  for (let i = 0; i < lines; i++) {
    const dir = random() < 0.15;
    const year = 2000 + Math.floor(random() * 26);
    const stamp = `${year}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}${String(Math.floor(random() * 24)).padStart(2, '0')}${String(Math.floor(random() * 60)).padStart(2, '0')}${String(Math.floor(random() * 60)).padStart(2, '0')}`;
    const user = pick(random, USERS);
    const facts = dir
      ? `modify=${stamp};perm=flcdmpe;type=dir;unique=FE00U${i.toString(16)};UNIX.group=33;UNIX.groupname=${user};UNIX.mode=0755;UNIX.owner=33;UNIX.ownername=${user};`
      : `modify=${stamp};perm=adfrw;size=${Math.floor(random() ** 3 * 5e9)};type=file;unique=FE00U${i.toString(16)};UNIX.group=33;UNIX.groupname=${user};UNIX.mode=0644;UNIX.owner=33;UNIX.ownername=${user};`;
    out.push(`${facts} ${randomName(random, i)}`);
  }
  return out.join('\r\n') + '\r\n';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall and CPU milliseconds of one call. */
function time(fn: () => unknown): [wall: number, cpu: number] {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  fn();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  return [wall, (cpu.user + cpu.system) / 1000];
}

function runCase(text: string, lines: number): ParseCaseResult {
  const ours = (): number => parseListing(text, { now: NOW }).length;
  const theirs = (): number => parseList(text).length;
  const oursEntries = ours();
  const basicFtpEntries = theirs();
  // Alternate the two so that drift (thermal, GC, a noisy neighbour) hits both alike.
  for (let i = 0; i < WARMUP_ROUNDS; i++) {
    ours();
    theirs();
  }
  const oursTimes: [number, number][] = [];
  const theirTimes: [number, number][] = [];
  for (let i = 0; i < TIMED_ROUNDS; i++) {
    oursTimes.push(time(ours));
    theirTimes.push(time(theirs));
  }
  const oursMs = median(oursTimes.map((t) => t[0]));
  const basicFtpMs = median(theirTimes.map((t) => t[0]));
  const oursCpuMs = median(oursTimes.map((t) => t[1]));
  const basicFtpCpuMs = median(theirTimes.map((t) => t[1]));
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
  return {
    lines,
    oursMs: round(oursMs),
    basicFtpMs: round(basicFtpMs),
    speedup: ratio(basicFtpMs, oursMs),
    oursCpuMs: round(oursCpuMs),
    basicFtpCpuMs: round(basicFtpCpuMs),
    cpuSpeedup: ratio(basicFtpCpuMs, oursCpuMs),
    oursEntries,
    basicFtpEntries,
  };
}

/** Runs both cases and returns the medians; prints nothing. */
export async function runParseBench(): Promise<ParseBenchResult> {
  const unix = runCase(generateUnixListing(), LINES);
  const mlsd = runCase(generateMlsdListing(), LINES);
  return { unix, mlsd, rounds: TIMED_ROUNDS };
}

const THIS_FILE = fileURLToPath(import.meta.url);
// Resolved here rather than left to the child, whose `--import` would resolve against its cwd.
const TSX_LOADER = import.meta.resolve('tsx');
/** Tells the script, run as a child, to send its figures back instead of printing them. */
const CHILD_FLAG = '--report-to-parent';

/**
 * {@link runParseBench} in a Node process of its own, as the transfer
 * clients run (workers.ts). By the time the bench reaches the parse, its
 * main process has run every other section: their objects in its heap and
 * its JIT's type feedback from other code are neither parser's cost, and
 * a figure taken there is of that process, not of the parsers (one
 * night gave 1.60x there and 1.94x run alone). Both parsers still share
 * one process, alternating.
 */
export function runParseBenchIsolated(): Promise<ParseBenchResult> {
  const child = fork(THIS_FILE, [CHILD_FLAG], { execArgv: ['--import', TSX_LOADER], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let result: ParseBenchResult | undefined;
    child.once('message', (msg: ParseBenchResult) => {
      result = msg;
    });
    child.once('exit', (code, signal) => {
      if (result) resolve(result);
      else reject(new Error(`the parse bench process exited (code ${code}, signal ${signal}) without figures`));
    });
  });
}

function report(result: ParseBenchResult): void {
  const cell = (value: number | string, width: number): string => String(value).padStart(width);
  console.log(`listing parse: median of ${result.rounds} rounds after ${WARMUP_ROUNDS} warm-up rounds, node ${process.version}`);
  console.log(`${'input'.padEnd(15)}${cell('wall ms: ours', 14)}${cell('basic-ftp', 10)}${cell('speedup', 9)}  ${cell('cpu ms: ours', 13)}${cell('basic-ftp', 10)}${cell('speedup', 9)}`);
  for (const [label, r] of [
    [`Unix LIST ${result.unix.lines / 1000}k`, result.unix],
    [`MLSD ${result.mlsd.lines / 1000}k`, result.mlsd],
  ] as const) {
    console.log(
      `${label.padEnd(15)}${cell(r.oursMs, 14)}${cell(r.basicFtpMs, 10)}${cell(r.speedup + 'x', 9)}  ${cell(r.oursCpuMs, 13)}${cell(r.basicFtpCpuMs, 10)}${cell(r.cpuSpeedup + 'x', 9)}`,
    );
  }
  console.log(`entries parsed (ours/basic-ftp): Unix ${result.unix.oursEntries}/${result.unix.basicFtpEntries}, MLSD ${result.mlsd.oursEntries}/${result.mlsd.basicFtpEntries}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const toParent = process.argv.includes(CHILD_FLAG) && process.send !== undefined;
  runParseBench().then(
    (result) => {
      if (toParent) process.send?.(result, () => process.disconnect());
      else report(result);
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
      if (toParent) process.disconnect();
    },
  );
}
