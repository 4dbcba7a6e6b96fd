/**
 * Directory listing parsing: MLSD/MLST, Unix `ls -l`, DOS/IIS, EPLF, IBM i
 * (OS/400), OpenVMS, Novell NetWare, OS/2 and IBM z/OS (MVS), detected per
 * line so one function reads every listing, including mixed ones. Pure
 * functions: text in, {@link FileEntry} values out.
 */
import type { FileEntry } from '../types.ts';
import { parseDos } from './dos.ts';
import { isDotName } from './entry.ts';
import { parseEplfLine } from './eplf.ts';
import * as mlsdModule from './mlsd.ts';
import { isMvsHeaderLine, parseMvs } from './mvs.ts';
import { parseNetware } from './netware.ts';
import { parseOs2 } from './os2.ts';
import { parseOs400 } from './os400.ts';
import { makeListingContext, type ListingContext, type ListingOptions } from './time.ts';
import { parseUnix } from './unix.ts';
import { isVmsFramingLine, parseVms, vmsLine } from './vms.ts';

export { parseDosLine } from './dos.ts';
export { parseEplfLine } from './eplf.ts';
export { parseMlsdLine } from './mlsd.ts';
export { parseUnixLine } from './unix.ts';
export { parseOs400Line } from './os400.ts';
export { parseVmsLine } from './vms.ts';
export { parseNetwareLine } from './netware.ts';
export { parseOs2Line } from './os2.ts';
export { parseMvsLine } from './mvs.ts';
export { parseNameList } from './names.ts';
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
const netware: LineParser = (text, start, end, ctx) => parseNetware(text.slice(start, end), ctx);
const os2: LineParser = (text, start, end, ctx) => parseOs2(text.slice(start, end), ctx);
const mvs: LineParser = (text, start, end, ctx) => parseMvs(text.slice(start, end), ctx);
const vms: LineParser = (text, start, end, ctx) => {
  const entry = parseVms(start === 0 && end === text.length ? text : text.slice(start, end), ctx);
  // Remember each VMS entry's version; parseListing keeps the highest per name.
  if (entry !== null) (ctx.vmsVersions ??= new Map()).set(entry, vmsLine.version);
  return entry;
};
const mlsd: LineParser = (text, start, end, ctx) => {
  const entry = parseMlsd(text, start, end, ctx);
  // Some servers put paths in MLSD names; in a directory listing only the
  // last segment names the entry (a name can never contain `/`).
  if (entry !== null) {
    const slash = entry.name.lastIndexOf('/');
    if (slash >= 0 && slash < entry.name.length - 1) {
      entry.name = entry.name.slice(slash + 1);
      // `dir/.` names the directory itself, like a `cdir` fact: not an entry.
      if (isDotName(entry.name)) return null;
    }
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
// The rare formats come last, so only lines the common parsers refused get
// to them. VMS names, OS/2 sizes and z/OS volumes may start with a digit.
const DOS_FIRST = [dos, unix, vms, os2, mvs];
const MLSD_OR_UNIX = [unix, mlsd, os400, vms, netware, os2, mvs];

/**
 * Parses a whole listing (LIST, `LIST -a`, MLSD) into entries.
 *
 * Lines split on LF with an optional CR before it. Each line's format is
 * detected on its own; the parser that read the previous line is tried
 * first, which keeps detection nearly free on uniform listings. Lines that
 * are not entries produce nothing: `total N`, blank (or all-space) lines, `.` and `..`,
 * MLSD `cdir`/`pdir`, VMS `Directory …`/`Total of …` and z/OS column
 * headers, and anything unrecognised (a filename-only NLST line included;
 * `options.onUnread` hears about those). `raw` is the line without its
 * line end.
 *
 * OpenVMS prints a long name alone on its line and the rest of the entry
 * on the next. So when a line no parser reads is followed by another that
 * no parser reads alone, the two joined by one space are offered to the
 * VMS parser (the entry's `raw` is that joined text). Only to that parser:
 * no other format wraps entries, and joining for all of them could turn two
 * unreadable lines into one wrong Unix entry. A listing that names one VMS
 * file in several versions yields one entry per name, the highest version.
 */
export function parseListing(text: string, options?: ListingOptions): FileEntry[] {
  const run = startRun(text, options);
  readLines(run, Infinity);
  return finishRun(run);
}

/**
 * {@link parseListing}, with a pause for the event loop after every
 * {@link LINES_PER_SLICE} lines. A server decides how long its listing is;
 * read in one go, 200 000 lines hold every other session of a relay for a
 * second or more. Same entries, same `onUnread` calls, same order.
 */
export async function parseListingInSlices(text: string, options?: ListingOptions): Promise<FileEntry[]> {
  const run = startRun(text, options);
  while (!readLines(run, LINES_PER_SLICE)) await new Promise<void>((resolve) => setImmediate(resolve));
  return finishRun(run);
}

/** Lines read between pauses by {@link parseListingInSlices}: a few milliseconds of work. */
export const LINES_PER_SLICE = 20_000;

/** Where a parse is: the listing, its context, what it has read, and its state between lines. */
interface ListingRun {
  readonly text: string;
  readonly options: ListingOptions | undefined;
  readonly ctx: ListingContext;
  readonly entries: FileEntry[];
  /** The parser that read the previous line, tried first on the next. */
  last: LineParser | null;
  /** A line no parser read, held back for one line in case the next completes it (VMS); -1 when none. */
  heldStart: number;
  heldEnd: number;
  /** Where the next line starts. */
  start: number;
}

function startRun(text: string, options: ListingOptions | undefined): ListingRun {
  return { text, options, ctx: makeListingContext(options), entries: [], last: null, heldStart: -1, heldEnd: -1, start: 0 };
}

/**
 * Reads up to `maxLines` lines from where the run stands; true when the
 * listing is done. The run's fields are copied into locals for the loop and
 * back after it, so the per-line work is what it was in one flat loop.
 */
function readLines(run: ListingRun, maxLines: number): boolean {
  const { text, ctx, entries, options } = run;
  let { last, heldStart, heldEnd, start } = run;
  const length = text.length;
  let lines = 0;
  while (start < length && lines < maxLines) {
    lines++;
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
      if (entry !== null) {
        if (heldStart >= 0) {
          unread(text, heldStart, heldEnd, options);
          heldStart = -1;
        }
        entries.push(entry);
      } else if (heldStart >= 0) {
        const joined = `${text.slice(heldStart, heldEnd)} ${text.slice(start, lineEnd)}`;
        entry = vms(joined, 0, joined.length, ctx);
        if (entry !== null) {
          last = vms;
          entries.push(entry);
          heldStart = -1;
        } else {
          unread(text, heldStart, heldEnd, options);
          heldStart = start;
          heldEnd = lineEnd;
        }
      } else {
        heldStart = start;
        heldEnd = lineEnd;
      }
    }
    start = end + 1;
  }
  run.last = last;
  run.heldStart = heldStart;
  run.heldEnd = heldEnd;
  run.start = start;
  return start >= length;
}

/** Reports a line still held at the end, and keeps one VMS version per name. */
function finishRun(run: ListingRun): FileEntry[] {
  if (run.heldStart >= 0) unread(run.text, run.heldStart, run.heldEnd, run.options);
  const { entries, ctx } = run;
  return ctx.vmsVersions === undefined ? entries : keepNewestVersions(entries, ctx.vmsVersions);
}

/** Reports `text[start, end)` to `onUnread`, unless it is a known non-entry. */
function unread(text: string, start: number, end: number, options: ListingOptions | undefined): void {
  if (!options?.onUnread) return;
  const line = text.slice(start, end);
  if (!isKnownNonEntry(line)) options.onUnread(line);
}

/**
 * Drops the VMS entries whose name a higher version of the same file also
 * has (VMS lists the newest first, so usually every later one). Only ever
 * runs on listings that had VMS entries.
 */
function keepNewestVersions(entries: FileEntry[], versions: Map<FileEntry, number>): FileEntry[] {
  const newest = new Map<string, FileEntry>();
  for (const [entry, version] of versions) {
    const key = `${entry.type}:${entry.name}`;
    const kept = newest.get(key);
    if (kept === undefined || version > versions.get(kept)!) newest.set(key, entry);
  }
  if (newest.size === versions.size) return entries;
  return entries.filter((e) => !versions.has(e) || newest.get(`${e.type}:${e.name}`) === e);
}

/** The `total 12` line `ls -l` prints before the entries. */
export function isTotalLine(line: string): boolean {
  return /^total\s+\d+\s*$/i.test(line);
}

/**
 * `total 12`, a Unix line for `.` or `..`, an MLSD `cdir`/`pdir` fact line,
 * VMS `Directory …`/`Total of …` framing, or a z/OS column header.
 */
function isKnownNonEntry(line: string): boolean {
  return isTotalLine(line) || /\s\.\.?$/.test(line) || /(^|;)\s*type=[cp]dir(;|\s)/i.test(line) || isVmsFramingLine(line) || isMvsHeaderLine(line);
}

/** True when `text[start, end)` is spaces and tabs only. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}
