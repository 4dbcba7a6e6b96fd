import { describe, expect, it } from 'vitest';
import { prng } from '@ftpdeck/test-servers';
import { inferYear, makeListingContext, monthStartMs, parseFactTime, recentWallMs, utcMs } from './time.ts';

describe('utcMs', () => {
  it('agrees with Date.UTC on 20 000 random date-times (fixed seed), day overflow included', () => {
    const random = prng(2024);
    for (let i = 0; i < 20_000; i++) {
      const args = [
        100 + Math.floor(random() * 9800),
        Math.floor(random() * 12),
        1 + Math.floor(random() * 31), // 31 on a 30-day month rolls over, as in Date.UTC
        Math.floor(random() * 24),
        Math.floor(random() * 60),
        Math.floor(random() * 60),
      ] as const;
      expect(utcMs(...args), args.join(',')).toBe(Date.UTC(...args));
    }
  });
});

describe('parseFactTime', () => {
  it.each([
    ['20240229235959', '2024-02-29T23:59:59.000Z'],
    ['19700101000000.001', '1970-01-01T00:00:00.001Z'],
    ['20240102030405.123456', '2024-01-02T03:04:05.123Z'],
  ])('%s', (text, iso) => {
    expect(parseFactTime(text, 0, text.length)?.toISOString()).toBe(iso);
  });

  it.each(['2024010203040', '20241302030405', '2024010203040x', '20240102030405.', '20240102030405,1'])('rejects %s', (text) => {
    expect(parseFactTime(text, 0, text.length)).toBeUndefined();
  });
});

describe('inferYear', () => {
  it('is the year that puts the date within half a year of now', () => {
    const ctx = makeListingContext({ now: new Date('2024-07-01T00:00:00Z') });
    expect(inferYear(ctx, 0, 2, 0, 0)).toBe(2024); // January: 6 months back
    expect(inferYear(ctx, 11, 31, 0, 0)).toBe(2023); // December this year would be 6 months ahead
    expect(inferYear(ctx, 8, 1, 0, 0)).toBe(2024); // two months ahead: a server with a fast clock
  });
});

describe('monthStartMs', () => {
  it('agrees with Date.UTC inside and outside its table, on first and repeated use', () => {
    const random = prng(2025);
    for (let i = 0; i < 5_000; i++) {
      const year = random() < 0.8 ? 1900 + Math.floor(random() * 256) : 100 + Math.floor(random() * 9_900); // Date.UTC maps 0–99 to 19xx
      const month = Math.floor(random() * 12);
      expect(monthStartMs(year, month), `${year}-${month}`).toBe(Date.UTC(year, month, 1));
      expect(monthStartMs(year, month)).toBe(Date.UTC(year, month, 1));
    }
    for (const [year, month] of [[1899, 11], [1900, 0], [2155, 11], [2156, 0]] as const) {
      expect(monthStartMs(year, month)).toBe(Date.UTC(year, month, 1));
    }
  });
});

describe('recentWallMs', () => {
  it('is utcMs in the year inferYear picks, for any "now" and offset', () => {
    const random = prng(2026);
    for (let i = 0; i < 5_000; i++) {
      const ctx = makeListingContext({
        now: new Date(Date.UTC(2000 + Math.floor(random() * 40), 0, 1) + Math.floor(random() * 366 * 86_400_000)),
        timezoneOffsetMinutes: Math.floor(random() * 1500) - 750,
      });
      const [month, day, hour, minute] = [Math.floor(random() * 12), 1 + Math.floor(random() * 31), Math.floor(random() * 24), Math.floor(random() * 60)];
      const year = inferYear(ctx, month, day, hour, minute);
      expect(recentWallMs(ctx, month, day, hour, minute)).toBe(utcMs(year, month, day, hour, minute, 0));
    }
  });
});
