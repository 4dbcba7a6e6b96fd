/**
 * Directory listing parsing: MLSD/MLST, Unix `ls -l`, DOS/IIS, EPLF and IBM i (OS/400),
 * detected per line so one function reads every listing, including mixed
 * ones. Pure functions: text in, {@link FileEntry} values out.
 */
import type { FileEntry } from '../types.ts';
import { parseDos } from './dos.ts';
import { parseEplfLine } from './eplf.ts';
import * as mlsdModule from './mlsd.ts';
import { parseOs400 } from './os400.ts';
import { makeListingContext, type ListingContext, type ListingOptions } from './time.ts';
import { parseUnix } from './unix.ts';

export { parseDosLine } from './dos.ts';
export { parseEplfLine } from './eplf.ts';
export { parseMlsdLine } from './mlsd.ts';
export { parseUnixLine } from './unix.ts';
export { parseOs400Line } from './os400.ts';
export type { ListingOptions } from './time.ts';

/** Reads `text[start, end)` (one line, no line end) or returns null. */
type LineParser = (text: string, start: number, end: number, ctx: ListingContext) => FileEntry | null;

// Unix and MLSD, the formats of big listings, read lines in place; the rare
// formats get a copy of the line.
const unix: LineParser = parseUnix;
// Bound once (see unix.ts for why).
const { parseMlsd } = mlsdModule;
const dos: LineParser = (text, start, end, ctx) => parseDos(text.slice(start, end), ctx);
const eplf: LineParser = (text, start, end) => parseEplfLine(text.slice(start, end));
const os400: LineParser = (text, start, end, ctx) => parseOs400(text.slice(start, end), ctx);
const mlsd: LineParser = (text, start, end, ctx) => {
  const entry = parseMlsd(text, start, end, ctx);
  // Some servers put paths in MLSD names; in a directory listing only the
  // last segment names the entry (a name can never contain `/`).
  if (entry !== null) {
    const slash = entry.name.lastIndexOf('/');
    if (slash >= 0 && slash < entry.name.length - 1) entry.name = entry.name.slice(slash + 1);
  }
  return entry;
};

/** Parsers worth trying for a line, by its first character. */
function candidates(first: number): readonly LineParser[] {
  if (first === 0x2b) return EPLF_FIRST; // +
  if (first >= 0x30 && first <= 0x39) return DOS_FIRST; // DOS dates, or `ls -i` inode numbers
  return MLSD_OR_UNIX;
}
const EPLF_FIRST = [eplf];
const DOS_FIRST = [dos, unix];
// OS/400 last: it is rare, and only lines the others cannot read get to it.
const MLSD_OR_UNIX = [unix, mlsd, os400];

/**
 * Parses a whole listing (LIST, `LIST -a`, MLSD) into entries.
 *
 * Lines split on LF with an optional CR before it. Each line's format is
 * detected on its own; the parser that read the previous line is tried
 * first, which keeps detection nearly free on uniform listings. Lines that
 * are not entries produce nothing: `total N`, blank (or all-space) lines, `.` and `..`,
 * MLSD `cdir`/`pdir`, and anything unrecognised (a filename-only NLST line
 * included; `options.onUnread` hears about those). `raw` is the line
 * without its line end.
 */
export function parseListing(text: string, options?: ListingOptions): FileEntry[] {
  const ctx = makeListingContext(options);
  const entries: FileEntry[] = [];
  let last: LineParser | null = null;
  let start = 0;
  const length = text.length;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    // A line of only spaces is noise, not an MLSD entry without facts named "  ".
    if (lineEnd > start && !(text.charCodeAt(start) <= 0x20 && isBlank(text, start, lineEnd))) {
      let entry = last !== null ? last(text, start, lineEnd, ctx) : null;
      if (entry === null) {
        for (const parser of candidates(text.charCodeAt(start))) {
          if (parser === last) continue;
          entry = parser(text, start, lineEnd, ctx);
          if (entry !== null) {
            last = parser;
            break;
          }
        }
      }
      if (entry !== null) entries.push(entry);
      else if (options?.onUnread) {
        const line = text.slice(start, lineEnd);
        if (!isKnownNonEntry(line)) options.onUnread(line);
      }
    }
    start = end + 1;
  }
  return entries;
}

/** The `total 12` line `ls -l` prints before the entries. */
export function isTotalLine(line: string): boolean {
  return /^total\s+\d+\s*$/i.test(line);
}

/** `total 12`, a Unix line for `.` or `..`, or an MLSD `cdir`/`pdir` fact line. */
function isKnownNonEntry(line: string): boolean {
  return isTotalLine(line) || /\s\.\.?$/.test(line) || /(^|;)\s*type=[cp]dir(;|\s)/i.test(line);
}

/** True when `text[start, end)` is spaces and tabs only. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}
