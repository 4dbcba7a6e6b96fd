/**
 * Path helpers for replies and remote paths.
 */
import { FtpError, FtpErrorCodes } from '../errors.ts';
import type { Reply } from '../control/session.ts';

/**
 * The directory from a 257 reply: the text between the first `"` and the
 * next lone `"`, with RFC 959 doubled quotes (`""`) undone. Servers that send
 * no quotes (IIS 2003) get their first word after the code.
 */
export function parsePwdReply(reply: Reply): string {
  // The path is quoted on the first line, but a multi-line 257 may put it
  // on a later one ("257-junk" … `257 "/p" is current`): the first quoted
  // line wins, so a preamble's first word is not taken for the path.
  const quoted = reply.lines.find((l) => l.includes('"'));
  const text = quoted ?? reply.lines[0] ?? '';
  const body = /^\d{3}[ -]/.test(text) ? text.slice(4) : text;
  const open = body.indexOf('"');
  if (open < 0) {
    const word = body.trim().split(/\s+/)[0];
    if (!word) throw new FtpError(FtpErrorCodes.PROTOCOL, `Cannot read a directory from: ${text}`, { ftpCode: reply.code, replyText: reply.text });
    return word;
  }
  let out = '';
  for (let i = open + 1; i < body.length; i += 1) {
    const ch = body[i];
    if (ch === '"') {
      if (body[i + 1] === '"') {
        out += '"';
        i += 1;
        continue;
      }
      return out;
    }
    out += ch;
  }
  throw new FtpError(FtpErrorCodes.PROTOCOL, `Unterminated path in: ${text}`, { ftpCode: reply.code, replyText: reply.text });
}

/** Parent directory of a remote path (`/a/b` → `/a`, `b` → `.`). */
export function parentOf(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const i = trimmed.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : trimmed.slice(0, i);
}

/** Last segment of a remote path. */
export function baseName(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Joins a directory and a name with exactly one `/`. */
export function joinPath(dir: string, name: string): string {
  if (dir === '' || dir === '.') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}
