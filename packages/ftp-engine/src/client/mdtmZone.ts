/**
 * The zone the two-argument MDTM (`MDTM <time> <path>`, which sets a file's
 * time on servers without MFMT) speaks. RFC 3659 says UTC, and MFMT is UTC,
 * but vsftpd with `use_localtime=YES` (Debian's and Ubuntu's default) reads
 * and writes MDTM times in the server's local time: a UTC time sent as it is
 * lands hours off, and reading it back shows nothing wrong, as both
 * directions are shifted alike. Only a file whose real time is known tells:
 * one just written has a time of about now, so its MDTM, against our clock,
 * is the zone's offset (rounded to the quarter hour, and only an offset some
 * zone has: a server clock a few minutes off ours must not pass for one).
 */
import type { ControlSession } from '../control/session.ts';
import { MAX_TIMEZONE_OFFSET_MINUTES, type ClientCore } from './core.ts';
import { parseMdtm } from './mdtm.ts';
import { formatUtcOffset } from './timezone.ts';

const MINUTE_MS = 60_000;
/** How far from a zone's offset the difference may be: the two clocks' skew, and the seconds since the write. */
const SKEW_MINUTES = 2;
/** The zones off the half hour (Nepal, Eucla, Chatham); every other zone is a whole or a half hour. */
const QUARTER_ZONES = new Set([345, 525, 765]);

/**
 * Is `minutes` an offset some zone has? No zone is within an hour of UTC but
 * UTC itself, so a server clock 15 or 30 minutes off ours is not taken for one.
 */
function isZoneOffset(minutes: number): boolean {
  if (minutes === 0) return true;
  const size = Math.abs(minutes);
  return size >= 60 && size <= MAX_TIMEZONE_OFFSET_MINUTES && (size % 30 === 0 || QUARTER_ZONES.has(size));
}

/**
 * The offset, in minutes east of UTC, to add to a UTC time before sending it
 * with MDTM. `fresh` was written just now. Learnt once per connection; 0 when
 * the server does not say, or its clock is too far from ours to tell a zone
 * (then asked again next time, as a later file may tell).
 */
export async function mdtmZoneMinutes(core: ClientCore, s: ControlSession, fresh: string): Promise<number> {
  const known = core.state.mdtmZoneMinutes;
  if (known !== undefined) return known;
  const r = await s.request(`MDTM ${fresh}`);
  const at = r.code === 213 ? parseMdtm(r.text.slice(4)) : undefined;
  if (!at) return 0;
  const diff = (at.getTime() - Date.now()) / MINUTE_MS;
  const zone = Math.round(diff / 15) * 15;
  if (Math.abs(diff - zone) > SKEW_MINUTES || !isZoneOffset(zone)) return 0;
  // `0 + 0` rather than -0, which would print as a zone of its own.
  const offset = zone + 0;
  core.state.mdtmZoneMinutes = offset;
  if (offset !== 0) {
    core.transcript.status(
      `MDTM times are in ${formatUtcOffset(offset)} on this server (the time of a file just written), not UTC: times set with MDTM are shifted to match`,
    );
  }
  return offset;
}
