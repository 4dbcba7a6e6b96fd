/**
 * The upload queue: turns dropped or picked files into transfers, runs
 * them through the windowed uploader a few at a time, mirrors progress
 * into the store (batched), resumes retryable failures on its own, and
 * refreshes the listing when files land in the directory on screen
 * (throttled, see refreshThrottle.ts). One attempt, and how its ending
 * reads in the row, is uploadAttempt.ts.
 * Before a file's first attempt it asks what to do when the name exists
 * (see fileConflicts.ts); pause stops sending and cancels the STOR, and
 * resume starts again with `mode:'resume'` from what the server holds.
 */
import { groupByDir, type DroppedTree } from '../lib/droppedTree.ts';
import { baseName, joinPath, parentPath } from '../lib/remotePath.ts';
import type { TransferType } from '@ftpdeck/protocol';
import { selectSite } from '../store/selectors.ts';
import type { Transfer } from '../store/transfersSlice.ts';
import { ConflictBatch, createConflictResolver, dialogConflictResolver, type ConflictDecision, type ConflictJob, type FileConflict } from './fileConflicts.ts';
import { createPatchBatcher } from './patchBatcher.ts';
import type { OpsDeps } from './types.ts';
import type { BlobLike } from './uploader.ts';
import { failIfOtherSite, runAttempt, type AttemptContext, type UploadJob as Job } from './uploadAttempt.ts';
import { serverHoldsStartOf } from './resumeCheck.ts';
import { createRefreshThrottle } from './refreshThrottle.ts';
import { createTreeFolders } from './treeFolders.ts';
import { createDropReader } from './dropReading.ts';

/** A file to upload: a browser File, or anything with a name, size and slice. */
export interface UploadSource extends BlobLike {
  readonly name: string;
  /** Milliseconds since the epoch, as a browser File gives it; shown in the file-exists dialog. */
  readonly lastModified?: number;
}

/** The times a four-digit year can write: others come as `+010000-…` or `-000001-…`, which the protocol refuses. */
const FIRST_ISO_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_ISO_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * A file's time as the protocol takes it (ISO, years 0000 to 9999), when it
 * has one. A broken time (NTFS allows years up to 30828) is left out rather
 * than failing the upload.
 */
function timeOf(file: UploadSource): string | undefined {
  const ms = file.lastModified;
  if (ms === undefined || !Number.isFinite(ms) || ms < FIRST_ISO_MS || ms > LAST_ISO_MS) return undefined;
  return new Date(ms).toISOString();
}

/** Queue operations. */
export interface UploadOps {
  /** Queues files for upload into `dir` (default: the directory on screen). Returns their transfer keys. */
  enqueue(files: readonly UploadSource[], dir?: string): string[];
  /** Cancels a queued or running upload. */
  cancel(key: string): void;
  /** Queues a failed upload again, resuming where the server stopped. */
  retry(key: string): void;
  /** Stops sending a queued or running upload; the server keeps what it has. */
  pause(key: string): void;
  /** Continues a paused upload from what the server holds. */
  resume(key: string): void;
  /** Creates a dropped folder tree under `dir` (default: on screen), then queues its files. */
  enqueueTree(tree: DroppedTree, dir?: string): Promise<string[]>;
  /** Reads a drop's folder entries into a tree (see dropReading.ts), then does {@link enqueueTree}. */
  enqueueDrop(snapshot: { entries: FileSystemEntry[]; files: File[] }, dir?: string): Promise<string[]>;
  /**
   * Writes `file` to exactly `path`, byte for byte (binary), replacing what is
   * there without asking: the editor's Save, which has asked already. It runs
   * in the queue like any upload (progress, verification, automatic resume);
   * the promise settles with its row once it is done, failed or cancelled.
   */
  put(file: UploadSource, path: string): Promise<PutOutcome>;
}

/** How a {@link UploadOps.put} ended: its transfer row's final fields. */
export type PutOutcome = Pick<Transfer, 'status' | 'error' | 'verified' | 'verifiedBy'>;

/** Uploads run at the same time. The relay handles more; two keep a slow link responsive. */
export const UPLOAD_CONCURRENCY = 2;
export { AUTO_RESUMES } from './uploadAttempt.ts';

/** Tunables, overridable in tests. */
export interface UploadQueueOptions {
  concurrency?: number;
  /** Delay before automatic resume number `n` (1-based), ms. */
  resumeDelay?: (n: number) => number;
  /** Asks the user about an existing name; default: the file-exists dialog. */
  askConflict?: (conflict: FileConflict) => Promise<ConflictDecision>;
  /** Shortest time between two re-listings of the folder on screen, ms (default REFRESH_GAP_MS). */
  refreshGapMs?: number;
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
  const resolveConflict = options.askConflict ? createConflictResolver(options.askConflict) : dialogConflictResolver(store);

