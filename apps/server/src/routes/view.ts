/**
 * View: one file shown in a browser tab instead of saved. What may be
 * shown, and as what, is the protocol's `viewableType` table; this module
 * adds the sandboxing CSP, the refusals, the text path (its first 64 KiB
 * decide the charset, the rest streams) and the words a failed View shows
 * in its tab.
 */
import { isUtf8 } from 'node:buffer';
import { PassThrough, Writable } from 'node:stream';
import type { FtpClient } from '@ftpdeck/ftp-engine';
import { MAX_TEXT_VIEW_BYTES, viewableType, type Viewable } from '@ftpdeck/protocol';
import type { FastifyReply } from 'fastify';
import type { ConnectionPool } from '../sessions/ConnectionPool.ts';
import type { Session } from '../sessions/Session.ts';
import { errorToWire } from '../sessions/toWire.ts';
import type { ZipItem } from '../zip/zipRemote.ts';
import { abortOnClose, contentDisposition, fileNameOf, whyEnded } from './responseParts.ts';

/**
 * The CSP of a viewed text or image, in place of the app's. The bytes come
 * from an FTP server, anyone's: `sandbox` gives the tab an opaque origin
 * with no scripts, forms or popups, so even a file that is not what its
 * name says can neither run nor reach this origin's session. What remains
 * allowed is what the browser's own viewers need to draw the file itself.
 */
export const VIEW_CSP = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";

/**
 * Audio and video without `sandbox`: the browser's player fetches the file
 * again from inside its page (with ranges, to seek), and from an opaque
 * origin that fetch is cross-origin and refused, so nothing would play.
 * What the tab holds is still only the browser's own player: the type is
 * audio or video, `nosniff` keeps it so, and no script may load.
 */
export const MEDIA_VIEW_CSP = "default-src 'none'; media-src 'self'; style-src 'unsafe-inline'";

/** The CSP a viewed file of this kind is served under. */
export function viewCsp(view: Viewable): string {
  return view.kind === 'audio' || view.kind === 'video' ? MEDIA_VIEW_CSP : VIEW_CSP;
}

/** Why this file cannot be viewed, or undefined when it can (see viewableType). */
export function notViewable(item: ZipItem): string | undefined {
  if (item.type !== 'file') return `${item.path} is a folder: only a file can be viewed`;
  const name = fileNameOf(item.path);
  const view = viewableType(name);
  if (!view) return `a browser tab cannot show ${name} (by its type); download it instead`;
  if (view.kind === 'text' && item.size !== undefined && item.size > MAX_TEXT_VIEW_BYTES) {
    return `${name} is ${item.size} bytes of text, more than a tab shows (${MAX_TEXT_VIEW_BYTES}); download it instead`;
  }
  return undefined;
}

/** Answers a request that fails before its body: a status and the error. */
export type Refuse = (status: number, err: unknown) => FastifyReply;

/**
 * The page a View tab shows when the file cannot be shown: words, not the
 * JSON a download's error carries (that one only the page reads, and it
 * hears the error over its socket too).
 */
export function viewErrorText(err: unknown): string {
  const { code, message } = errorToWire(err);
  return `This file could not be shown.\n\n${message}\n\n(${code})\n`;
}

/** How much of a text file decides its charset before the rest streams on. */
export const TEXT_SNIFF_BYTES = 64 * 1024;

/**
 * Whether a file's first bytes are UTF-8. A prefix may end inside a
 * character, so up to three trailing bytes are allowed to be its start.
 */
export function startsAsUtf8(head: Buffer, whole: boolean): boolean {
  if (isUtf8(head)) return true;
  if (whole) return false;
  for (let cut = 1; cut <= 3 && cut < head.length; cut++) if (isUtf8(head.subarray(0, head.length - cut))) return true;
  return false;
}

/**
 * Holds a download's first {@link TEXT_SNIFF_BYTES} (or all of a shorter
 * file), calls `decide` with them once, then passes every byte on to `out`
 * with its backpressure: memory stays at the sniffed part whatever the
 * file, and however slowly the browser reads.
 */
function sniffingSink(out: PassThrough, decide: (head: Buffer, whole: boolean) => void): Writable {
  let head: Buffer[] = [];
  let held = 0;
  let passing = false;
  const pass = (whole: boolean): void => {
    passing = true;
    const first = Buffer.concat(head);
    head = [];
    decide(first, whole);
    out.write(first);
  };
  return new Writable({
    write(chunk: Buffer, _enc, callback) {
      if (!passing) {
        head.push(chunk);
        held += chunk.length;
        if (held >= TEXT_SNIFF_BYTES) pass(false);
        callback();
        return;
      }
      if (out.write(chunk)) callback();
      else out.once('drain', () => callback());
    },
    final(callback) {
      if (!passing) pass(true);
      callback();
    },
  });
}

/**
 * A text file to view: sent with `charset=utf-8` when its first 64 KiB are
 * UTF-8, and without a charset otherwise. Chromium never guesses UTF-8 for
 * a page without one, and shows it as Windows-1252; other text (GBK,
 * Shift_JIS, Windows-1251) is left to the browser's own detection, which
 * reads those right. Only the sniffed part waits in memory: the rest
 * streams, so many Views of big text files cost no more than downloads.
 */
export async function sendText(
  session: Session,
  pool: ConnectionPool,
  client: FtpClient,
  item: ZipItem,
  reply: FastifyReply,
  notify: (err: unknown) => void,
  refuse: Refuse,
): Promise<FastifyReply> {
  reply.header('content-disposition', contentDisposition(fileNameOf(item.path), 'inline'));
  reply.header('content-security-policy', VIEW_CSP);
  if (reply.request.method === 'HEAD') {
    pool.release(client);
    return reply.type('text/plain').send();
  }
  const { abort, track } = abortOnClose(session, reply);
  const body = new PassThrough();
  let utf8: ((is: boolean) => void) | undefined;
  const decided = new Promise<boolean>((resolve) => (utf8 = resolve));
  const sink = sniffingSink(body, (head, whole) => utf8?.(startsAsUtf8(head, whole)));
  const work = client.download(item.path, sink, { signal: abort.signal, maxBytes: MAX_TEXT_VIEW_BYTES });
  const settled = work.then(
    () => {
      track.end({ ok: true });
      pool.release(client);
      body.end();
    },
    (err: unknown) => {
      const { stopped, cause } = whyEnded(abort.signal, err);
      track.end(stopped ? { ok: false, stopped: true } : { ok: false, error: errorToWire(cause) });
      // As a download's (download.ts): after a stop the engine has brought the connection back into step.
      pool.release(client, !client.isConnected);
      if (!stopped) notify(cause);
      body.destroy(err as Error);
      return { cause, stopped };
    },
  );
  // Until the first bytes decide the charset, a failure can still answer with a status.
  const first = await Promise.race([decided.then((is) => ({ is })), settled.then((failure) => ({ failure }))]);
  if ('failure' in first && first.failure !== undefined) {
    // Nobody to answer when the browser went away.
    if (first.failure.stopped) return reply;
    return refuse(502, first.failure.cause);
  }
  const isUtf8Text = 'is' in first ? first.is : await decided;
  return reply.type(isUtf8Text ? 'text/plain; charset=utf-8' : 'text/plain').send(body);
}
