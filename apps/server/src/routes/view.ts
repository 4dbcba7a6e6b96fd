/**
 * View: one file shown in a browser tab instead of saved. What may be
 * shown, and as what, is the protocol's `viewableType` table; this module
 * adds the sandboxing CSP, the refusals, the text path (read whole, so its
 * charset can be told) and the words a failed View shows in its tab.
 */
import { isUtf8 } from 'node:buffer';
import { Writable } from 'node:stream';
import type { FtpClient } from '@ftpdeck/ftp-engine';
import { MAX_TEXT_VIEW_BYTES, viewableType, type Viewable } from '@ftpdeck/protocol';
import type { FastifyReply } from 'fastify';
import type { ConnectionPool } from '../sessions/ConnectionPool.ts';
import type { Session } from '../sessions/Session.ts';
import { errorToWire } from '../sessions/toWire.ts';
import type { ZipItem } from '../zip/zipRemote.ts';
import { abortOnClose, contentDisposition, fileNameOf } from './responseParts.ts';

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

/**
 * A text file to view: read whole (at most MAX_TEXT_VIEW_BYTES, which
 * notViewable checked against SIZE and `maxBytes` holds the server to),
 * then sent with `charset=utf-8` when it is valid UTF-8. Chromium never
 * guesses UTF-8 for a page without a charset, and shows it as
 * Windows-1252; other text (GBK, Shift_JIS, Windows-1251) goes without
 * one, for the browser's own detection, which reads those right.
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
  const { abort, done } = abortOnClose(session, reply);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  try {
    await client.download(item.path, sink, { signal: abort.signal, maxBytes: MAX_TEXT_VIEW_BYTES });
  } catch (err) {
    done();
    pool.release(client, !client.isConnected || abort.signal.aborted);
    if (abort.signal.aborted) return reply;
    notify(err);
    return refuse(502, err);
  }
  done();
  pool.release(client);
  const body = Buffer.concat(chunks);
  return reply.type(isUtf8(body) ? 'text/plain; charset=utf-8' : 'text/plain').send(body);
}

