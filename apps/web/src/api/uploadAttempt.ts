/**
 * One attempt of a queued upload: sends the file through the windowed
 * uploader, mirrors its progress into the row, and decides from how it
 * ended what the row says next: done, paused, cancelled, queued again for
 * an automatic resume, or failed (with a toast unless its caller reports
 * failures itself). The queue (uploadQueue.ts) decides when attempts run.
 */
import type { StoreApi } from 'zustand';
import { ServerErrorCodes, type TransferType } from '@ftpdeck/protocol';
import { getLanguage, translator } from '../i18n/index.ts';
import { WebErrorCodes, errorDetail, wireErrorOf } from '../lib/errorMessages.ts';
import { autoUploadType } from '../lib/transferType.ts';
import { fromOtherSite, selectSite } from '../store/selectors.ts';
import type { AppState } from '../store/types.ts';
import type { Transfer } from '../store/transfersSlice.ts';
import type { ConflictBatch } from './fileConflicts.ts';
import { describeOpError } from './opErrors.ts';
import type { PatchBatcher } from './patchBatcher.ts';
import type { OpsDeps } from './types.ts';
import { UploadError, uploadBlob, type UploadMode } from './uploader.ts';
import type { UploadSource } from './uploadQueue.ts';

/** Automatic resumes after a retryable failure (dropped connection, 421…). */
export const AUTO_RESUMES = 3;

/** One queued file and where its upload stands; shared by the queue and its attempts. */
export interface UploadJob {
  key: string;
  file: UploadSource;
  path: string;
  abort: AbortController;
  mode: UploadMode;
  transferType: TransferType;
  /** Auto: decide the type from the file's first bytes when the first attempt starts (lib/transferType.ts). */
  sniff: boolean;
  attempt: number;
  /** The batch it came in with; null once its name conflict (if any) is settled. */
  batch: ConflictBatch | null;
  /** Set while a pause aborts the running attempt. */
  pausing: boolean;
  /** The error toast of its last failure, closed when it is retried (the row then says how it went). */
  failureToast?: number;
  /** Its caller shows failures itself (put: the editor), so no toast. */
  quiet?: boolean;
  /** The local file's time (ISO), for the server to give the uploaded file: set when the user keeps times. */
  modified?: string;
}

/** What an attempt needs from its queue. */
export interface AttemptContext {
  uploadChannel: OpsDeps['uploadChannel'];
  store: StoreApi<AppState>;
  batcher: PatchBatcher<Partial<Transfer>>;
  /** Writes a row's final fields (and tells a waiting put() how it ended). */
  finish(key: string, patch: Partial<Transfer>): void;
  /** Re-lists the folder on screen if `path` is in it; `urgent` skips the throttle's gap. */
  refreshIfShown(path: string, urgent?: boolean): void;
  /** Delay before automatic resume number `n` (1-based), ms. */
  resumeDelay(n: number): number;
  /** Drops a job that has ended for good from the queue's table. */
  forget(key: string): void;
}

/**
 * Ends upload `key` as failed, its file kept for Retry, when the tab is now
 * connected to another site than the one the upload began with: the same
 * path there is another file (Review 46). True when it did. The queue asks
 * before a job's first attempt and before each attempt.
 */
export function failIfOtherSite(key: string, ctx: Pick<AttemptContext, 'store' | 'finish'>): boolean {
  const state = ctx.store.getState();
  const row = state.transfers[key];
  const site = selectSite(state);
  if (!row || !fromOtherSite(row, site)) return false;
  ctx.finish(key, { status: 'failed', error: { code: WebErrorCodes.OTHER_SITE, message: `the tab is connected to ${site ?? ''}, not ${row.site ?? ''}` }, canRetry: true });
  return true;
}

/**
 * Runs one attempt of `job`: sends the file, then writes how it ended into
 * its row. Returns true when the job should run again at once (an
 * automatic resume after a retryable failure, its delay already waited).
 */
export async function runAttempt(job: UploadJob, ctx: AttemptContext): Promise<boolean> {
  const { batcher, finish, refreshIfShown, resumeDelay, forget } = ctx;
  const state = () => ctx.store.getState();
  const { key, file, path } = job;
  if (job.sniff) {
    job.sniff = false;
    job.transferType = await autoUploadType(file.name, file);
    batcher.patch(key, { transferType: job.transferType });
  }
  // Every attempt, the automatic resumes included: the tab may have been connected elsewhere since the last.
  if (failIfOtherSite(key, ctx)) return false;
  job.attempt += 1;
  batcher.patch(key, { status: 'starting', startedAt: Date.now(), attempt: job.attempt, canRetry: false });
  try {
    const result = await uploadBlob(file, path, ctx.uploadChannel, {
      signal: job.abort.signal,
      mode: job.mode,
      transferType: job.transferType,
      ...(job.modified !== undefined ? { modified: job.modified } : {}),
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
      verifiedFrom: result.verifiedFrom,
      timeKept: result.timeKept,
    });
    forget(key);
    refreshIfShown(path);
    return false;
  } catch (err) {
    const wire = wireErrorOf(err);
    // What the server said it kept, when it could (the last progress event may be far behind).
    const kept = err instanceof UploadError && err.resumeFrom !== undefined ? { written: err.resumeFrom } : {};
    if (job.abort.signal.aborted && job.pausing) {
      // Paused: keep the job; resume() queues it again in resume mode. The part the server
      // kept shows in the list, as after a cancel (Review 27).
      job.mode = 'resume';
      batcher.patch(key, { status: 'paused', rate: 0, ...kept });
      batcher.flush();
      refreshIfShown(path, true);
      return false;
    }
    if (job.abort.signal.aborted) {
      finish(key, { status: 'cancelled', error: wire, ...kept });
      forget(key);
      refreshIfShown(path, true);
      return false;
    }
    // Anything after the first attempt continues from what the server holds.
    job.mode = 'resume';
    // A lost WebSocket is resumable too: the next upload-start waits in the socket's outbox
    // until the link is back, then the server's reply says where to continue.
    const resumable =
      wire.retryable === true ||
      wire.code === WebErrorCodes.DISCONNECTED ||
      (err instanceof UploadError && err.resumeFrom !== undefined && wire.code !== ServerErrorCodes.CANCELLED);
    if (resumable && job.attempt <= AUTO_RESUMES) {
      batcher.patch(key, { status: 'queued', error: wire });
      await new Promise((r) => setTimeout(r, resumeDelay(job.attempt)));
      if (!job.abort.signal.aborted) return true;
      if (job.pausing) {
        batcher.patch(key, { status: 'paused', rate: 0 });
        batcher.flush();
        return false;
      }
      finish(key, { status: 'cancelled' });
      forget(key);
      refreshIfShown(path, true);
      return false;
    }
    finish(key, { status: 'failed', error: wire, canRetry: true });
    refreshIfShown(path, true);
    if (job.quiet) return false;
    job.failureToast = state().pushToast({
      kind: 'error',
      title: translator(getLanguage())('tq.uploadFailed', { name: file.name, reason: describeOpError(wire) }),
      detail: errorDetail(wire),
    });
    return false;
  }
}
