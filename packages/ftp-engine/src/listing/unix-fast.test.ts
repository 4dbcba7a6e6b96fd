import { describe, expect, it } from 'vitest';
import { prng } from '@ftpdeck/test-servers';
import { parseListing, parseUnixLine } from './index.ts';
import { parseUnixLineGeneral } from './unix.ts';

/**
 * The fast path must return exactly what the general scanner returns, or
 * leave the line to it. These lines mix the common shape with every column
 * variant the general scanner knows, including the ones where it reads the
 * columns differently (a year-like size after "owner group" that looks
 * like a date, tabs, devices, seconds, localized months).
 */
const TYPES = ['-', 'd', 'l', 'c', 'b', 'p', 's', 'D', '?', 'x'];
const PERMS = ['rw-r--r--', 'rwxr-xr-x', 'rwxrwxrwx', 'rwsr-sr-t', 'rw-r--r--+', 'rwxr-xr-x@', 'rw-r--r--.', '---------', 'rwxr-xr-q'];
const LINKS = ['1', '12', '', '1024'];
const OWNERS = ['ftp', '1000', 'mar', 'John Smith', '2024-01-02', 'jan', '10', 'a\tb', 'www-data', 'Nov'];
const GROUPS = ['ftp', '10', '2024', '10:30', '1,', 'users', '', '3', '07:35:08'];
const SIZES = ['0', '4096', '1999', '1899', '123456789012', '123456789012345', '1234567890123456', '12345678901234567890', '1, 3', '8,0', 'x', '2048'];
const MONTHS = ['Nov', 'nov', 'NOV', 'Jan', 'Okt', 'févr.', '3月', 'Foo', 'Ma', 'Sept'];
const DAYS = ['1', '07', '31', '32', '0', '3日', '123'];
const TIMES = ['10:30', '9:05', '23:59', '24:00', '12:61', '2024', '1899', '10:30:15', '10:30:15.123', '2024年', '123:45', '1:2', '10:3x'];
const SEPARATORS = [' ', ' ', ' ', '  ', '    ', '\t'];
const NAMES = ['file.txt', ' leading', 'a -> b', '.', '..', 'name with  spaces', '', 'report-2024.tar.gz', 'Nov 21 10:30 x'];
const NOWS = [new Date('2024-03-15T12:00:00Z'), new Date('2026-11-21T08:00:00Z'), new Date('2025-01-01T00:00:00Z')];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function randomLine(random: () => number): string {
  const sep = (): string => pick(random, SEPARATORS);
  const dayFirst = random() < 0.1;
  const iso = random() < 0.05;
  const date = iso
    ? `2024-01-02${sep()}${pick(random, ['03:04', '03:04:05.123456789 +0100', '3:04'])}`
    : dayFirst
      ? `${pick(random, DAYS)}${sep()}${pick(random, MONTHS)}${sep()}${pick(random, TIMES)}`
      : `${pick(random, MONTHS)}${sep()}${pick(random, DAYS)}${sep()}${pick(random, TIMES)}`;
  const link = pick(random, LINKS);
  const glued = random() < 0.05;
  return (
    `${pick(random, TYPES)}${pick(random, PERMS)}${glued ? '' : sep()}${link}${link === '' ? '' : sep()}` +
    `${pick(random, OWNERS)}${sep()}${pick(random, GROUPS)}${sep()}${pick(random, SIZES)}${sep()}${date}` +
    `${random() < 0.95 ? ' ' : pick(random, ['', '\t', '  '])}${pick(random, NAMES)}`
  );
}

