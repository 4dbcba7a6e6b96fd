import { describe, expect, it } from 'vitest';
import { ConnectParams } from '@ftpdeck/protocol';
import { formatUtcOffset } from '../../lib/format.ts';
import { TIMEZONE_OFFSETS, parseTimezoneOption, toServerTimezone } from './serverTimezones.ts';

describe('serverTimezones', () => {
  it('offers every whole hour from UTC-12 to UTC+14 and the real odd zones, in order', () => {
    expect(TIMEZONE_OFFSETS).toHaveLength(27 + 13);
    // Newfoundland in summer (America/St_Johns, UTC-02:30).
    expect(TIMEZONE_OFFSETS).toContain(-150);
    expect(TIMEZONE_OFFSETS[0]).toBe(-720);
    expect(TIMEZONE_OFFSETS.at(-1)).toBe(840);
    expect([...TIMEZONE_OFFSETS].sort((a, b) => a - b)).toEqual(TIMEZONE_OFFSETS);
    expect(new Set(TIMEZONE_OFFSETS).size).toBe(TIMEZONE_OFFSETS.length);
    // Every one is a value the wire accepts.
    for (const m of TIMEZONE_OFFSETS) expect(ConnectParams.safeParse({ host: 'h', serverTimezone: m }).success).toBe(true);
  });

  it('labels offsets the way the transcript names them', () => {
    expect(formatUtcOffset(480)).toBe('UTC+08:00');
    expect(formatUtcOffset(-210)).toBe('UTC-03:30');
    expect(formatUtcOffset(345)).toBe('UTC+05:45');
    expect(formatUtcOffset(0)).toBe('UTC+00:00');
  });

  it('reads back only offered choices', () => {
    expect(parseTimezoneOption('auto')).toBe('auto');
    expect(parseTimezoneOption('480')).toBe(480);
    expect(parseTimezoneOption('481')).toBe('auto');
    expect(toServerTimezone('480')).toBe('auto');
    expect(toServerTimezone(undefined)).toBe('auto');
    expect(toServerTimezone(-570)).toBe(-570);
  });
});
