/**
 * The server's time zone for LIST times.
 *
 * LIST lines carry the server's local wall-clock time with no zone, while
 * MDTM (RFC 3659 §3) answers in UTC. Under `serverTimezoneOffsetMinutes:
 * 'auto'` the first LIST-format listing with a usable file is compared with
 * MDTM of that file, once per session, as FileZilla and lftp do. The result
 * (or a configured number) lives in `core.state.serverTimezone`, and
 * decodeListing hands it to the parser for every listing afterwards.
 *
 * A server that also answers MDTM in local time (vsftpd `use_localtime`,
 * pyftpdlib `use_gmt_times=False`) cannot be told from a UTC server this
 * way; the check then yields 0 and only a configured offset helps.
 *
 * Which file, and when to stop: the offset is the zone's offset ON THE
 * FILE'S DATE. A file from before the last daylight-saving change would
 * give today's files an hour's error, so an answer from a file older than
 * {@link RECENT_MS} is used but not settled: a later listing with a recent
 * file refines it. A file written in the last {@link BUSY_MS} may change
 * between LIST and MDTM and decides nothing. Each path is asked once, and
 * at most {@link MAX_PROBES} are asked per session.
 */
import type { ControlSession } from '../control/session.ts';
import { FtpErrorCodes, isFtpError } from '../errors.ts';
import type { FileEntry } from '../types.ts';
import { MAX_TIMEZONE_OFFSET_MINUTES, type ClientCore } from './core.ts';
import { parseMdtm } from './mdtm.ts';
import { joinPath } from './paths.ts';

const MINUTE_MS = 60_000;
const QUARTER_HOUR_MS = 15 * MINUTE_MS;
/** A file this recent dates the offset close enough to today to settle it. */
const RECENT_MS = 14 * 24 * 60 * MINUTE_MS;
/** A file modified this recently may still be being written. */
const BUSY_MS = 2 * MINUTE_MS;
/** MDTM questions per session at most. */
const MAX_PROBES = 3;

/** The offset in minutes LIST-format times are shifted by right now (0 until known). */
export function listOffsetMinutes(core: ClientCore): number {
  const tz = core.state.serverTimezone;
  if (tz) return tz.offsetMinutes;
  const configured = core.options.serverTimezoneOffsetMinutes;
  return configured === 'auto' ? 0 : configured;
}

/** True while `auto` still needs a listing to compare against MDTM. */
export function needsDetection(core: ClientCore): boolean {
  return core.options.serverTimezoneOffsetMinutes === 'auto' && !core.state.serverTimezone?.settled;
}

/**
 * Settles a configured offset on the first LIST-format listing, saying so
 * once in the transcript when it is not 0.
 */
export function applyConfiguredTimezone(core: ClientCore): void {
  const configured = core.options.serverTimezoneOffsetMinutes;
  if (configured === 'auto' || core.state.serverTimezone) return;
  core.state.serverTimezone = { offsetMinutes: configured, settled: true, probed: new Set() };
  if (configured !== 0) {
    core.transcript.status(`Server time zone ${formatUtcOffset(configured)}, as configured; LIST times are shifted accordingly`, {
      type: 'timezone',
      offsetMinutes: configured,
      source: 'configured',
    });
  }
}

/**
 * The server's offset in minutes east of UTC from one file's LIST time
 * (wall clock read as UTC, at minute precision) and its MDTM instant, or
 * undefined when they do not make a plausible zone: more than 15 h apart,
 * or not a whole quarter hour apart. MDTM is cut to the minute first, as
 * LIST shows no seconds.
 */
