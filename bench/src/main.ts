/**
 * The bench runner: starts one real FTP server on 127.0.0.1, moves the same
 * files with our engine, curl and basic-ftp in one run, prints a table of
 * medians and ratios with the issue's targets, and writes every sample to
 * artifacts/bench/latest.json. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '@ftpdeck/test-servers';
import { REUSE_BUFFERS_ENV, STREAMS_ENV, parseOptions, UsageError, type BenchOptions } from './options.ts';
import { runParseBenchIsolated } from './parse.ts';
import { formatTable, rssFrom, targetChecks, type BenchFigures } from './report.ts';
import { compareListing } from './sections/listing.ts';
import { compareTransfers, type TransferComparison } from './sections/transfers.ts';
import { PATHS, startBenchServer, type BenchServer } from './server.ts';
import { MiB } from './stats.ts';
import { runInFreshWorker } from './workers.ts';

const OUT_DIR = join(REPO_ROOT, 'artifacts', 'bench');

async function main(): Promise<number> {
  let opts: BenchOptions;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const machine = await describeMachine();
  console.log(`FTP Deck bench: ${opts.server} on 127.0.0.1, ${new Date().toISOString()}`);
  console.log(`${machine.cpus}× ${machine.cpuModel}, ${machine.memGiB} GiB, ${machine.os}, node ${machine.node}, ${machine.curl}, basic-ftp ${machine.basicFtp}`);
  console.log(`sections: ${[...opts.only].join(', ')}${opts.quick ? ' (quick: smoke figures only)' : ''}`);
  const streams = process.env[STREAMS_ENV] === '1';
  console.log(
    streams
      ? 'Node clients use their stream APIs: a discarding Writable, an fs read stream'
      : 'Node clients use local file paths, as curl does: downloads to /dev/null, uploads from the file',
  );
  if (streams && process.env[REUSE_BUFFERS_ENV] === '1') console.log('engine downloads use reuseBuffers: true');
  // Other work on the machine moves every figure; the load average says how much there was.
  const loadAtStart = os.loadavg()[0] ?? 0;
  console.log(`load average (1 min) at start: ${loadAtStart.toFixed(2)}`);

  const figures: BenchFigures = { big: [], small: [], rss: [] };
  const failures: string[] = [];
  const attempt = async (name: string, fn: () => Promise<void>): Promise<void> => {
    const started = Date.now();
    process.stdout.write(`… ${name}`);
    try {
      await fn();
      process.stdout.write(` (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    } catch (err) {
      process.stdout.write(' FAILED\n');
      const msg = `${name}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`;
      console.error(msg);
      failures.push(msg);
    }
  };

  const bigWanted = opts.only.has('download') || opts.only.has('upload') || opts.only.has('rss');
  const needsServer = bigWanted || opts.only.has('small') || opts.only.has('listing');
  let srv: BenchServer | undefined;
  try {
    if (needsServer) {
      await attempt('starting the server and writing the files', async () => {
        srv = await startBenchServer(opts.server, {
          ...(bigWanted ? { bigBytes: opts.bigBytes } : {}),
          ...(opts.only.has('small') ? { smallBytes: opts.smallBytes } : {}),
          ...(opts.only.has('listing') ? { listEntries: opts.listEntries } : {}),
        });
      });
    }
    if (srv) console.log(`server root: ${srv.server.root}${srv.server.root.startsWith('/dev/shm/') ? ' (in RAM)' : ' (on disk: uploads include writeback)'}`);
    if (srv) await runTransferSections(srv, opts, figures, attempt);
    if (srv && opts.only.has('listing')) {
      const s = srv;
      await attempt('connect → listing', async () => {
        figures.listing = await compareListing(s, opts.listEntries, opts.listingReps);
      });
    }
  } finally {
    await srv?.stop();
  }
  if (opts.only.has('parse')) {
    await attempt('listing parse', async () => {
      figures.parse = await runParseBenchIsolated();
    });
  }

  const checks = targetChecks(figures);
  const loadAtEnd = os.loadavg()[0] ?? 0;
  console.log(`load average (1 min) at end: ${loadAtEnd.toFixed(2)}`);
  console.log('');
  for (const line of formatTable(figures, checks)) console.log(line);
  console.log('');
  console.log(`targets: ${checks.filter((c) => c.pass).length} of ${checks.length} met${checks.some((c) => !c.pass) ? `; missed: ${checks.filter((c) => !c.pass).map((c) => c.figure).join('; ')}` : ''}`);

  await mkdir(OUT_DIR, { recursive: true });
  // A smoke run must not overwrite the figures of the last real run.
  const out = join(OUT_DIR, opts.quick ? 'latest-quick.json' : 'latest.json');
  const json = { date: new Date().toISOString(), machine, load: { start: loadAtStart, end: loadAtEnd }, server: opts.server, options: { ...opts, only: [...opts.only] }, figures, checks, failures };
  await writeFile(out, JSON.stringify(json, null, 2) + '\n');
  console.log(`all samples: ${out}`);
  if (failures.length) console.error(`${failures.length} section(s) failed; see above`);
  return failures.length ? 1 : 0;
}

async function runTransferSections(
  srv: BenchServer,
  opts: BenchOptions,
  figures: BenchFigures,
  attempt: (name: string, fn: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const bigLabel = opts.bigBytes >= 1024 * MiB ? `${opts.bigBytes / 1024 / MiB} GiB` : `${opts.bigBytes / MiB} MiB`;
  // RSS alone still needs one large run per direction to watch.
  const rssOnly = opts.only.has('rss') && !opts.only.has('download') && !opts.only.has('upload');
  const bigDirections = (['download', 'upload'] as const).filter((d) => opts.only.has(d) || rssOnly);
  for (const direction of bigDirections) {
    const label = `${bigLabel} ${direction}`;
    await attempt(label, async () => {
      const c: TransferComparison = await compareTransfers(srv, {
        label,
        direction,
        ftpPath: PATHS.big,
        bytes: opts.bigBytes,
        reps: rssOnly ? 1 : opts.bigReps,
        workers: 'fresh',
        rssSampleMs: 50,
        ...(opts.profile ? { profileDir: (client: string) => join(OUT_DIR, 'profiles', `${client}-${direction}`) } : {}),
      });
      if (!rssOnly) figures.big.push(c);
      figures.rss.push(...rssFrom([c]));
    });
    if (direction === 'upload') {
      await attempt('upload source alone (memory control)', async () => {
        figures.rssSourceOnlyMiB = await sourceOnlyRss(srv, rssOnly ? 1 : opts.bigReps);
      });
    }
  }
  if (!opts.only.has('small')) return;
  for (const direction of ['download', 'upload'] as const) {
    const label = `${opts.smallBytes / MiB} MiB ${direction}`;
    await attempt(label, async () => {
      figures.small.push(
        await compareTransfers(srv, { label, direction, ftpPath: PATHS.small, bytes: opts.smallBytes, reps: opts.smallReps, workers: 'shared', rssSampleMs: 0 }),
      );
    });
  }
}

/**
 * RSS growth of a default fs read stream of the upload file drained into the
 * discarding sink, in a fresh worker: the share of upload memory that
 * belongs to the source, not to any FTP client. Max over `reps` runs.
 */
async function sourceOnlyRss(srv: BenchServer, reps: number): Promise<number> {
  let max = 0;
  for (let i = 0; i < reps; i++) {
    const r = await runInFreshWorker({ client: 'no-client', op: 'read-source', login: srv.login, remotePath: PATHS.big, localPath: srv.disk(PATHS.big), rssSampleMs: 50 });
    if (r.rss) max = Math.max(max, (r.rss.peak - r.rss.baseline) / MiB);
  }
  return max;
}

async function describeMachine(): Promise<Record<string, string | number>> {
  const cpus = os.cpus();
  const curl = spawnSync('curl', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0]?.split(' ').slice(0, 2).join(' ') ?? 'curl: not found';
  const basicFtpPkg = join(dirname(fileURLToPath(import.meta.resolve('basic-ftp'))), '..', 'package.json');
  const basicFtp = (JSON.parse(await readFile(basicFtpPkg, 'utf8')) as { version: string }).version;
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
    memGiB: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    curl,
    basicFtp,
  };
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
