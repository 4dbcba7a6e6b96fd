/**
 * Runner side of the Node client workers: starts a child (worker.ts), sends
 * it jobs one at a time and collects the answers.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Job, JobReply, JobResult } from './jobs.ts';

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

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (msg: JobReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error));
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
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

/** Runs one job in a fresh worker, so RSS and heap belong to this job alone. */
export async function runInFreshWorker(job: Job, opts: WorkerOptions = {}): Promise<JobResult> {
  const worker = NodeWorker.start(opts);
  try {
    return await worker.run(job);
  } finally {
    await worker.stop();
  }
}