  // A drop of many small files finishes one every few ms: re-list about once a second, not per file.
  // A listing due after the user moved on would re-list another folder for nothing: skip it.
  let refreshDir: string | null = null;
  const throttle = createRefreshThrottle(() => (state().cwd === refreshDir ? refresh() : Promise.resolve()), options.refreshGapMs);
  const refreshFolder = (dir: string, urgent = false) => {
    refreshDir = dir;
    throttle.request(urgent);
  };

  /**
   * Re-lists when `path` is in the folder on screen. Also after a pause, a cancel
   * or a failure, `urgent` (without the throttle's gap): the server may keep the part
   * it got, and a listing that hides it would make the next upload of the file
   * start from 0 instead of offering Resume.
   */
  const refreshIfShown = (path: string, urgent = false) => {
    const dir = parentPath(path);
    if (dir === state().cwd) refreshFolder(dir, urgent);
  };

  /** Callers of put() waiting for their row to end. */
  const settledWaiters = new Map<string, (outcome: PutOutcome) => void>();
  const finish = (key: string, patch: Partial<Transfer>) => {
    batcher.patch(key, { ...patch, finishedAt: Date.now() });
    // A failure or a cancel shows at once. A success or a skip waits for the batcher's next
    // write, a fraction of a second: a drop of small files or "skip all" settles thousands
    // in a row, and each write copies the transfer table (Review 23). Except the last one:
    // until it shows, closing the session or the tab would ask whether to stop an upload
    // that has ended (Review 26).
    const quiet = patch.status === 'skipped' || patch.status === 'done';
    const last = waiting.length === 0 && running <= 1;
    if (!quiet || last) batcher.flush();
    const waiter = settledWaiters.get(key);
    if (waiter && patch.status !== undefined) {
      settledWaiters.delete(key);
      waiter({ status: patch.status, error: patch.error, verified: patch.verified, verifiedBy: patch.verifiedBy });
    }
  };

  const attemptContext: AttemptContext = { uploadChannel, store, batcher, finish, refreshIfShown, resumeDelay, forget: (key) => jobs.delete(key) };
  const attempt = (job: Job): Promise<boolean> => runAttempt(job, attemptContext);

  /** Settles a name conflict before the first attempt; false when the job is skipped or cancelled. */
  const settle = async (job: Job): Promise<boolean> => {
    const batch = job.batch;
    if (!batch) return true;
    const modified = timeOf(job.file);
    const asked: ConflictJob = {
      path: job.path,
      size: job.file.size,
      // Auto decides later; only a fixed ASCII choice is known to rule out resuming here.
      ascii: job.transferType === 'ascii' && !job.sniff,
      ...(modified !== undefined ? { modified } : {}),
      holdsStart: (remoteSize) => serverHoldsStartOf(deps.request, job.path, job.file, remoteSize),
      aborted: () => job.abort.signal.aborted,
      asking: (on) => {
        batcher.patch(job.key, { asking: on });
        batcher.flush();
      },
    };
    try {
      const r = await resolveConflict(batch, asked);
      if (r.action === 'aborted') return false;
      if (r.action === 'skip') {
        finish(job.key, { status: 'skipped' });
        jobs.delete(job.key);
        return false;
      }
      job.mode = r.mode;
      if (r.replaces) batcher.patch(job.key, { replaced: true });
      if (r.path !== job.path) {
        job.path = r.path;
        batcher.patch(job.key, { name: baseName(r.path), path: r.path });
      }
      return true;
    } finally {
      job.batch = null;
      batch.done(asked);
    }
  };

  const pump = () => {
    while (running < concurrency && waiting.length > 0) {
      const job = waiting.shift() as Job;
      running += 1;
      void (async () => {
        try {
          // Before the name check too: it would list, and ask about, a file on the other server.
          if (failIfOtherSite(job.key, attemptContext)) {
            batcher.flush();
            return;
          }
          if (!(await settle(job))) {
            // Paused or cancelled while waiting for an answer (skips are already finished).
            if (jobs.has(job.key) && job.pausing) batcher.patch(job.key, { status: 'paused' });
            else if (jobs.has(job.key)) {
              finish(job.key, { status: 'cancelled' });
              jobs.delete(job.key);
            }
            batcher.flush();
            return;
          }
          while (await attempt(job));
        } finally {
          running -= 1;
          pump();
        }
      })();
    }
  };

