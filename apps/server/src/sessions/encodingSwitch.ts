/**
 * The pure parts of switching a session's charset for file names
 * (`set-encoding`): checking the charset before anything is torn down, and
 * carrying the folder the page showed across the switch.
 */
import { createNameCodec } from '@ftpdeck/ftp-engine';

/**
 * The charset setting as the session keeps and reports it (trimmed, lower
 * case: iconv names are case-insensitive, and the page compares them).
 * Throws the engine's FTP_ERR_INVALID_ARGUMENT for a charset it cannot use,
 * so a bad name is refused before the working connection is closed.
 */
export function checkedEncoding(encoding: string): string {
  const normal = encoding.trim().toLowerCase();
  createNameCodec(normal);
  return normal;
}

/**
 * `path`, read under the old charset, as the new charset reads the same
 * bytes: a folder whose name is GBK shows under `auto` as escapes (or, when
 * some of its bytes happen to form UTF-8, as stray letters), and only its
 * bytes name it on the server. Undefined when the old charset cannot write
 * the path back (it did not come from this server).
 */
export function carryPath(path: string, from: string, to: string): string | undefined {
  try {
    return createNameCodec(to).decode(createNameCodec(from).encode(path));
  } catch {
    return undefined;
  }
}

/** `path` and each folder above it, nearest first, ending with `/` (at most `max`). */
export function foldersUpFrom(path: string, max = 64): string[] {
  const out: string[] = [];
  let p = path.replace(/\/+$/, '') || '/';
  while (out.length < max) {
    out.push(p);
    if (p === '/' || !p.includes('/')) break;
    p = p.slice(0, p.lastIndexOf('/')) || '/';
  }
  return out;
}

/**
 * The first of `path` and the folders above it that `enter` gets into
 * (resolving with the working directory), stopping before `stopAt` (where
 * the session already is); undefined when none.
 */
export async function enterNearest(path: string, stopAt: string, enter: (folder: string) => Promise<string>): Promise<string | undefined> {
  for (const folder of foldersUpFrom(path)) {
    if (folder === stopAt) return undefined;
    try {
      return await enter(folder);
    } catch {
      // Not enterable under the new charset; try its parent.
    }
  }
  return undefined;
}
