/**
 * The FTP server time zones the connect form offers: automatic detection, or
 * a fixed offset for servers whose MDTM is in local time too (detection
 * cannot see through those), as desktop clients' "adjust server time" does.
 */

/** `auto`, or minutes east of UTC (UTC+08:00 is 480); the wire's `serverTimezone`. */
export type ServerTimezone = 'auto' | number;

// The half- and quarter-hour zones in real use (tz database), beside every whole hour.
const ODD_OFFSETS = [-570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825];

/** Every fixed offset offered, west to east: UTC-12:00 … UTC+14:00. */
export const TIMEZONE_OFFSETS: readonly number[] = [
  ...Array.from({ length: 27 }, (_, i) => (i - 12) * 60),
  ...ODD_OFFSETS,
].sort((a, b) => a - b);

/**
 * A stored value (last site, saved site) back to a choice the form offers;
 * anything else, such as a damaged or older entry, means automatic.
 */
export function toServerTimezone(value: unknown): ServerTimezone {
  return typeof value === 'number' && TIMEZONE_OFFSETS.includes(value) ? value : 'auto';
}

/** The select's option value → the choice. */
export function parseTimezoneOption(value: string): ServerTimezone {
  return value === 'auto' ? 'auto' : toServerTimezone(Number(value));
}
