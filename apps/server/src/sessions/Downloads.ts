/**
 * The downloads of one session: HTTP responses (routes/download.ts) that
 * stream from a pooled FTP connection. They are kept here so that shutdown
 * and disconnect can abort them and the idle sweep leaves their session
 * alone, and so that the page can show them.
 *
 * The browser's own download bar shows a download too, but it cannot say
 * which FTP connection moves it or why it failed, and nothing there can
 * stop the RETR. So a download the page started (not a View, not a link the
 * page fetches itself) is reported over the socket: `download-progress` as
 * the browser asks for it (waiting: a connection, its paths' lookup), as its
 * body starts and then at most 10 a second, one `download-end`, and
 * `download-cancel` stops it, waiting or running.
 */
import type { ServerMessage, VerifiedBy, WireError } from '@ftpdeck/protocol';
import { PROGRESS_INTERVAL_MS } from './progressInterval.ts';

/** How often moving bytes count as the session's activity. */
const TOUCH_EVERY_MS = 1000;

/** What the page is shown of one download: a guess while it waits (`waiting`), facts once it begins. */
export interface DownloadShown {
  /** The link it came through (`TicketGrant.link`). */
  link: number;
  /** What the browser saves it as: the file's name, or the ZIP's. */
  name: string;
  /** The remote file, or a ZIP's first path. */
  path: string;
  /** A streamed ZIP, whose size is not known ahead. */
  zip: boolean;
  /** A single file in ASCII mode (TYPE A). */
  ascii?: boolean;
  /** The pool connection moving the bytes. */
  connection?: string;
  /** Where in the file the response starts (Range); 0 otherwise. */
  offset: number;
  /** The file's size, when known. */
  total?: number;
  /**
   * Not begun: it waits for a free transfer connection, or its paths are
   * being looked up. Name and kind are a guess until it begins (a path may
   * turn out to be a folder, and come as a ZIP).
   */
  waiting?: boolean;
}

/**
 * How a download ended, as {@link DownloadTrack.end} is told: `stopped` when
 * the browser went away or the page stopped it (Downloads knows which),
 * `error` for everything else, the server's own aborts included.
 */
export type DownloadOutcome = ({ ok: true } & DownloadChecked) | { ok: false; stopped: true } | { ok: false; error: WireError };

/** What a successful download's check found (verify.ts), as `download-end` carries it. */
export interface DownloadChecked {
  verified?: true;
  verifiedBy?: VerifiedBy;
  verifiedFrom?: number;
}

/** One running download, as the route holds it. */
export interface DownloadTrack {
  /** The id its events carry; undefined when the page is not shown this download. */
  readonly id: number | undefined;
  /**
   * A waiting download begins: what the page is shown from now on, and the
   * abort of its response (the one `download-cancel` fires from now on).
   */
  begin(shown: DownloadShown, abort: AbortController): void;
  /**
   * The position reached: file bytes including the offset, or archive bytes.
   * Cheap to call per chunk: it sends at most one event per 100 ms, and
   * counts as the session's activity at most once a second.
   */
  progress(bytes: number): void;
  /** Every byte is out, and the FTP server is asked for its `by` hash: the page says so until the end. */
  verifying(by: VerifiedBy): void;
  /** Ends it once (later calls do nothing): unregisters it, restarts the idle clock, tells the page. */
  end(outcome: DownloadOutcome): void;
}

/** A check's fields, only those present (the protocol's optional fields are never sent as undefined). */
function checked(c: DownloadChecked): DownloadChecked {
  return {
    ...(c.verified ? { verified: c.verified } : {}),
    ...(c.verifiedBy ? { verifiedBy: c.verifiedBy } : {}),
    ...(c.verifiedFrom !== undefined ? { verifiedFrom: c.verifiedFrom } : {}),
  };
}

/** A running download the page is shown: how to stop it, and how to send its progress again. */
interface ShownDownload {
  onCancel?: () => void;
  /** Stopped by the page's `download-cancel`, not by the browser. */
  byPage?: boolean;
  resend: () => void;
}

/** What Downloads needs of its session. */
export interface DownloadsHost {
  send(msg: ServerMessage): void;
  /** A transfer's end counts as activity: an idle timeout runs from there, not from the request that began hours ago. */
  touch(): void;
}

/** The running downloads of one session. */
export class Downloads {
  readonly #host: DownloadsHost;
  readonly #running = new Map<number, AbortController>();
  /** The running downloads the page is shown. */
  readonly #shown = new Map<number, ShownDownload>();
  #nextId = 1;

  constructor(host: DownloadsHost) {
    this.#host = host;
  }

  /** Downloads running now. */
  get count(): number {
    return this.#running.size;
  }

