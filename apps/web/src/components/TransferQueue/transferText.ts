/**
 * Pure helpers of the transfers panel: ETA, per-item status line and the
 * overall progress, so they can be tested without rendering.
 */
import { t, type MessageParams, type TranslatableKey } from '../../i18n/index.ts';
import { describeOpError } from '../../api/opErrors.ts';
import { headlineIsReplyHint, serverWords } from '../../lib/errorMessages.ts';
import { formatBytes, formatRate } from '../../lib/format.ts';
import { FINISHED, type Transfer } from '../../store/transfersSlice.ts';

/** A translatable message: key plus parameters. */
export interface Msg {
  key: TranslatableKey;
  params?: MessageParams;
}

/**
 * "45 s", "3 min 5 s", "2 h 7 min" in the page's language ("3 分 5 秒");
 * '' when unknown or absurd. Said in the language of the sentence it goes
 * into, which is translated: units left in English read as a foreign word.
 */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 99 * 3600) return '';
  const s = Math.ceil(seconds);
  if (s < 60) return t('eta.seconds', { s });
  if (s < 3600) return t('eta.minutes', { m: Math.floor(s / 60), s: s % 60 });
  return t('eta.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

/** Seconds left at the current rate, or NaN when nothing is moving. */
export function etaSeconds(t: Pick<Transfer, 'size' | 'written' | 'rate'>): number {
  return t.rate > 0 ? Math.max(0, t.size - t.written) / t.rate : Number.NaN;
}

/** The status line of one transfer. */
export function statusMessage(t: Transfer): Msg {
  switch (t.status) {
    case 'queued':
      if (t.direction === 'download') return { key: 'tq.downloadWaiting' };
      if (t.asking) return { key: 'tq.asking' };
      return t.error ? { key: 'tq.resuming', params: { reason: describeOpError(t.error) } } : { key: 'tq.queued' };
    case 'starting':
      return { key: 'tq.starting' };
    case 'sending': {
      if (t.direction === 'download') return receivingMessage(t);
      const params = {
        sent: formatBytes(Math.max(t.sent, t.received)),
        written: formatBytes(t.written),
        size: formatBytes(t.size),
        rate: formatRate(t.rate),
        eta: formatEta(etaSeconds(t)),
      };
      return { key: t.rate > 0 && params.eta ? 'tq.sendingRate' : 'tq.sending', params };
    }
    case 'finishing':
      // A download's bytes are all with the browser; the FTP server is hashing the file to compare.
      if (t.direction === 'download') return { key: 'tq.downloadVerifying', params: { how: checkName(t) } };
      return { key: 'tq.finishing' };
    case 'paused':
      return { key: 'tq.paused', params: { written: formatBytes(t.written), size: formatBytes(t.size) } };
    case 'done': {
      const how = checkName(t);
      // A download's check found no mismatch (that fails it): it says what it rested on, or nothing when there was none.
      if (t.direction === 'download') {
        const size = formatBytes(t.size);
        if (t.verified !== true) return { key: 'tq.downloaded', params: { size } };
        if (how !== 'size' && t.verifiedFrom !== undefined) return { key: 'tq.downloadedVerifiedTail', params: { size, how, from: formatBytes(t.verifiedFrom) } };
        return { key: 'tq.downloadedVerified', params: { size, how } };
      }
      if (typeof t.verified === 'string') return { key: 'tq.mismatch', params: { how, detail: t.verified } };
      if (t.verified === true && how !== 'size' && t.verifiedFrom !== undefined) {
        // A resume's hash covers only what this attempt sent: say so, not "verified" for the whole file.
        return { key: 'tq.verifiedTail', params: { size: formatBytes(t.size), how, from: formatBytes(t.verifiedFrom) } };
      }
      return { key: t.verified === true ? 'tq.verified' : 'tq.done', params: { size: formatBytes(t.size), how } };
    }
    case 'failed': {
      if (t.interrupted) return { key: 'tq.interrupted', params: { written: formatBytes(t.written), size: formatBytes(t.size) } };
      // A reload kept the row but not the file: why there is no Retry, and what to do instead.
      const lostFile = t.restored === true && t.direction === 'upload';
      if (!t.error) return { key: lostFile ? 'tq.failedRestored' : 'tq.failed' };
      // A reply code's general hint ("Permission denied or the file does not exist" for any 550)
      // may not be what happened: the server's own words go with it.
      const said = headlineIsReplyHint(t.error) ? serverWords(t.error) : undefined;
      const reason = describeOpError(t.error);
      if (said) return { key: lostFile ? 'tq.failedWhySaidRestored' : 'tq.failedWhySaid', params: { reason, said } };
      return { key: lostFile ? 'tq.failedWhyRestored' : 'tq.failedWhy', params: { reason } };
    }
    case 'cancelled':
      // What a cancel leaves on the server: FTP writes as it goes, so the bytes sent so far stay.
      if (t.direction === 'upload' && t.written > 0) {
        return { key: t.replaced ? 'tq.cancelledReplaced' : 'tq.cancelledPartial', params: { written: formatBytes(t.written) } };
      }
      if (t.direction === 'download') return downloadStopped(t);
      return { key: 'tq.cancelled' };
    case 'skipped':
      return { key: 'tq.skipped' };
  }
}

/** The check a row names: a hash's name (`MD5`), or `size`. */
function checkName(t: Transfer): string {
  return t.verifiedBy && t.verifiedBy !== 'size' ? t.verifiedBy.toUpperCase() : 'size';
}

/** A download that did not run to its end without failing: who stopped it, and where. */
function downloadStopped(t: Transfer): Msg {
  if (t.unheard) return { key: 'tq.downloadUnheard' };
  const params = { written: formatBytes(t.written), size: formatBytes(t.size) };
  // Stopped while it waited: "stopped at 0 B" would say it had begun.
  if (t.notBegun) return { key: t.error ? 'tq.downloadNotBegunSession' : t.stoppedByPage ? 'tq.downloadNotBegun' : 'tq.downloadNotBegunBrowser' };
  // Ended with the session's FTP connection (Close session, a Connect, a charset switch).
  if (t.error) return { key: t.sizeUnknown ? 'tq.downloadStoppedSessionAfter' : 'tq.downloadStoppedSession', params };
  if (!t.stoppedByPage) return { key: t.sizeUnknown ? 'tq.downloadStoppedBrowserAfter' : 'tq.downloadStoppedBrowser', params };
  return { key: t.sizeUnknown ? 'tq.downloadStoppedAfter' : 'tq.downloadStopped', params };
}

/** A running download: how far it is; one whose size is not known ahead (a ZIP), only how much came. */
function receivingMessage(t: Transfer): Msg {
  const params = { received: formatBytes(t.written), size: formatBytes(t.size), rate: formatRate(t.rate), eta: formatEta(etaSeconds(t)) };
  if (t.sizeUnknown && t.zip) return { key: t.rate > 0 ? 'tq.receivingZipRate' : 'tq.receivingZip', params };
  // An ASCII file (whose line ends change its size) or one the server gave no size for.
  if (t.sizeUnknown) return { key: t.rate > 0 ? 'tq.receivingSoFarRate' : 'tq.receivingSoFar', params };
  return { key: t.rate > 0 && params.eta ? 'tq.receivingRate' : 'tq.receiving', params };
}

/**
 * Bytes written and bytes in total over the transfers that are not cancelled
 * or skipped, and how fast they move. A ZIP being downloaded is left out of
 * the bytes: its size is not known until it ends, and counting what it has
 * reached as its size would show it, and the whole queue with it, as nearly
 * done. `rate` counts it (the header shows the speed of everything moving);
 * `sizedRate` does not, so a time left is the bytes left over their own speed.
 */
export function overallProgress(transfers: readonly (Transfer | undefined)[]): { written: number; total: number; rate: number; sizedRate: number } {
  let written = 0;
  let total = 0;
  let rate = 0;
  let sizedRate = 0;
  for (const t of transfers) {
    if (!t || t.status === 'cancelled' || t.status === 'skipped') continue;
    const moving = t.status === 'sending' ? t.rate : 0;
    rate += moving;
    if (t.sizeUnknown && !FINISHED.has(t.status)) continue;
    sizedRate += moving;
    total += t.size;
    written += t.status === 'done' ? t.size : Math.min(t.written, t.size);
  }
  return { written, total, rate, sizedRate };
}
