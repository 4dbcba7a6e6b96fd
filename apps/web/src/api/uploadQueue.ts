/**
 * The upload queue: turns dropped or picked files into transfers, runs
 * them through the windowed uploader a few at a time, mirrors progress
 * into the store (batched), resumes retryable failures on its own, and
 * refreshes the listing when a file lands in the directory on screen.
 */
import { WebErrorCodes, describeError, wireErrorOf } from '../lib/errorMessages.ts';
import { groupByDir, type DroppedTree } from '../lib/droppedTree.ts';
import { joinPath, parentPath } from '../lib/remotePath.ts';
import type { Transfer } from '../store/transfersSlice.ts';
import { createPatchBatcher } from './patchBatcher.ts';
import type { OpsDeps } from './types.ts';
import { UploadError, uploadBlob, type BlobLike, type UploadMode } from './uploader.ts';

/** A file to upload: a browser File, or anything with a name, size and slice. */
export interface UploadSource extends BlobLike {
  readonly name: string;
}

/** Queue operations. */
export interface UploadOps {
  /** Queues files for upload into `dir` (default: the directory on screen). Returns their transfer keys. */
  enqueue(files: readonly UploadSource[], dir?: string): string[];
  /** Cancels a queued or running upload. */
  cancel(key: string): void;
  /** Queues a failed upload again, resuming where the server stopped. */
  retry(key: string): void;
  /** Creates a dropped folder tree under `dir` (default: on screen), then queues its files. */
  enqueueTree(tree: DroppedTree, dir?: string): Promise<string[]>;
}

/** Uploads run at the same time. The relay handles more; two keep a slow link responsive. */
export const UPLOAD_CONCURRENCY = 2;
/** Automatic resumes after a retryable failure (dropped connection, 421…). */
export const AUTO_RESUMES = 3;

interface Job {
  key: string;
  file: UploadSource;
  path: string;
  abort: AbortController;
  mode: UploadMode;
  attempt: number;
}

/** Tunables, overridable in tests. */
export interface UploadQueueOptions {
  concurrency?: number;
  /** Delay before automatic resume number `n` (1-based), ms. */
  resumeDelay?: (n: number) => number;
}

let keySeq = 0;

