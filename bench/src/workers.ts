/**
 * Runner side of the Node client workers: starts a child (worker.ts), sends
 * it jobs one at a time and collects the answers.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Job, JobReply, JobResult, WorkerReady } from './jobs.ts';

const WORKER_FILE = fileURLToPath(new URL('./worker.ts', import.meta.url));
// Resolved here rather than left to the child, whose `--import` would resolve against its cwd.
const TSX_LOADER = import.meta.resolve('tsx');

/** How to start a worker. */
export interface WorkerOptions {
  /** Write a V8 CPU profile of the whole child into this folder. */
  cpuProfileDir?: string;
}

/** One child process that runs Node client jobs in order. */
export class NodeWorker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: JobResult): void; reject(e: Error): void }>();
  private exited: Promise<void>;
  /** Resolves when the child has loaded its modules and takes jobs; rejects if it exits first. */
  readonly ready: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    let markReady: () => void = () => undefined;
    let failReady: (err: Error) => void = () => undefined;
    this.ready = new Promise((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    // A run() before readiness still works (IPC queues it); only callers that await `ready` care.
    this.ready.catch(() => undefined);
    child.on('message', (msg: JobReply | WorkerReady) => {
      if ('ready' in msg) {
        markReady();
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error));
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        failReady(new Error(`bench worker exited (code ${code}, signal ${signal}) before it was ready`));
        for (const p of this.pending.values()) p.reject(new Error(`bench worker exited (code ${code}, signal ${signal}) during a job`));
        this.pending.clear();
        resolve();
      });
    });
  }

  /** Starts a worker process. */
  static start(opts: WorkerOptions = {}): NodeWorker {
    const execArgv = ['--expose-gc', '--import', TSX_LOADER];
    if (opts.cpuProfileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`);
    return new NodeWorker(fork(WORKER_FILE, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  /** Runs one job and resolves with what the worker measured. */
  run(job: Job): Promise<JobResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, job });
    });
  }

  /** Lets the worker exit (it does on disconnect, which also flushes a CPU profile). */
  async stop(): Promise<void> {
    if (this.child.connected) this.child.disconnect();
    await this.exited;
  }
}

/**
 * Runs one job in a fresh worker, so RSS and heap belong to this job alone.
 * `beforeJob` runs once the worker has started and loaded its modules, right
 * before the job is sent: whatever it does happens as close to the timed
 * part as it would for a client that needs no process start (curl).
 */
export async function runInFreshWorker(job: Job, opts: WorkerOptions = {}, beforeJob?: () => Promise<void>): Promise<JobResult> {
  const worker = NodeWorker.start(opts);
  try {
    await worker.ready;
    await beforeJob?.();
    return await worker.run(job);
  } finally {
    await worker.stop();
  }
}
