/**
 * The messages between the bench runner and its Node client workers
 * (worker.ts). Both Node clients run out of the runner's process so that
 * one client's heap, GC state and JIT warm-up never touch the other's
 * figures, and so RSS growth is the client's alone.
 */

/** The Node clients under test. */
export type NodeClientName = 'engine' | 'basic-ftp';

/** Every client in the comparison. */
export type ClientName = NodeClientName | 'curl';

/** The order clients run in inside one repetition. */
export const CLIENT_ORDER: readonly ClientName[] = ['engine', 'curl', 'basic-ftp'];

/** Where and as whom to log in. */
export interface ServerLogin {
  host: string;
  port: number;
  user: string;
  password: string;
}

/**
 * One unit of work for a worker: connect, do `op`, close. `read-source`
 * (with client `no-client`) is the control for upload memory: it reads the
 * upload source into the discarding sink with no FTP at all.
 */
export interface Job {
  client: NodeClientName | 'no-client';
  op: 'download' | 'upload' | 'list' | 'read-source';
  login: ServerLogin;
  /** FTP path to download, upload to, or list. */
  remotePath: string;
  /** Local file to upload from. */
  localPath?: string;
  /** Sample RSS every this many ms during the job (0 = no sampling). */
  rssSampleMs: number;
}

/** RSS observed during a job, in bytes. */
export interface RssFigures {
  /** Sampled right before connect, after a full GC. */
  baseline: number;
  /** Highest sample between connect and the end of the transfer. */
  peak: number;
  samples: number;
}

/** What a worker measured. `ms` runs from connect start to the transfer's (or listing's) end. */
export interface JobResult {
  ms: number;
  /** Bytes moved, or entries listed, when the client says (uploads are checked on disk). */
  count?: number;
  /** CPU time (user + system, all threads of the worker) over the same span, ms. */
  cpuMs: number;
  /** From connect start until connect() (engine) or access() (basic-ftp) resolved: logged in, ready to transfer. */
  setupMs: number;
  rss?: RssFigures;
}

/** Runner → worker. */
export interface JobRequest {
  id: number;
  job: Job;
}

/** Worker → runner: the answer to one job. */
export type JobReply = { id: number; ok: true; result: JobResult } | { id: number; ok: false; error: string };

/** Worker → runner, once, when its modules are loaded and it takes jobs. */
export interface WorkerReady {
  ready: true;
}
