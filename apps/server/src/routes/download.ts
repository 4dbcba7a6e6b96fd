/**
 * GET /api/download/:ticket streams remote files into the browser's own
 * download. The ticket (minted by the `download-link` request) names the
 * session and the paths; the session token never appears in a URL.
 *
 * - One file: bytes flow from the FTP data connection straight into the
 *   response with backpressure; `Range: bytes=N-` maps to REST N (206).
 * - Folders, several paths, or `zip: true`: a streamed ZIP (zip/), built
 *   while the files are read, so memory stays flat whatever the size.
 * - `view`: one file inline, typed by its name and sandboxed (VIEW_CSP),
 *   for a browser tab to show.
 *
 * The old `/api/download?session=…` route is gone: it put the session token
 * (which attaches to the whole session) into URLs, history and logs.
 */
import type { ServerResponse } from 'node:http';
import { finished } from 'node:stream/promises';
import { FtpError, FtpErrorCodes, type FtpClient } from '@ftpdeck/ftp-engine';
import { ServerErrorCodes, viewableType, type Viewable } from '@ftpdeck/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConnectionPool } from '../sessions/ConnectionPool.ts';
import type { DownloadChecked, DownloadTrack } from '../sessions/Downloads.ts';
import type { Session } from '../sessions/Session.ts';
import type { SessionManager } from '../sessions/SessionManager.ts';
import { ServerError, errorToWire } from '../sessions/toWire.ts';
import { ZipWriter } from '../zip/ZipWriter.ts';
import { checkDownload, downloadHash } from './downloadCheck.ts';
import { reportToPage, type ToPage } from './downloadPage.ts';
import { contentDisposition, fileNameOf, parseRangeStart, whyEnded } from './responseParts.ts';
import { addFileTimes, classify } from './downloadLookup.ts';
import { notViewable, sendText, viewCsp, viewErrorText, type Refuse } from './view.ts';
import { zipFileName, zipRemote, type ZipItem } from '../zip/zipRemote.ts';

/** Entries one ZIP may hold (ZIP64 allows more; memory for the central directory does not). */
const MAX_ZIP_ENTRIES = 1_000_000;

/**
 * Takes the response over from Fastify, so the engine can write straight into
 * the socket-backed `http.ServerResponse` (no stream stage, and with
 * `reuseBuffers` no copy). After `hijack()` Fastify sends nothing itself and
 * its onSend hooks do not run, so the status and the headers set on `reply`
 * so far (the security plugin's among them) are put on the raw response
 * here. Nothing is written yet: the first body write sends them.
 */
export function hijackResponse(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const res = reply.raw;
  res.statusCode = reply.statusCode;
  for (const [k, v] of Object.entries(reply.getHeaders())) {
    if (v !== undefined) res.setHeader(k, v);
  }
  return res;
}

/**
 * Ends a hijacked response after a failure: a JSON error while no byte has
 * gone out (the browser gets a status it can show), else a cut connection,
 * the only honest signal once the headers promised a body.
 */