/** The common shape, as the benchmark and vsftpd print it. */
function commonLine(random: () => number): string {
  const type = pick(random, ['-', 'd', 'l']);
  const size = String(Math.floor(random() ** 3 * 5e9)).padStart(12);
  const day = String(1 + Math.floor(random() * 31)).padStart(2);
  const when =
    random() < 0.5
      ? `${String(Math.floor(random() * 24)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`
      : ` ${1990 + Math.floor(random() * 40)}`;
  const month = pick(random, ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
  const owner = pick(random, ['ftp', 'www-data', '1000', 'alice']).padEnd(8);
  const name = `${pick(random, ['report', 'IMG 01', 'data'])}-${Math.floor(random() * 1000)}${type === 'l' ? ' -> ../t' : ''}`;
  return `${type}rw-r--r--    ${1 + Math.floor(random() * 9)} ${owner} ${owner} ${size} ${month} ${day} ${when} ${name}`;
}

describe('Unix fast path', () => {
  it('agrees with the general scanner on 30 000 random column mixes (fixed seed)', () => {
    const random = prng(7);
    let entries = 0;
    for (let i = 0; i < 30_000; i++) {
      const line = randomLine(random);
      const options = { now: pick(random, NOWS), timezoneOffsetMinutes: pick(random, [0, 0, 60, -330]) };
      const general = parseUnixLineGeneral(line, options);
      expect(parseUnixLine(line, options), JSON.stringify(line)).toStrictEqual(general);
      if (general !== null) entries++;
    }
    expect(entries).toBeGreaterThan(3000); // the mix must reach real entries, not only rejects
  });

  it('agrees with the general scanner on 20 000 common-shape lines, dates around the half-year boundary included', () => {
    const random = prng(8);
    for (let i = 0; i < 20_000; i++) {
      const line = commonLine(random);
      const options = { now: pick(random, NOWS) };
      const general = parseUnixLineGeneral(line, options);
      expect(general).not.toBeNull();
      expect(parseUnixLine(line, options)).toStrictEqual(general);
    }
  });

  it('leaves a year-like size after an "owner group" that reads as a date to the general scanner', () => {
    // `mar 10 4096`: the general scanner anchors on that date first.
    const line = 'drwxr-xr-x    2 mar      10           4096 Nov 21 10:30 dir';
    const entry = parseUnixLine(line, { now: new Date('2026-11-21T08:00:00Z') });
    expect(entry).toStrictEqual(parseUnixLineGeneral(line, { now: new Date('2026-11-21T08:00:00Z') }));
    expect(entry?.name).toBe('Nov 21 10:30 dir');
  });

  it('reads the common shape fully', () => {
    const entry = parseUnixLine('-rw-r--r--    1 www-data www-data   5000000000 Nov  3  2019 big file.iso', { now: new Date('2026-11-21T08:00:00Z') });
    expect(entry).toStrictEqual({
      name: 'big file.iso',
      type: 'file',
      size: 5_000_000_000,
      modifiedAt: new Date('2019-11-03T00:00:00Z'),
      modifiedPrecision: 'day',
      permissions: 'rw-r--r--',
      owner: 'www-data',
      group: 'www-data',
      target: undefined,
      raw: '-rw-r--r--    1 www-data www-data   5000000000 Nov  3  2019 big file.iso',
    });
  });
});

describe('year inference across listings', () => {
  const text = ['-rw-r--r-- 1 u g 1 Dec 31 23:59 late', '-rw-r--r-- 1 u g 1 Jan 01 00:00 early', '-rw-r--r-- 1 u g 1 Jun 15 12:00 mid'].join('\r\n');
  const years = (now: string, timezoneOffsetMinutes = 0): number[] =>
    parseListing(text, { now: new Date(now), timezoneOffsetMinutes }).map((e) => e.modifiedAt!.getUTCFullYear());

  it('follows each call’s own "now", whatever the call before it used', () => {
    expect(years('2024-03-15T12:00:00Z')).toEqual([2023, 2024, 2024]);
    // Late December: Jan 01 and Jun 15 of this year are over half a year back, so next year's.
    expect(years('2024-12-20T12:00:00Z')).toEqual([2024, 2025, 2025]);
    expect(years('2025-01-02T12:00:00Z')).toEqual([2024, 2025, 2025]);
    expect(years('2024-03-15T12:00:00Z')).toEqual([2023, 2024, 2024]);
  });

  it('puts the same date text in different years on either side of the half-year boundary', () => {
    // Jun 15 12:00 lies ~182.6 days before mid-December: just inside, then just outside.
    expect(years('2024-12-14T00:00:00Z')[2]).toBe(2024);
    expect(years('2024-12-15T12:00:00Z')[2]).toBe(2025);
  });

  it('applies the server offset to "now" and to the times', () => {
    // 23:30 UTC on Dec 31 is already Jan 1 on a UTC+1 server clock.
    const [late, early] = parseListing(text, { now: new Date('2024-12-31T23:30:00Z'), timezoneOffsetMinutes: 60 });
    expect(late!.modifiedAt).toEqual(new Date('2024-12-31T22:59:00Z'));
    expect(early!.modifiedAt).toEqual(new Date('2024-12-31T23:00:00Z'));
  });
});
