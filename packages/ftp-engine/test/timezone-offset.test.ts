/**
 * The pure parts of time zone detection: LIST vs MDTM arithmetic, the
 * probe file choice and the offset's text form.
 */
import { describe, expect, it } from 'vitest';
import { formatUtcOffset, offsetFromListAndMdtm, pickProbeFile } from '../src/client/timezone.ts';
import { parseListing } from '../src/index.ts';

const at = (iso: string): Date => new Date(iso);

describe('offsetFromListAndMdtm', () => {
  it('gives whole quarter hours east of UTC', () => {
    expect(offsetFromListAndMdtm(at('2026-11-18T21:38:00Z'), at('2026-11-18T13:38:00Z'))).toBe(480);
    expect(offsetFromListAndMdtm(at('2026-11-18T13:38:00Z'), at('2026-11-18T13:38:00Z'))).toBe(0);
    expect(offsetFromListAndMdtm(at('2026-11-18T19:23:00Z'), at('2026-11-18T13:38:00Z'))).toBe(345); // Nepal, UTC+05:45
  });

  it('handles negative offsets such as UTC-03:30', () => {
    expect(offsetFromListAndMdtm(at('2026-11-18T10:08:00Z'), at('2026-11-18T13:38:00Z'))).toBe(-210);
    expect(Object.is(offsetFromListAndMdtm(at('2026-11-18T13:38:00Z'), at('2026-11-18T13:38:59Z')), 0)).toBe(true);
  });

  it('cuts MDTM to the minute, since LIST has no seconds', () => {
    expect(offsetFromListAndMdtm(at('2026-11-18T21:38:00Z'), at('2026-11-18T13:38:59.999Z'))).toBe(480);
    expect(offsetFromListAndMdtm(at('2026-11-18T21:38:00Z'), at('2026-11-18T13:38:00.001Z'))).toBe(480);
    // Across a day boundary.
    expect(offsetFromListAndMdtm(at('2026-11-19T07:59:00Z'), at('2026-11-18T23:59:30Z'))).toBe(480);
  });

  it('refuses differences that are not a whole quarter hour', () => {
    expect(offsetFromListAndMdtm(at('2026-11-18T21:39:00Z'), at('2026-11-18T13:38:00Z'))).toBeUndefined();
    expect(offsetFromListAndMdtm(at('2026-11-18T21:37:00Z'), at('2026-11-18T13:38:59Z'))).toBeUndefined();
    expect(offsetFromListAndMdtm(at('2026-11-18T13:45:00Z'), at('2026-11-18T13:38:00Z'))).toBeUndefined();
  });

  it('keeps within ±15 h', () => {
    expect(offsetFromListAndMdtm(at('2026-11-19T04:38:00Z'), at('2026-11-18T13:38:00Z'))).toBe(900);
    expect(offsetFromListAndMdtm(at('2026-11-17T22:38:00Z'), at('2026-11-18T13:38:00Z'))).toBe(-900);
    expect(offsetFromListAndMdtm(at('2026-11-19T04:53:00Z'), at('2026-11-18T13:38:00Z'))).toBeUndefined();
    expect(offsetFromListAndMdtm(at('2025-11-18T13:38:00Z'), at('2026-11-18T13:38:00Z'))).toBeUndefined();
    expect(offsetFromListAndMdtm(new Date(Number.NaN), at('2026-11-18T13:38:00Z'))).toBeUndefined();
  });
});

describe('formatUtcOffset', () => {
  it('prints UTC±HH:MM', () => {
    expect(formatUtcOffset(480)).toBe('UTC+08:00');
    expect(formatUtcOffset(-210)).toBe('UTC-03:30');
    expect(formatUtcOffset(345)).toBe('UTC+05:45');
    expect(formatUtcOffset(0)).toBe('UTC');
  });
});

describe('pickProbeFile', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  const parse = (text: string) => parseListing(text, { now });

  it('takes the newest regular file with a time of day', () => {
    const entries = parse(
      [
        'drwxr-xr-x   2 u g      4096 Nov 19 10:00 newer-dir',
        'lrwxrwxrwx   1 u g         9 Nov 19 11:00 link -> older.txt',
        '-rw-r--r--   1 u g         1 Nov 18 09:15 older.txt',
        '-rw-r--r--   1 u g         1 Nov 18 21:38 newest.txt',
        '-rw-r--r--   1 u g         1 Jan 02  2019 ancient.txt',
      ].join('\n'),
    );
    expect(pickProbeFile(entries)?.name).toBe('newest.txt');
  });

  it('skips Unix lines with a year and files whose name only looks like a time', () => {
    const entries = parse(['-rw-r--r--   1 u g         1 Jan 02  2019 12:30 notes', '-rw-r--r--   1 u g 1 Feb 03  2020 b.txt'].join('\n'));
    expect(pickProbeFile(entries)).toBeUndefined();
  });

  it('reads DOS lines with a time', () => {
    const entries = parse(['11-18-26  09:38PM                 1 dos.txt', '11-18-26  10:00PM       <DIR>          folder'].join('\n'));
    expect(pickProbeFile(entries)?.name).toBe('dos.txt');
  });

  it('ignores MLSD entries', () => {
    expect(pickProbeFile(parse('type=file;size=1;modify=20261118133847; m.txt'))).toBeUndefined();
  });
});