  /**
   * Ids of the running downloads the page is shown, for `welcome`: a page
   * whose socket dropped meanwhile learns which of its rows ended unheard.
   */
  get shownIds(): number[] {
    return [...this.#shown.keys()];
  }

  /** Sends every shown download's progress now: for a page that just attached. */
  replay(): void {
    for (const shown of this.#shown.values()) shown.resend();
  }

  /**
   * Registers a download: one about to stream, or (with `shown.waiting`) one
   * that waits for a connection and its paths' lookup, until `begin`. With `shown`,
   * the page hears of it at once (its first `download-progress`, at
   * `offset`) and until it ends. `onCancel` runs when the page stops it.
   */
  track(abort: AbortController, first?: DownloadShown, onCancel?: () => void): DownloadTrack {
    const id = this.#nextId++;
    this.#running.set(id, abort);
    const host = this.#host;
    let shown = first;
    let bytes = shown?.offset ?? 0;
    let ended = false;
    // The rate is measured here rather than taken from the engine, so a ZIP
    // (many RETRs into one archive) and a single file get the same figure.
    let lastAt = Date.now();
    let lastBytes = bytes;
    let rate = 0;
    let lastTouch = lastAt;
    let verifying: VerifiedBy | undefined;
    const emit = (): void => {
      if (!shown) return;
      host.send({
        type: 'download-progress',
        downloadId: id,
        link: shown.link,
        name: shown.name,
        path: shown.path,
        ...(shown.zip ? { zip: true as const } : {}),
        ...(shown.ascii ? { ascii: true as const } : {}),
        ...(shown.waiting ? { waiting: true as const } : {}),
        ...(shown.connection ? { connection: shown.connection } : {}),
        offset: shown.offset,
        bytes,
        ...(shown.total !== undefined ? { total: shown.total } : {}),
        rate: Math.round(rate),
        ...(verifying ? { verifying } : {}),
      });
    };
    const measure = (now: number): void => {
      const dt = (now - lastAt) / 1000;
      if (dt > 0) {
        const instant = (bytes - lastBytes) / dt;
        rate = rate === 0 ? instant : rate * 0.7 + instant * 0.3;
      }
      lastAt = now;
      lastBytes = bytes;
    };
    const entry: ShownDownload = { resend: emit, ...(onCancel ? { onCancel } : {}) };
    if (shown) this.#shown.set(id, entry);
    emit();
    return {
      id: shown ? id : undefined,
      begin: (next, nextAbort) => {
        // A response must not stream on a track that ended: no Cancel, abortAll or idle sweep would see it.
        if (ended) throw new Error('a download that has ended cannot begin');
        this.#running.set(id, nextAbort);
        if (!shown) return;
        shown = next;
        bytes = next.offset;
        lastBytes = bytes;
        lastAt = Date.now();
        rate = 0;
        emit();
      },
      progress(position) {
        bytes = position;
        if (ended) return;
        const now = Date.now();
        // Bytes moving are activity: a session no tab holds lingers while they do (SessionManager.release).
        if (now - lastTouch >= TOUCH_EVERY_MS) {
          lastTouch = now;
          host.touch();
        }
        if (!shown || now - lastAt < PROGRESS_INTERVAL_MS) return;
        measure(now);
        emit();
      },
      verifying(by) {
        if (ended) return;
        verifying = by;
        rate = 0;
        emit();
      },
      end: (outcome) => {
        if (ended) return;
        ended = true;
        this.#running.delete(id);
        this.#shown.delete(id);
        host.touch();
        if (!shown) return;
        host.send({
          type: 'download-end',
          downloadId: id,
          ok: outcome.ok,
          bytes,
          ...('stopped' in outcome ? { stopped: entry.byPage ? ('page' as const) : ('browser' as const) } : {}),
          ...('error' in outcome ? { error: outcome.error } : {}),
          ...(outcome.ok ? checked(outcome) : {}),
        });
      },
    };
  }

  /**
   * Stops download `id` (the page's Stop): false when no download the page
   * is shown has that id. Views and links the page fetches itself are not
   * the page's to stop this way.
   */
  cancel(id: number): boolean {
    const shown = this.#shown.get(id);
    if (!shown) return false;
    shown.byPage = true;
    shown.onCancel?.();
    // No reason: a stop, not a failure (routes/download.ts tells them apart by it).
    this.#running.get(id)?.abort();
    return true;
  }

  /**
   * Aborts every running download (disconnect, shutdown). With a
   * ServerError `reason`, each ends as failed with it, not as stopped.
   */
  abortAll(reason?: unknown): void {
    for (const abort of this.#running.values()) abort.abort(reason);
  }
}