function failResponse(res: ServerResponse, err: unknown, view: boolean): void {
  if (!res.headersSent && !res.destroyed) {
    // A View's tab shows the error itself: words, as routes/view.ts's refusals give.
    const body = view ? viewErrorText(err) : JSON.stringify(errorToWire(err));
    res.statusCode = 502;
    res.removeHeader('content-disposition');
    res.removeHeader('content-range');
    res.setHeader('content-type', view ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
    res.setHeader('content-length', String(Buffer.byteLength(body)));
    res.end(body);
    return;
  }
  res.destroy();
}

/**
 * HEAD (Fastify answers it with the GET handler): the headers alone. Node's
 * http drops body writes for HEAD, so without this the whole file would be
 * read from the FTP server for nothing.
 */
function headOnly(reply: FastifyReply, pool: ConnectionPool, client: FtpClient): boolean {
  if (reply.request.method !== 'HEAD') return false;
  pool.release(client);
  hijackResponse(reply).end();
  return true;
}

function sendFile(
  session: Session,
  pool: ConnectionPool,
  client: FtpClient,
  item: ZipItem,
  range: number | null,
  ascii: boolean,
  reply: FastifyReply,
  toPage: ToPage,
  view?: Viewable,
): FastifyReply {
  // In ASCII mode the bytes sent are the server's lines with our line ends:
  // SIZE does not give their count, and a byte offset does not map to REST.
  // So no Content-Length (the body ends with the connection) and no ranges.
  const size = ascii ? undefined : item.size;
  const offset = range !== null && size !== undefined && range < size ? range : 0;
  reply.header('content-type', view?.contentType ?? 'application/octet-stream');
  reply.header('content-disposition', contentDisposition(fileNameOf(item.path), view ? 'inline' : 'attachment'));
  if (view) reply.header('content-security-policy', viewCsp(view));
  if (!ascii) reply.header('accept-ranges', 'bytes');
  if (size !== undefined) {
    reply.header('content-length', String(size - offset));
    if (offset > 0) {
      reply.code(206);
      reply.header('content-range', `bytes ${offset}-${size - 1}/${size}`);
    }
  }
  if (headOnly(reply, pool, client)) return reply;
  const label = pool.labelOf(client);
  const shown =
    toPage.shows && !view
      ? { link: toPage.link, name: fileNameOf(item.path), path: item.path, zip: false, ascii, offset, ...(size !== undefined ? { total: size } : {}), ...(label ? { connection: label } : {}) }
      : undefined;
  const { abort, track } = toPage.start(reply, shown);
  const res = hijackResponse(reply);
  // A View is nobody's row, and a file without a size (ASCII, a server that gives none) has nothing to check.
  const hash = shown && size !== undefined ? downloadHash(client, item.path, offset) : undefined;
  let delivered = false;
  // reuseBuffers: the engine writes views of its pooled read buffers and
  // refills one only after that write's callback. http.ServerResponse keeps
  // nothing after calling back: on Node 20 each write goes to the socket's
  // own write() with the caller's callback (also when corked, and for the
  // chunked framing, where the callback rides on the chunk's trailing CRLF,
  // written after the chunk), so the socket is done with the bytes by then.
  // test/download-bytes.test.ts proves it with distinct 256 KiB blocks.
  const type = ascii ? 'ascii' : 'binary';
  // `end: false`: the response ends only after the server's 226 and the
  // checks below. Ended at data EOF, a chunked body (ASCII, or no SIZE)
  // would close as complete before a 426 could say otherwise, and the
  // browser would keep a truncated file as whole. `maxBytes`: a file longer
  // than SIZE said, or a REST the server ignored (it sends from byte 0),
  // must not write past the Content-Length onto a keep-alive socket, where
  // the extra bytes would be read as the start of the next response.
  const work = client
    .download(item.path, res, {
      offset,
      signal: abort.signal,
      reuseBuffers: true,
      type,
      end: false,
      // Progress for every download, shown or not: moving bytes keep a session no tab holds (a View's) alive.
      // The size classify() learnt goes with it: the engine would otherwise ask SIZE again for its total.
      onProgress: (p: { bytes: number }) => track.progress(offset + p.bytes),
      ...(size !== undefined ? { maxBytes: size - offset, size } : {}),
      ...(hash ? { onData: (chunk: Buffer) => hash.local.update(chunk) } : {}),
    })
    .then(async (result): Promise<DownloadChecked> => {
      track.progress(offset + result.bytes);
      // A 226 after fewer bytes than SIZE promised: the browser would wait for
      // the rest until its connection timed out. Failing cuts the connection
      // now, and the browser shows a failed download.
      if (size !== undefined && offset + result.bytes < size) {
        const why = `${item.path}: the FTP server ended the file after ${offset + result.bytes} of its ${size} bytes`;
        session.status(`Download cut short: ${why}`, 'error');
        throw new ServerError(ServerErrorCodes.SHORT_TRANSFER, why, true);
      }
      res.end();
      // Every byte handed to the browser's connection (not merely queued in
      // Node): a browser that drops it before then is a stop like any other.
      await finished(res);
      delivered = true;
      if (!shown || size === undefined) return {};
      return checkDownload(session, client, item.path, size, hash, track);
    });
  settle(work, { pool, client, res, abort, track, toPage, view: view !== undefined, delivered: () => delivered });
  return reply;
}

/**
 * Releases the pooled connection when the transfer ends; on failure, fails
 * the response too (a status before the first byte, a cut connection after:
 * a broken file or archive is the only honest signal once bytes have gone).
 * A stop (the page's Cancel, the browser gone, the session ending) ends the
 * response and the row at once: the engine's call ends only once the server
 * has answered ABOR, which can take seconds (ftp-srv may never answer; the
 * engine then gives the connection up), and only the connection waits.
 */
function settle(
  work: Promise<DownloadChecked>,
  t: {
    pool: ConnectionPool;
    client: FtpClient;
    res: ServerResponse;
    abort: AbortController;
    track: DownloadTrack;
    toPage: ToPage;
    view?: boolean;
    /**
     * Every byte is with the browser, whose response is complete: a stop
     * from here on skips the check and the download stays done, and a
     * mismatch the check finds touches neither the response nor its
     * socket, which may carry the browser's next request by then.
     */
    delivered?: () => boolean;
  },
): void {
  // Taken now: a response that has ended lets go of its socket, and a failure
  // found after the end (a short file) must still cut the connection.
  const socket = t.res.socket;
  let ended = false;
  const fail = (err: unknown): void => {
    if (ended) return;
    ended = true;
    const { stopped, cause } = whyEnded(t.abort.signal, err);
    t.track.end(stopped ? { ok: false, stopped: true } : { ok: false, error: errorToWire(cause) });
    if (!stopped) t.toPage.failed(cause);
    if (t.delivered?.()) return;
    failResponse(t.res, cause, t.view === true);
    if (t.res.writableFinished) socket?.destroy();
  };
  const onStop = (): void => {
    if (!t.delivered?.()) {
      fail(new FtpError(FtpErrorCodes.ABORTED, 'The download was stopped'));
      return;
    }
    // Stopped during the check: the browser has it all, and only the check is given up, not
    // waited for (a hash takes the server a read of the whole file): Close session must not wait.
    t.pool.abandon(t.client);
    if (ended) return;
    ended = true;
    t.track.end({ ok: true });
  };
  if (t.abort.signal.aborted) onStop();
  else t.abort.signal.addEventListener('abort', onStop, { once: true });
  work.then(
    (checked) => {
      t.abort.signal.removeEventListener('abort', onStop);
      if (!ended) t.track.end({ ok: true, ...checked });
      ended = true;
      t.pool.release(t.client);
    },
    (err: unknown) => {
      t.abort.signal.removeEventListener('abort', onStop);
      fail(err);
      // A stopped download's engine call sent ABOR and read the server back
      // into step before it rejected: the connection is reusable if still up.
      t.pool.release(t.client, !t.client.isConnected);
    },
  );
}

function sendZip(
  session: Session,
  pool: ConnectionPool,
  client: FtpClient,
  items: ZipItem[],
  missing: string[],
  reply: FastifyReply,
  toPage: ToPage,
): FastifyReply {
  const name = zipFileName(items);
  reply.header('content-type', 'application/zip');
  reply.header('content-disposition', contentDisposition(name));
  if (headOnly(reply, pool, client)) return reply;
  const label = pool.labelOf(client);
  const first = items[0]?.path ?? '/';
  const shown = toPage.shows ? { link: toPage.link, name, path: first, zip: true, offset: 0, ...(label ? { connection: label } : {}) } : undefined;
  const { abort, track } = toPage.start(reply, shown);
  const res = hijackResponse(reply);
  // The writer goes straight into the response and lets each entry's sink
  // call back only after the response's write callback, so the engine may
  // reuse its read buffers here too (see sendFile for why the response is safe).
  const zip = new ZipWriter({ destination: res, onWrite: (n: number) => track.progress(n) });
  // A ZIP is not checked against the server (a hash command per file); the CRC-32 of each entry lets whoever unzips it check what arrived.
  const work = zipRemote(client, items, zip, { signal: abort.signal, maxEntries: MAX_ZIP_ENTRIES, missing, reuseBuffers: true }).then(() => ({}));
  settle(work, { pool, client, res, abort, track, toPage });
  return reply;
}

/**
 * Registers GET /api/download/:ticket, and the same with a trailing file
 * name (`/api/download/:ticket/:name`): View links carry the name so the
 * browser's tab title (an image's, a player's) shows it rather than the
 * ticket. The name is only for show; the ticket alone says what is served.
 */
export function registerDownload(app: FastifyInstance, sessions: SessionManager): void {
  const handler = async (req: FastifyRequest<{ Params: { ticket: string } }>, reply: FastifyReply): Promise<FastifyReply> => {
    reply.header('cache-control', 'no-store');
    const grant = sessions.tickets.resolve(req.params.ticket);
    if (!grant) return reply.code(404).send({ code: ServerErrorCodes.TICKET_UNKNOWN, message: 'this download link has expired (its session ended); start the download again' });
    if (sessions.shuttingDown) return reply.code(503).send({ code: ServerErrorCodes.SHUTTING_DOWN, message: 'the server is shutting down' });
    const session = grant.session;
    const refuse: Refuse = (status, err) =>
      grant.view ? reply.code(status).type('text/plain; charset=utf-8').send(viewErrorText(err)) : reply.code(status).send(errorToWire(err));
    // The browser's download bar says only "failed"; the page that asked for
    // the link hears why over its socket (HEAD is a check, not a download).
    // A browser that stopped the download itself, before the response began,
    // needs no telling: its socket is gone.
    const gone = (): boolean => req.raw.socket.destroyed;
    const range = parseRangeStart(req.headers.range);
    // With every transfer connection busy, a download waits in line, perhaps for minutes: its
    // row shows from now on, and its Cancel or a browser that gives up takes it out of the line.
    const toPage = reportToPage({ session, grant, method: req.method, range, gone, revoke: () => sessions.tickets.revokeOne(req.params.ticket) });
    const { waiting } = toPage;
    const notify = (err: unknown): void => toPage.failed(err);
    /**
     * Before the response begins: the browser gone (nothing to answer), the
     * page's Cancel (a 409 the browser shows as a failed download), or the
     * server ending the session (409 with its reason). Undefined while it may go on.
     */
    const endedWhileWaiting = (): FastifyReply | undefined => {
      if (gone()) {
        reply.hijack(); // nothing to answer: the socket is closed
        return reply;
      }
      if (!waiting.signal.aborted) return undefined;
      const { stopped, cause } = whyEnded(waiting.signal, undefined);
      // Stopped from the page: its row says so (endIfUnbegun ends it as a stop).
      if (stopped) return refuse(409, new ServerError(ServerErrorCodes.CANCELLED, 'the download was stopped before it began'));
      notify(cause);
      return refuse(409, cause);
    };
    /** A failure before the response began, unless the download was stopped or abandoned meanwhile (which then explains it). */
    const failBefore = (status: number, err: unknown): FastifyReply => {
      const ended = endedWhileWaiting();
      if (ended) return ended;
      notify(err);
      return refuse(status, err);
    };
    // Until the transfer itself starts (Downloads.track keeps the session busy from
    // there), waiting for a connection and looking the paths up is a request in
    // flight: the idle sweep must not end the session under it.
    const serve = async (): Promise<FastifyReply> => {
      let pool: ConnectionPool;
      let client: FtpClient;
      const giveUp = (): void => waiting.abort();
      req.raw.socket.once('close', giveUp);
      try {
        pool = session.pool;
        client = await pool.acquire(waiting.signal);
      } catch (err) {
        return failBefore(409, err);
      } finally {
        req.raw.socket.off('close', giveUp);
      }
      // The pool may hand a connection on to a waiter it could not tell of the Cancel (one it logged in anew).
      const endedWaiting = endedWhileWaiting();
      if (endedWaiting) {
        pool.release(client);
        return endedWaiting;
      }
      let items;
      try {
        items = await classify(client, grant.paths, waiting.signal);
      } catch (err) {
        pool.release(client, !client.isConnected);
        return failBefore(502, err);
      }
      const missing = items.filter((i): i is { path: string; missing: true } => 'missing' in i);
      const found = items.filter((i): i is ZipItem => !('missing' in i));
      // Gone or stopped while the paths were looked up: no RETR for nobody.
      const endedLookingUp = endedWhileWaiting();
      if (endedLookingUp) {
        pool.release(client);
        return endedLookingUp;
      }
      if (found.length === 0 || (grant.paths.length === 1 && missing.length > 0)) {
        pool.release(client);
        return failBefore(404, new ServerError(ServerErrorCodes.NOT_FOUND, `no such file or folder: ${missing.map((m) => m.path).join(', ')}`));
      }
      const single = found.length === 1 && missing.length === 0 && !grant.zip ? found[0] : undefined;
      if (grant.view) {
        const why = single ? notViewable(single) : 'only one file can be viewed';
        if (why !== undefined || !single) {
          pool.release(client);
          return failBefore(415, new ServerError(ServerErrorCodes.NOT_VIEWABLE, why ?? 'only one file can be viewed'));
        }
        const view = viewableType(fileNameOf(single.path));
        if (view?.kind === 'text') return sendText(session, pool, client, single, reply, notify, refuse);
        return sendFile(session, pool, client, single, range, false, reply, toPage, view);
      }
      if (single && single.type === 'file') return sendFile(session, pool, client, single, range, grant.ascii, reply, toPage);
      try {
        await addFileTimes(client, found);
      } catch (err) {
        pool.release(client, !client.isConnected);
        return failBefore(502, err);
      }
      const endedDating = endedWhileWaiting();
      if (endedDating) {
        pool.release(client);
        return endedDating;
      }
      return sendZip(session, pool, client, found, missing.map((m) => m.path), reply, toPage);
    };
    session.beginRequest();
    try {
      return await serve();
    } catch (err) {
      // Nothing should throw here; if something does, its row must not wait for ever.
      toPage.failed(err);
      throw err;
    } finally {
      session.endRequest();
      toPage.endIfUnbegun();
    }
  };
  app.get('/api/download/:ticket', handler);
  app.get('/api/download/:ticket/:name', handler);
}
