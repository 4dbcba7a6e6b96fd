/**
 * The zone the two-argument MDTM (`MDTM <time> <path>`, which sets a file's
 * time on servers without MFMT) speaks. RFC 3659 says UTC, and MFMT is UTC,
 * but vsftpd with `use_localtime=YES` (Debian's and Ubuntu's default) reads
 * and writes MDTM times in the server's local time: a UTC time sent as it is
 * lands hours off, and reading it back shows nothing wrong, as both
 * directions are shifted alike. Only a file whose real time is known tells:
 * one just written has a time of about now, so its MDTM, against our clock,
 * is the zone's offset (rounded to the quarter hour zones come in).
 */
import type { ControlSession } from '../control/session.ts';
import { MAX_TIMEZONE_OFFSET_MINUTES, type ClientCore } from './core.ts';
import { parseMdtm } from './mdtm.ts';
import { formatUtcOffset } from './timezone.ts';

const MINUTE_MS = 60_000;
/** How far from a zone's offset the difference may be: the two clocks' skew, and the seconds since the write. */
const SKEW_MINUTES = 2;

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
  if (Math.abs(diff - zone) > SKEW_MINUTES || Math.abs(zone) > MAX_TIMEZONE_OFFSET_MINUTES) return 0;
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