  /**
   * Queues files, each into its folder, in one store update: a dropped tree of
   * 20 000 files in 500 folders used to copy the growing transfer table once per
   * folder (Review 23: a 10 s freeze). With no batch, nothing asks about existing
   * names; `put` fixes the transfer type and leaves failures to its caller.
   */
  const enqueueAll = (
    items: readonly { file: UploadSource; target: string }[],
    batch: ConflictBatch | null,
    put?: { type: TransferType; quiet: true },
  ): string[] => {
    const pref = put?.type ?? state().transferTypePref;
    // A put (the editor's save) is a new version, not a copy of a local file: its time is the save's.
    const keepTimes = !put && state().keepTimes;
    const files = items.map((item) => item.file);
    const site = selectSite(state());
    const added: Transfer[] = items.map(({ file, target }) => ({
      key: `up-${++keySeq}`,
      direction: 'upload',
      name: file.name,
      path: joinPath(target, file.name),
      ...(site ? { site } : {}),
      size: file.size,
      // Auto is settled when the upload starts, from the file's first bytes; until then it is shown as binary.
      transferType: pref === 'auto' ? 'binary' : pref,
      transferId: null,
      sent: 0,
      received: 0,
      written: 0,
      rate: 0,
      status: 'queued',
    }));
    state().addTransfers(added);
    if (batch) batch.pending += added.length;
    added.forEach((t, i) => {
      const file = files[i] as UploadSource;
      const modified = keepTimes ? timeOf(file) : undefined;
      const job: Job = {
        key: t.key,
        file,
        path: t.path,
        abort: new AbortController(),
        mode: 'overwrite',
        transferType: t.transferType,
        sniff: pref === 'auto',
        attempt: 0,
        batch,
        pausing: false,
        ...(put ? { quiet: true } : {}),
        ...(modified !== undefined ? { modified } : {}),
      };
      jobs.set(t.key, job);
      waiting.push(job);
    });
    pump();
    return added.map((t) => t.key);
  };

  const treeFolders = createTreeFolders(deps, resumeDelay);
  const dropReader = createDropReader(deps.store);

  const enqueueTree = async (tree: DroppedTree, dir?: string): Promise<string[]> => {
    const base = dir ?? state().cwd ?? '/';
    // Parents first, one tree at a time (see treeFolders.ts).
    await treeFolders.make(base, tree.dirs);
    if (tree.dirs.length > 0 && base === state().cwd) refreshFolder(base);
    const items: { file: UploadSource; target: string }[] = [];
    for (const [sub, files] of groupByDir(tree.files)) {
      const target = sub ? joinPath(base, sub) : base;
      for (const file of files) items.push({ file, target });
    }
    // One batch for the whole tree, so "apply to all" covers every folder in it.
    return enqueueAll(items, new ConflictBatch(deps.request, store));
  };

  return {
    enqueue(files, dir) {
      const target = dir ?? state().cwd ?? '/';
      return enqueueAll(
        files.map((file) => ({ file, target })),
        new ConflictBatch(deps.request, store),
      );
    },

    enqueueTree,

    async enqueueDrop(snapshot, dir) {
      return enqueueTree(await dropReader.read(snapshot), dir);
    },

    put(file, path) {
      // The row and the STOR take the name from the path, whatever the source is called.
      const name = baseName(path);
      const source: UploadSource = file.name === name ? file : { name, size: file.size, slice: (start, end) => file.slice(start, end) };
      const [key] = enqueueAll([{ file: source, target: parentPath(path) }], null, { type: 'binary', quiet: true });
      return new Promise((resolve) => settledWaiters.set(key as string, resolve));
    },

    cancel(key) {
      const job = jobs.get(key);
      if (!job) return;
      job.pausing = false;
      job.abort.abort();
      const idx = waiting.indexOf(job);
      const paused = state().transfers[key]?.status === 'paused';
      if (idx >= 0 || paused) {
        if (idx >= 0) waiting.splice(idx, 1);
        if (job.batch) job.batch.pending -= 1;
        job.batch = null;
        jobs.delete(key);
        finish(key, { status: 'cancelled' });
        // A paused upload left its first part on the server.
        if (paused) refreshIfShown(job.path, true);
      }
    },

    retry(key) {
      const job = jobs.get(key);
      const t = state().transfers[key];
      // Another site's job is refused where every attempt is (failIfOtherSite), and fails again at once.
      if (!job || !t || t.status !== 'failed') return;
      if (job.failureToast !== undefined) state().dismissToast(job.failureToast);
      job.failureToast = undefined;
      job.abort = new AbortController();
      job.mode = 'resume';
      job.attempt = 0;
      batcher.patch(key, { status: 'queued', error: undefined, canRetry: false, finishedAt: undefined });
      batcher.flush();
      waiting.push(job);
      pump();
    },

    pause(key) {
      const job = jobs.get(key);
      const t = state().transfers[key];
      // Once every byte is sent the server is finishing; a pause then would only lose the ending.
      if (!job || !t || t.status === 'paused' || t.status === 'failed' || t.status === 'finishing') return;
      const idx = waiting.indexOf(job);
      if (idx >= 0) {
        waiting.splice(idx, 1);
        batcher.patch(key, { status: 'paused', rate: 0 });
        batcher.flush();
        return;
      }
      job.pausing = true;
      job.abort.abort();
    },

    resume(key) {
      const job = jobs.get(key);
      if (!job || state().transfers[key]?.status !== 'paused') return;
      job.pausing = false;
      job.abort = new AbortController();
      // A job paused before it ever started still has its overwrite/conflict decision to make.
      if (job.attempt > 0) job.mode = 'resume';
      job.attempt = 0;
      batcher.patch(key, { status: 'queued', error: undefined });
      batcher.flush();
      waiting.push(job);
      pump();
    },
  };
}
