/**
 * EPLF (Easily Parsed LIST Format, D. J. Bernstein):
 *
 *     +i8388621.48594,m825718503,r,s280,\tdjb.html
 *
 * `+`, then comma-separated facts, then a TAB and the name. Facts: `r`
 * (retrievable: a file), `/` (can CWD: a directory), `s` size, `m` mtime in
 * Unix seconds (UTC), `up` Unix permissions in octal, `i` an identifier
 * (ignored). Unknown facts are ignored, as the format asks.
 */
import type { FileEntry, FileType } from '../types.ts';
import { isDotName, makeEntry, octalModeToString, parseDigits } from './entry.ts';

/** The largest Unix time a Date can hold (ECMAScript: 8.64e15 ms). */
const MAX_DATE_SECONDS = 8.64e12;

/** Parses one EPLF line, or returns null if it is not one (or is `.`/`..`). */
export function parseEplfLine(line: string): FileEntry | null {
  if (line.charCodeAt(0) !== 0x2b) return null;
  const tab = line.indexOf('\t');
  if (tab < 0 || tab === line.length - 1) return null;
  let type: FileType = 'unknown';
  let size: number | undefined;
  let modifiedAt: Date | undefined;
  let permissions: string | undefined;
  let p = 1;
  while (p < tab) {
    let end = line.indexOf(',', p);
    if (end < 0 || end > tab) end = tab;
    switch (line.charCodeAt(p)) {
      case 0x72: // r
        if (type === 'unknown') type = 'file';
        break;
      case 0x2f: // /
        type = 'dir';
        break;
      case 0x73: {
        // s
        const n = parseDigits(line, p + 1, end);
        if (n >= 0) size = n;
        break;
      }
      case 0x6d: {
        // m
        const seconds = parseDigits(line, p + 1, end);
        // Past ±8.64e15 ms a Date is Invalid Date: such a stamp is garbage, not a time.
        if (seconds >= 0 && seconds <= MAX_DATE_SECONDS) modifiedAt = new Date(seconds * 1000);
        break;
      }
      case 0x75: // u: `up644`
        if (line.charCodeAt(p + 1) === 0x70) permissions = octalModeToString(line.slice(p + 2, end));
        break;
      default:
        break;
    }
    p = end + 1;
  }
  const name = line.slice(tab + 1);
  if (isDotName(name)) return null;
  return makeEntry(line, name, type, type === 'dir' ? undefined : size, modifiedAt, 'second', permissions, undefined, undefined, undefined);
}
