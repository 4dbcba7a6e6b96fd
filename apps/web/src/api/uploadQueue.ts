/**
 * The upload queue: turns dropped or picked files into transfers, runs
 * them through the windowed uploader a few at a time, mirrors progress
 * into the store (batched), and refreshes the listing when a file lands in
 * the directory on screen.
 */
import { describeError, wireErrorOf } from '../lib/errorMessages.ts';
import { joinPath, parentPath } from '../lib/remotePath.ts';
import type { Transfer } from '../store/transfersSlice.ts';
import { createPatchBatcher } from './patchBatcher.ts';
import type { OpsDeps } from './types.ts';
import { uploadBlob, type BlobLike } from './uploader.ts';

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
}

/** Uploads run at the same time. The relay handles more; one keeps a slow link responsive. */
export const UPLOAD_CONCURRENCY = 2;

interface Job {
  key: string;
  file: UploadSource;
  path: string;
  abort: AbortController;
}

let keySeq = 0;

/** Builds the upload queue. `refresh` re-lists the current directory. */
export function createUploadQueue(deps: OpsDeps, refresh: () => Promise<void>, concurrency = UPLOAD_CONCURRENCY): UploadOps {
  const { store, uploadChannel } = deps;
  const state = () => store.getState();
  const batcher = createPatchBatcher<Partial<Transfer>>((p) => state().patchTransfers(p));
  const waiting: Job[] = [];
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

  const run = async (job: Job) => {
    const { key, file, path } = job;
    batcher.patch(key, { status: 'starting', startedAt: Date.now() });
    try {
      const result = await uploadBlob(file, path, uploadChannel, {
        signal: job.abort.signal,
        onStart: (transferId, offset) => batcher.patch(key, { transferId, sent: offset, status: 'sending' }),
        onSent: (sent) => batcher.patch(key, sent >= file.size ? { sent, status: 'finishing' } : { sent }),
        onProgress: (received, written, rate) => batcher.patch(key, { received, written, rate }),
      });
      finish(key, {
        status: 'done',
        sent: file.size,
        received: result.bytes,
        written: result.bytes,
        ...(result.verified !== undefined ? { verified: result.verified } : {}),
      });
      if (parentPath(path) === state().cwd) refreshSoon();
    } catch (err) {
      const wire = wireErrorOf(err);
      const wasCancelled = job.abort.signal.aborted;
      finish(key, { status: wasCancelled ? 'cancelled' : 'failed', error: wire });
      if (!wasCancelled) state().pushToast({ kind: 'error', title: `Upload of ${file.name} failed: ${describeError(wire)}` });
    }
  };

  const pump = () => {
    while (running < concurrency && waiting.length > 0) {
      const job = waiting.shift() as Job;
      running += 1;
      void run(job).finally(() => {
        running -= 1;
        jobs.delete(job.key);
        pump();
      });
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
        const job: Job = { key: t.key, file: files[i] as UploadSource, path: t.path, abort: new AbortController() };
        jobs.set(t.key, job);
        waiting.push(job);
      });
      pump();
      return added.map((t) => t.key);
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
  };
}
