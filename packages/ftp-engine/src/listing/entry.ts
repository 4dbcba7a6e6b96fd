/**
 * Building {@link FileEntry} values, shared by every listing format.
 */
import type { FileEntry, FileType, TimePrecision } from '../types.ts';

/**
 * One entry with every field present (absent facts are `undefined`).
 * Giving all entries the same property set keeps V8 on one hidden class
 * across 100 000-line listings; `JSON.stringify` drops the undefined keys,
 * so nothing downstream sees them.
 */
export function makeEntry(
  raw: string,
  name: string,
  type: FileType,
  size: number | undefined,
  modifiedAt: Date | undefined,
  precision: TimePrecision | undefined,
  permissions: string | undefined,
  owner: string | undefined,
  group: string | undefined,
  target: string | undefined,
): FileEntry {
  return {
    name,
    type,
    // A size no double can hold (hundreds of digits, or blocks × 512 past 1e308) is garbage, not Infinity.
    size: size === Infinity ? undefined : size,
    modifiedAt,
    // Only with a date, so callers need not check both.
    modifiedPrecision: modifiedAt === undefined ? undefined : precision,
    permissions,
    owner,
    group,
    target,
    raw,
  };
}

// Show V8 an entry without a size first. Otherwise a listing whose first
// sizes include one above 2^31 teaches it to store `size` as an unboxed
// double, and from then on every entry's size (small ones too) lives in a
// separate heap box that the GC has to copy: one more object per entry.
makeEntry('', '', 'unknown', undefined, undefined, undefined, undefined, undefined, undefined, undefined);

const interned = new Map<string, string>();
const INTERN_LIMIT = 10_000;
const MAX_SHARED_LENGTH = 64;

/**
 * A copy of `text` that does not point into a larger string. V8 may
 * represent a slice as a view of its parent; prepending a character and
 * slicing it off forces a flat copy of just these characters.
 */
function detach(text: string): string {
  return (' ' + text).slice(1);
}
/** Per call site, 64 slots of recently handed-out strings, picked by a cheap hash of the text. */
const SLOTS = 64;
const recent: string[][] = [];

/**
 * `text.slice(start, end)`, but one shared copy for repeated values
 * (owner, group, unusual permissions). A 100 000-line listing has a
 * handful of distinct values; sharing them saves the young-generation GC
 * strings to copy. The usual hit is one compare in a slot chosen by length
 * and end characters, without allocating; `site` (a small integer per call
 * site) keeps callers from evicting each other.
 */
export function sharedSlice(text: string, start: number, end: number, site = 0): string {
  const length = end - start;
  const slot = length > 0 ? (length * 7 + text.charCodeAt(start) * 3 + text.charCodeAt(end - 1)) & (SLOTS - 1) : 0;
  let slots = recent[site];
  if (slots === undefined) {
    slots = new Array<string>(SLOTS).fill('');
    recent[site] = slots;
  }
  const cached = slots[slot]!;
  if (cached.length === length && sameChars(text, start, cached)) return cached;
  const fresh = text.slice(start, end);
  if (length > MAX_SHARED_LENGTH) return fresh; // long values are not worth keeping (and a server could send many)
  let known = interned.get(fresh);
  if (known === undefined) {
    if (interned.size >= INTERN_LIMIT) interned.clear(); // bounded, whatever the server sends
    // A slice may be a view into the whole listing; keep a detached copy so
    // the table never holds a 64 MiB listing alive.
    known = detach(fresh);
    interned.set(known, known);
  }
  slots[slot] = known;
  return known;
}

/**
 * Does `text` hold `value` at `start`? A loop rather than `startsWith`:
 * owner, group and mode values are a few characters, and the builtin call
 * costs more than comparing them here.
 */
function sameChars(text: string, start: number, value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (text.charCodeAt(start + i) !== value.charCodeAt(i)) return false;
  }
  return true;
}

/** `.` and `..` are the directory itself and its parent, never entries. */
export function isDotName(name: string): boolean {
  return name === '.' || name === '..';
}

const RWX = 'rwxrwxrwx';
/** Listings repeat a handful of modes; remembering them keeps 100 000-line MLSD parses cheap. */
const modeCache = new Map<string, string | undefined>();
const MODE_CACHE_LIMIT = 4096;

/**
 * A Unix mode (`0o644`, `0644`, `100755`, `4755`, as octal text) rendered
 * like `ls` (`rw-r--r--`, `rwsr-xr-x`). Only the permission and
 * setuid/setgid/sticky bits count; file-type bits are ignored. Returns
 * undefined for text that is not octal.
 */
export function octalModeToString(text: string): string | undefined {
  const cached = modeCache.get(text);
  if (cached !== undefined || modeCache.has(text)) return cached;
  const result = renderMode(text);
  if (modeCache.size >= MODE_CACHE_LIMIT) modeCache.clear(); // a hostile listing cannot grow it without bound
  modeCache.set(text, result);
  return result;
}

function renderMode(text: string): string | undefined {
  let start = 0;
  if (text.length > 2 && text.charCodeAt(0) === 0x30 && (text.charCodeAt(1) | 0x20) === 0x6f) start = 2; // `0o644` (pyftpdlib)
  if (start >= text.length) return undefined;
  let mode = 0;
  for (let i = start; i < text.length; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (!(d >= 0 && d <= 7)) return undefined;
    mode = (mode * 8 + d) % 0o10000; // keep the low 12 bits; type bits do not matter here
  }
  const chars: string[] = [];
  for (let bit = 8; bit >= 0; bit--) chars.push(mode & (1 << bit) ? RWX[8 - bit]! : '-');
  // setuid, setgid, sticky show in the x column: lower case when x is set too.
  if (mode & 0o4000) chars[2] = chars[2] === '-' ? 'S' : 's';
  if (mode & 0o2000) chars[5] = chars[5] === '-' ? 'S' : 's';
  if (mode & 0o1000) chars[8] = chars[8] === '-' ? 'T' : 't';
  return chars.join('');
}

/**
 * A run of decimal digits as a number, or -1 if the range is empty or
 * holds anything else. Values above 2^53 (Number.MAX_SAFE_INTEGER) are
 * kept as the nearest double, not rejected: no real file is that big, a
 * size that large is still "huge" to the UI, and a bigint would force
 * every consumer of FileEntry to handle two number types.
 */
export function parseDigits(text: string, start: number, end: number): number {
  if (end <= start) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (!(d >= 0 && d <= 9)) return -1;
    value = value * 10 + d;
  }
  // Past 15 digits the running sum may have picked up rounding error; let Number round once.
  return end - start > 15 ? Number(text.slice(start, end)) : value;
}
