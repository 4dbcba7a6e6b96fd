/**
 * Transfer comparisons: the same file moved by every client, repetitions
 * interleaved (engine, curl, basic-ftp, engine, …) so that drift in the
 * machine's speed hits all clients alike.
 */
import { CLIENT_ORDER, type ClientName, type Job, type JobResult, type NodeClientName } from '../jobs.ts';
import { runCurl } from '../curl.ts';
import { treeCpuMs } from '../procCpu.ts';
import { PATHS, type BenchServer } from '../server.ts';
import { median, MiB, mibPerSecond } from '../stats.ts';
import { NodeWorker, runInFreshWorker, type WorkerOptions } from '../workers.ts';

/** One client's run. */
export interface TransferSample {
  /** Throughput: bytes over connect start → transfer done (curl: its own average rate). */
  mibps: number;
  ms: number;
  /** Connect start → logged in (Node: connect()/access() resolved; curl: its time_pretransfer, a few commands later). */
  setupMs: number;
  /** User + system CPU of the client over the transfer, ms (curl: whole process; absent without /usr/bin/time). */
  cpuMs?: number;
  /** Node clients: peak RSS minus the RSS right before connect, MiB. */
  rssGrowthMiB?: number;
  /** curl: peak RSS of the process (VmHWM), MiB. */
  peakRssMiB?: number;
  /**
   * CPU the FTP server's processes spent over the run, ms (big files only).
   * On this VM uploads swing with it, whoever the client (see README).
   */
  serverCpuMs?: number;
}

/** A client's figures over all repetitions. */
export interface ClientTransferFigures {
  samples: TransferSample[];
  /** Median throughput, MiB/s. */
  mibps: number;
  /** Median time, ms. */
  ms: number;
  /** Median CPU time, ms (NaN when not measured). */
  cpuMs: number;
  /** Median setup time, ms. */
  setupMs: number;
  /** Median FTP server CPU, ms (NaN when not measured). */
  serverCpuMs: number;
}

/** The comparison for one file and direction. */
export interface TransferComparison {
  label: string;
  direction: 'download' | 'upload';
  bytes: number;
  reps: number;
  clients: Record<ClientName, ClientTransferFigures>;
}

/**
 * Untimed runs per client before a shared worker's samples. One was not
 * enough: in a fresh Node process the engine's 10 MiB download took 31, 14,
 * 23 and 15 ms on its first four runs against a settled 13-15 ms, because V8
 * optimises the hot functions only after several calls. basic-ftp gets the
 * same runs, and curl too (it has no JIT; its runs only keep the order fair).
 */
const SHARED_WARMUP_RUNS = 3;

/** How to run one comparison. */
export interface TransferPlan {
  label: string;
  direction: 'download' | 'upload';
  /** FTP path of the file to download (uploads go to PATHS.upload from its disk copy). */
  ftpPath: string;
  bytes: number;
  reps: number;
  /**
   * `fresh`: a new worker process per run, sampling RSS (large files: each
   * run's memory is its own). `shared`: one warm worker per client, with
   * {@link SHARED_WARMUP_RUNS} untimed warm-up runs first (small files: a
   * Node client in a long-running server is warm too).
   */
  workers: 'fresh' | 'shared';
  rssSampleMs: number;
  /** Where CPU profiles of Node client runs go, when profiling. */
  profileDir?: (client: NodeClientName) => string;
}

