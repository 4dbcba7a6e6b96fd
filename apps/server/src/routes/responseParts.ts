/**
 * Pieces of a file response shared by downloads (download.ts) and views
 * (view.ts): the name a file is saved or shown as, the one Range form we
 * serve, and tying the FTP transfer to the HTTP response's life.
 */
import type { FastifyReply } from 'fastify';
import type { DownloadShown, DownloadTrack } from '../sessions/Downloads.ts';
import type { Session } from '../sessions/Session.ts';
import { ServerError } from '../sessions/toWire.ts';
import { baseName } from '../zip/entryName.ts';

/**
 * Characters that draw nothing or reorder a name (controls, bidi and other
 * format characters, separators), kept out of the name a file is saved as:
 * `invoice<RLO>fdp.exe` would show as `invoiceexe.pdf` in a file explorer.
 * Chromium cleans such names itself; other clients (curl -OJ) do not.
 */
const HIDDEN_IN_NAME = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * `attachment; filename*=UTF-8''…` with an ASCII fallback for old clients;
 * `inline` for a file a tab shows (View), whose name is kept for Save as.
 */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const saved = name.replace(HIDDEN_IN_NAME, '_');
  const ascii = saved.replace(/[^\x20-\x7e]|["\\]/g, '_');
  // Lone surrogates (undecodable names kept reversibly) would make encodeURIComponent throw.
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(Buffer.from(saved, 'utf8').toString('utf8'))}`;
}

/** The last segment of a remote path, for a file name; `download` for the root. */
export function fileNameOf(path: string): string {
  return baseName(path) || 'download';
}

/** Parses `bytes=N-` (the only form resumable downloads need); null otherwise. */
export function parseRangeStart(header: string | undefined): number | null {
  const m = header === undefined ? null : /^bytes=(\d+)-$/.exec(header.trim());
  return m?.[1] === undefined ? null : Number(m[1]);
}

/**
 * Ties a transfer's life to the HTTP response (the browser going away aborts
 * the FTP side) and registers it with the session's downloads; with `shown`,
 * the page is told of it (`download-progress`) from now on, and `onCancel`
 * runs if the page stops it.
 */
export function abortOnClose(session: Session, reply: FastifyReply, shown?: DownloadShown, onCancel?: () => void): { abort: AbortController; track: DownloadTrack } {
  const abort = abortWhenClosed(reply);
  return { abort, track: session.transfers.downloads.track(abort, shown, onCancel) };
}

/**
 * How a transfer whose abort may have fired ended. An abort with a
 * ServerError reason is the server's own (a closed session, a shutdown): a
 * failure, whose cause is that reason. One without is a stop (the browser
 * went away, or the page's Cancel), nothing to explain. No abort: `err`.
 */
export function whyEnded(signal: AbortSignal, err: unknown): { stopped: boolean; cause: unknown } {
  const byServer = signal.aborted && signal.reason instanceof ServerError;
  return { stopped: signal.aborted && !byServer, cause: byServer ? (signal.reason as ServerError) : err };
}

/** An abort that fires when the browser goes away before the response is whole. */
export function abortWhenClosed(reply: FastifyReply): AbortController {
  const abort = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) abort.abort();
  });
  return abort;
}