/** Builds the upload queue. `refresh` re-lists the current directory. */
export function createUploadQueue(deps: OpsDeps, refresh: () => Promise<void>, options: UploadQueueOptions = {}): UploadOps {
  const { store, uploadChannel } = deps;
  const concurrency = options.concurrency ?? UPLOAD_CONCURRENCY;
  const resumeDelay = options.resumeDelay ?? ((n: number) => 1500 * n);
  const state = () => store.getState();
  const batcher = createPatchBatcher<Partial<Transfer>>((p) => state().patchTransfers(p));
  const waiting: Job[] = [];
  /** Jobs queued, running, or failed with the file still at hand. */
  const jobs = new Map<string, Job>();
  let running = 0;

  // Several uploads can finish close together; coalesce their refreshes into one list at a time.
  let refreshing: Promise<void> | null = null;
  let again = false;
  const refreshSoon = () => {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = refresh().finally(() => {
      refreshing = null;
      if (again) {
        again = false;
        refreshSoon();
      }
    });
  };

  const finish = (key: string, patch: Partial<Transfer>) => {
    batcher.patch(key, { ...patch, finishedAt: Date.now() });
    batcher.flush();
  };

  /** Runs one attempt; returns true when the job should run again (automatic resume). */
  const attempt = async (job: Job): Promise<boolean> => {
    const { key, file, path } = job;
    job.attempt += 1;
    batcher.patch(key, { status: 'starting', startedAt: Date.now(), attempt: job.attempt, canRetry: false });
    try {
      const result = await uploadBlob(file, path, uploadChannel, {
        signal: job.abort.signal,
        mode: job.mode,
        onStart: (transferId, offset) => batcher.patch(key, { transferId, sent: offset, status: 'sending' }),
        onSent: (sent) => batcher.patch(key, sent >= file.size ? { sent, status: 'finishing' } : { sent }),
        onProgress: (received, written, rate) => batcher.patch(key, { received, written, rate }),
      });
      finish(key, {
        status: 'done',
        sent: file.size,
        received: result.bytes,
        written: result.bytes,
        verified: result.verified,
        verifiedBy: result.verifiedBy,
      });
      jobs.delete(key);
      if (parentPath(path) === state().cwd) refreshSoon();
      return false;
    } catch (err) {
      const wire = wireErrorOf(err);
      if (job.abort.signal.aborted) {
        finish(key, { status: 'cancelled', error: wire });
        jobs.delete(key);
        return false;
      }
      // Anything after the first attempt continues from what the server holds.
      job.mode = 'resume';
      // A lost WebSocket is resumable too: the next upload-start waits in the socket's outbox
      // until the link is back, then the server's reply says where to continue.
      const resumable =
        wire.retryable === true ||
        wire.code === WebErrorCodes.DISCONNECTED ||
        (err instanceof UploadError && err.resumeFrom !== undefined);
      if (resumable && job.attempt <= AUTO_RESUMES) {
        batcher.patch(key, { status: 'queued', error: wire });
        await new Promise((r) => setTimeout(r, resumeDelay(job.attempt)));
        if (!job.abort.signal.aborted) return true;
        finish(key, { status: 'cancelled' });
        jobs.delete(key);
        return false;
      }
      finish(key, { status: 'failed', error: wire, canRetry: true });
      state().pushToast({ kind: 'error', title: `Upload of ${file.name} failed: ${describeError(wire)}` });
      return false;
    }
  };

  const pump = () => {
    while (running < concurrency && waiting.length > 0) {
      const job = waiting.shift() as Job;
      running += 1;
      void (async () => {
        try {
          while (await attempt(job));
        } finally {
          running -= 1;
          pump();
        }
      })();
    }
  };

  return {
    enqueue(files, dir) {
      const target = dir ?? state().cwd ?? '/';
      const added: Transfer[] = files.map((file) => ({
        key: `up-${++keySeq}`,
        direction: 'upload',
        name: file.name,
        path: joinPath(target, file.name),
        size: file.size,
        transferId: null,
        sent: 0,
        received: 0,
        written: 0,
        rate: 0,
        status: 'queued',
      }));
      state().addTransfers(added);
      added.forEach((t, i) => {
        const job: Job = { key: t.key, file: files[i] as UploadSource, path: t.path, abort: new AbortController(), mode: 'overwrite', attempt: 0 };
        jobs.set(t.key, job);
        waiting.push(job);
      });
      pump();
      return added.map((t) => t.key);
    },

    async enqueueTree(tree, dir) {
      const base = dir ?? state().cwd ?? '/';
      // Parents come first in `tree.dirs`, so each MKD has its parent already.
      for (const sub of tree.dirs) {
        try {
          await deps.request({ type: 'mkdir', path: joinPath(base, sub) });
        } catch {
          // Usually "already exists"; if it is worse, the uploads into it fail with the real reason.
        }
      }
      if (tree.dirs.length > 0 && base === state().cwd) refreshSoon();
      const keys: string[] = [];
      for (const [sub, files] of groupByDir(tree.files)) keys.push(...this.enqueue(files, sub ? joinPath(base, sub) : base));
      return keys;
    },

    cancel(key) {
      const job = jobs.get(key);
      if (!job) return;
      job.abort.abort();
      const idx = waiting.indexOf(job);
      if (idx >= 0) {
        waiting.splice(idx, 1);
        jobs.delete(key);
        finish(key, { status: 'cancelled' });
      }
    },

    retry(key) {
      const job = jobs.get(key);
      const t = state().transfers[key];
      if (!job || !t || t.status !== 'failed') return;
      job.abort = new AbortController();
      job.mode = 'resume';
      job.attempt = 0;
      batcher.patch(key, { status: 'queued', error: undefined, canRetry: false, finishedAt: undefined });
      batcher.flush();
      waiting.push(job);
      pump();
    },
  };
}
