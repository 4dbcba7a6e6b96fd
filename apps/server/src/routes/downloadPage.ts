/**
 * What the page that made a download link is told of one download through
 * it, from the browser's request to the download's end: a row that shows
 * as soon as the browser asks (waiting for a free transfer connection, or
 * for its paths to be looked up), its progress once it begins, how it ended,
 * and the page's Cancel, which works in every phase.
 */
import type { FastifyReply } from 'fastify';
import type { DownloadShown, DownloadTrack } from '../sessions/Downloads.ts';
import type { TicketGrant } from '../sessions/DownloadTickets.ts';
import type { Session } from '../sessions/Session.ts';
import { errorToWire } from '../sessions/toWire.ts';
import { zipFileName } from '../zip/zipRemote.ts';
import { abortOnClose, abortWhenClosed, fileNameOf } from './responseParts.ts';

/** What the page that made the link is told of one download through it. */
export interface ToPage {
  /** Why it failed (`download-failed`, and its row's `download-end`). */
  failed(err: unknown): void;
  /** The page is shown its progress (not for a link the page fetches itself). */
  readonly shows: boolean;
  /** The link's number (`TicketGrant.link`). */
  readonly link: number;
  /**
   * Aborted by the page's Cancel and by the server ending the session (with
   * a ServerError reason), until the response begins; the route also aborts
   * it when the browser goes away while it waits.
   */
  readonly waiting: AbortController;
  /**
   * The response begins: the abort and the track it runs with. A download
   * the page is shown has had its row since the browser asked; for it, this
   * is where the row's guesses become facts.
   */
  start(reply: FastifyReply, shown: DownloadShown | undefined): { abort: AbortController; track: DownloadTrack };
  /**
   * The request is over. A row whose response never began (refused, gone,
   * stopped) ends as a stop, unless a failure ended it already; one that
   * began is its transfer's to end.
   */
  endIfUnbegun(): void;
}

/** One download request, as the route knows it. */
export interface DownloadRequest {
  session: Session;
  grant: TicketGrant<Session>;
  method: string;
  /** `Range: bytes=N-`'s N, or null. */
  range: number | null;
  /** The browser's socket has closed: nothing to answer, nobody to tell. */
  gone(): boolean;
  /** Spends the link: the page stopped its download (see DownloadTickets.revokeOne). */
  revoke(): void;
}

/**
 * What a download is likely to be, before its paths are looked up: a path
 * ending in `/`, several paths or a forced ZIP come as a ZIP; one other path
 * as its file (it may still turn out to be a folder), from the Range's start.
 */
function guess(grant: TicketGrant<Session>, range: number | null): Omit<DownloadShown, 'link'> {
  const first = grant.paths[0] ?? '/';
  if (grant.zip || grant.paths.length > 1 || first.endsWith('/')) {
    const name = zipFileName(grant.paths.map((p) => ({ path: p.replace(/\/+$/, '') || '/', type: 'dir' as const })));
    return { name, path: first, zip: true, offset: 0, waiting: true };
  }
  return { name: fileNameOf(first), path: first, zip: false, ascii: grant.ascii, offset: grant.ascii ? 0 : (range ?? 0), waiting: true };
}

/** Starts telling the page about one download request (a row at once, for a GET the page will show). */
export function reportToPage(r: DownloadRequest): ToPage {
  const { session, grant } = r;
  const waiting = new AbortController();
  const shows = !grant.fetched;
  const early =
    r.method === 'GET' && shows && !grant.view ? session.transfers.downloads.track(waiting, { link: grant.link, ...guess(grant, r.range) }, r.revoke) : undefined;
  let begun = false;
  return {
    shows,
    link: grant.link,
    waiting,
    failed(err) {
      // A browser that went away stopped it itself: its row says so, and there is nobody to tell why.
      early?.end(r.gone() ? { ok: false, stopped: true } : { ok: false, error: errorToWire(err) });
      if (r.method !== 'GET' || grant.fetched || r.gone()) return;
      session.send({
        type: 'download-failed',
        paths: grant.paths,
        ...(grant.view ? { view: true as const } : {}),
        ...(early?.id !== undefined ? { downloadId: early.id } : {}),
        link: grant.link,
        error: errorToWire(err),
      });
    },
    start(reply, shown) {
      begun = true;
      if (!early || !shown) return abortOnClose(session, reply, shown, r.revoke);
      const abort = abortWhenClosed(reply);
      early.begin(shown, abort);
      return { abort, track: early };
    },
    endIfUnbegun() {
      if (!begun) early?.end({ ok: false, stopped: true });
    },
  };
}
