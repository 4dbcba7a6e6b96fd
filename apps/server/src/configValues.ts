/**
 * Validators for configuration values. Every setting is checked when the
 * server starts, so a typo fails at once with a message naming the flag and
 * the environment variable, instead of a stack trace from deep inside, or a
 * server that starts and breaks on the first transfer.
 */
import { isIP } from 'node:net';

/** Where a setting comes from: its flag (if it has one) and its environment variable. */
export interface SettingName {
  flag?: string;
  env: string;
}

/** The thrown error: main.ts prints its message and exits 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** `--flag / ENV` or `ENV`, as error messages name a setting. */
export function describeSetting(name: SettingName): string {
  return name.flag ? `--${name.flag} / ${name.env}` : name.env;
}

function fail(name: SettingName, raw: string, want: string): never {
  throw new ConfigError(`bad ${describeSetting(name)}: "${raw}" (${want})`);
}

/** Largest delay setTimeout takes; beyond it Node fires after 1 ms instead. */
export const MAX_TIMER_MS = 2_147_483_647;

/** An integer within [min, max]; `fallback` when unset or empty. */
export function integer(name: SettingName, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const text = raw.trim();
  const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) fail(name, raw, `want an integer from ${min} to ${max}`);
  return n;
}

/** Spellings accepted for on and off, compared case-insensitively. */
export const BOOLEAN_SPELLINGS = { on: ['1', 'true', 'yes', 'on'], off: ['0', 'false', 'no', 'off'] } as const;

/** A boolean in one of {@link BOOLEAN_SPELLINGS}; `undefined` when unset or empty. */
export function boolean(name: SettingName, raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const text = raw.trim().toLowerCase();
  if ((BOOLEAN_SPELLINGS.on as readonly string[]).includes(text)) return true;
  if ((BOOLEAN_SPELLINGS.off as readonly string[]).includes(text)) return false;
  return fail(name, raw, `want one of ${[...BOOLEAN_SPELLINGS.on, ...BOOLEAN_SPELLINGS.off].join(', ')}`);
}

/** `*` or comma-separated ports and ranges (`21,990,2000-2100`), each within 1–65535 and low to high. */
export function portRanges(name: SettingName, raw: string): Array<[number, number]> {
  if (raw.trim() === '*') return [[1, 65535]];
  const want = 'want * or ports and ranges from 1 to 65535, e.g. 21,990,2000-2100';
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) fail(name, raw, want);
  return parts.map((part) => {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    const low = Number(m?.[1]);
    const high = m?.[2] === undefined ? low : Number(m[2]);
    if (!m || low < 1 || high > 65535 || low > high) fail(name, raw, want);
    return [low, high];
  });
}

/** An IPv4 or IPv6 address. */
export function ipAddress(name: SettingName, raw: string): string {
  const text = raw.trim();
  if (isIP(text) === 0) fail(name, raw, 'want an IPv4 or IPv6 address');
  return text;
}

/** A host name as DNS allows it (letters, digits, hyphens, dots). */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

/**
 * The address to bind: an IPv4 or IPv6 address, or a host name (which
 * listen resolves). Dotted digits that are no IPv4 address (`999.1.1.1`)
 * are a typo, not a name.
 */
export function bindHost(name: SettingName, raw: string): string {
  const text = raw.trim();
  if (isIP(text) !== 0) return text;
  if (!HOST_NAME.test(text) || /^[\d.]+$/.test(text)) fail(name, raw, 'want an IPv4 or IPv6 address, or a host name of this machine');
  return text;
}

/** Allow/deny entries: host names, addresses, or CIDRs with a prefix length that fits the family. */
export function targetList(name: SettingName, entries: string[]): string[] {
  for (const entry of entries) {
    const [addr = '', bits, extra] = entry.split('/');
    if (extra === undefined && isIP(addr) === 0 && bits === undefined) {
      if (!HOST_NAME.test(addr)) fail(name, entry, 'want a host name, an address or a CIDR');
      continue;
    }
    checkAddressOrCidr(name, entry, 'want a host name, an address or a CIDR');
  }
  return entries;
}

/** Trusted proxies: addresses or CIDRs only (a host name would make trust depend on DNS). */
export function addressList(name: SettingName, entries: string[]): string[] {
  for (const entry of entries) checkAddressOrCidr(name, entry, 'want an address or a CIDR');
  return entries;
}

/** Fails unless `entry` is an address, or a CIDR whose prefix length fits its family. */
function checkAddressOrCidr(name: SettingName, entry: string, want: string): void {
  const [addr = '', bits, extra] = entry.split('/');
  const family = isIP(addr);
  if (extra !== undefined) fail(name, entry, want);
  if (family === 0) fail(name, entry, bits === undefined ? want : 'a CIDR needs an IPv4 or IPv6 address before the /');
  if (bits === undefined) return;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > max) fail(name, entry, `want a prefix length from 0 to ${max} after the /`);
}

/** pino's levels. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One of {@link LOG_LEVELS}. */
export function logLevel(name: SettingName, raw: string): string {
  const text = raw.trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(text)) fail(name, raw, `want one of ${LOG_LEVELS.join(', ')}`);
  return text;
}
