/**
 * MDTM time stamps (RFC 3659 §2.3, §3): `YYYYMMDDHHMMSS[.sss]`, always UTC.
 * Read by lastModified and by the time zone check (client/timezone.ts),
 * written by setLastModified.
 */

/** Parses `YYYYMMDDHHMMSS[.sss]` as UTC (RFC 3659 §2.3). */
export function parseMdtm(text: string): Date | undefined {
  const m = /(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, se, ms));
}

/** `YYYYMMDDHHMMSS` in UTC. */
export function formatMdtm(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