/** Runs `plan` against `srv` and returns every client's figures. */
export async function compareTransfers(srv: BenchServer, plan: TransferPlan): Promise<TransferComparison> {
  const samples: Record<ClientName, TransferSample[]> = { engine: [], curl: [], 'basic-ftp': [] };
  const shared = plan.workers === 'shared' ? { engine: NodeWorker.start(), 'basic-ftp': NodeWorker.start() } : undefined;
  const run = (client: ClientName): Promise<TransferSample> => runOnce(srv, plan, client, shared);
  try {
    if (shared) {
      await Promise.all(Object.values(shared).map((w) => w.ready));
      for (let i = 0; i < SHARED_WARMUP_RUNS; i++) for (const client of CLIENT_ORDER) await run(client);
    } else {
      // One untimed curl run first. On this VM the first transfer of a section
      // ran at a fraction of later ones whoever made it (1 GiB uploads: 290-320
      // MiB/s against 950-1650 after), and the engine goes first in each round.
      await run('curl');
    }
    for (let rep = 0; rep < plan.reps; rep++) {
      for (const client of CLIENT_ORDER) samples[client].push(await run(client));
    }
  } finally {
    await Promise.all(Object.values(shared ?? {}).map((w) => w.stop()));
    if (plan.direction === 'upload') await srv.removeUpload(PATHS.upload);
  }
  const figures = (s: TransferSample[]): ClientTransferFigures => ({
    samples: s,
    mibps: median(s.map((x) => x.mibps)),
    ms: median(s.map((x) => x.ms)),
    cpuMs: median(s.flatMap((x) => (x.cpuMs === undefined ? [] : [x.cpuMs]))),
    setupMs: median(s.map((x) => x.setupMs)),
    serverCpuMs: median(s.flatMap((x) => (x.serverCpuMs === undefined ? [] : [x.serverCpuMs]))),
  });
  return {
    label: plan.label,
    direction: plan.direction,
    bytes: plan.bytes,
    reps: plan.reps,
    clients: { engine: figures(samples.engine), curl: figures(samples.curl), 'basic-ftp': figures(samples['basic-ftp']) },
  };
}

async function runOnce(
  srv: BenchServer,
  plan: TransferPlan,
  client: ClientName,
  shared: Record<NodeClientName, NodeWorker> | undefined,
): Promise<TransferSample> {
  const upload = plan.direction === 'upload';
  const localPath = srv.disk(plan.ftpPath);
  // The previous run's upload is deleted right before this one starts, for
  // every client alike. Deleted at the end of its own run, it left a fresh
  // Node worker's start-up (about a second) between the delete and the next
  // upload, and curl none. On this VM memory that stays free for a few
  // seconds goes back to the host and is slow to touch again (see README),
  // so vsftpd wrote a Node client's upload into slow pages far more often
  // than curl's: 2.0-3.2 s of vsftpd CPU per GiB against 0.6-1.1.
  const beforeStart = async (): Promise<void> => {
    if (upload) await srv.removeUpload(PATHS.upload);
  };
  let serverCpuBefore: number | undefined;
  const startCpuClock = (): void => {
    if (plan.workers === 'fresh') serverCpuBefore = treeCpuMs(srv.server.pid);
  };
  let sample: TransferSample;
  let seen: number | undefined;
  if (client === 'curl') {
    await beforeStart();
    startCpuClock();
    const r = await runCurl(srv.login, upload ? { op: 'upload', remotePath: PATHS.upload, localPath } : { op: 'download', remotePath: plan.ftpPath });
    sample = { mibps: r.bytesPerSecond / MiB, ms: r.ms, setupMs: r.setupMs };
    if (r.cpuMs !== undefined) sample.cpuMs = r.cpuMs;
    if (r.peakRss !== undefined) sample.peakRssMiB = r.peakRss / MiB;
    seen = r.bytes;
  } else {
    const job: Job = {
      client,
      op: plan.direction,
      login: srv.login,
      remotePath: upload ? PATHS.upload : plan.ftpPath,
      localPath,
      rssSampleMs: plan.rssSampleMs,
    };
    const workerOpts: WorkerOptions = plan.profileDir ? { cpuProfileDir: plan.profileDir(client) } : {};
    const begin = async (): Promise<void> => {
      await beforeStart();
      startCpuClock();
    };
    const r: JobResult = shared ? await begin().then(() => shared[client].run(job)) : await runInFreshWorker(job, workerOpts, begin);
    sample = { mibps: mibPerSecond(plan.bytes, r.ms), ms: r.ms, setupMs: r.setupMs, cpuMs: r.cpuMs };
    if (r.rss) sample.rssGrowthMiB = (r.rss.peak - r.rss.baseline) / MiB;
    seen = r.count;
  }
  if (serverCpuBefore !== undefined) {
    // vsftpd's session process is reaped just after the client's QUIT; let its time be counted.
    await new Promise((r) => setTimeout(r, 20));
    sample.serverCpuMs = treeCpuMs(srv.server.pid) - serverCpuBefore;
  }
  // A bench that moved the wrong number of bytes measured nothing: fail loudly.
  if (upload) seen = await srv.uploadedSize(PATHS.upload);
  if (seen !== undefined && seen !== plan.bytes) {
    throw new Error(`${plan.label}: ${client} moved ${seen} bytes, expected ${plan.bytes}`);
  }
  return sample;
}