export function offsetFromListAndMdtm(listWall: Date, mdtm: Date): number | undefined {
  const listMs = Math.floor(listWall.getTime() / MINUTE_MS) * MINUTE_MS;
  const mdtmMs = Math.floor(mdtm.getTime() / MINUTE_MS) * MINUTE_MS;
  const diff = listMs - mdtmMs;
  if (!Number.isFinite(diff)) return undefined;
  const rounded = Math.round(diff / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  if (Math.abs(diff - rounded) >= MINUTE_MS) return undefined;
  const minutes = rounded / MINUTE_MS;
  if (Math.abs(minutes) > MAX_TIMEZONE_OFFSET_MINUTES) return undefined;
  return minutes === 0 ? 0 : minutes; // never -0
}

/** `UTC+08:00`, `UTC−03:30` style (ASCII minus), `UTC` for 0. */
export function formatUtcOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${minutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** A time with minutes (`12:34`, `03:04PM`, `12:34:56`) as its own word. */
const TIME_WORD = /(?:^|\s)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[AaPp][Mm])?(?=\s)/;

/**
 * The newest regular file whose LIST line shows a time of day (a recent
 * Unix `Mon DD HH:MM`, a DOS date with a time, …), or undefined. One offset
 * shifts every entry alike, so "newest" does not depend on the offset the
 * listing was parsed with. The time must stand before the name, so a name
 * that merely looks like a time does not count, and a Unix line with a
 * year has none. `skip` (files asked about already) is consulted only for
 * entries that would beat the best so far.
 */
export function pickProbeFile(entries: readonly FileEntry[], skip: (e: FileEntry) => boolean = () => false): FileEntry | undefined {
  let best: FileEntry | undefined;
  for (const e of entries) {
    // A date without a time of day says nothing about the zone (and is not shifted by it).
    if (e.type !== 'file' || !e.modifiedAt || e.modifiedPrecision === 'day') continue;
    // Cheap test first: on a big listing only the few entries that beat the best so far get the line checks.
    if (best && e.modifiedAt.getTime() <= best.modifiedAt!.getTime()) continue;
    if (e.name === '' || /[\r\n\0/]/.test(e.name) || !e.raw.endsWith(e.name)) continue;
    if (!TIME_WORD.test(e.raw.slice(0, e.raw.length - e.name.length)) || skip(e)) continue;
    best = e;
  }
  return best;
}

/**
 * Under `auto`: compares the newest usable file of this LIST-format listing
 * (parsed with `parsedOffsetMinutes`, the session's offset so far) that has
 * not been asked about yet with MDTM,
 * inside the running control task, and updates the session's offset (see
 * the file comment for when it settles). Sends nothing when the server's
 * FEAT lacks MDTM or the listing has no usable file.
 */
export async function detectTimezone(
  core: ClientCore,
  s: ControlSession,
  dir: string | undefined,
  entries: readonly FileEntry[],
  parsedOffsetMinutes: number,
): Promise<void> {
  if (!needsDetection(core)) return;
  const state = (core.state.serverTimezone ??= { offsetMinutes: 0, settled: false, probed: new Set() });
  // No FEAT at all (refused or not sent) says nothing, so MDTM is tried anyway.
  if (core.state.features.features.size > 0 && !core.has('MDTM')) {
    state.settled = true;
    return;
  }
  // Not a filtered copy of the whole listing: the few candidates are checked as they come.
  const probe = pickProbeFile(entries, (e) => state.probed.has(joinPath(dir ?? '', e.name)));
  if (!probe) return;
  const path = joinPath(dir ?? '', probe.name);
  state.probed.add(path);
  if (state.probed.size >= MAX_PROBES) state.settled = true;
  let reply: { code: number; text: string };
  try {
    reply = await s.request(`MDTM ${path}`);
  } catch (err) {
    // A name the session's charset cannot send: try another file later. Anything else (timeout, closed) is the connection's problem.
    if (isFtpError(err, FtpErrorCodes.INVALID_ARGUMENT)) return;
    throw err;
  }
  if (reply.code === 500 || reply.code === 502) {
    state.settled = true; // the server has no MDTM after all
    return;
  }
  const mdtm = reply.code === 213 ? parseMdtm(reply.text.slice(4)) : undefined;
  if (!mdtm) return;
  const age = Date.now() - mdtm.getTime();
  if (age < BUSY_MS) return;
  // Back to the wall clock the line showed, read as UTC.
  const listWall = new Date(probe.modifiedAt!.getTime() + parsedOffsetMinutes * MINUTE_MS);
  const offset = offsetFromListAndMdtm(listWall, mdtm);
  if (offset === undefined) return;
  if (age <= RECENT_MS) state.settled = true;
  if (offset === state.offsetMinutes) return;
  state.offsetMinutes = offset;
  core.transcript.status(`Server time zone ${formatUtcOffset(offset)}, from LIST time vs MDTM of ${probe.name}; LIST times are shifted accordingly`, {
    type: 'timezone',
    offsetMinutes: offset,
    source: 'detected',
  });
}
