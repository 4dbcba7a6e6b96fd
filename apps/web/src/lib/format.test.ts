import { describe, expect, it, vi } from 'vitest';
import { formatBytes, formatClock, formatModified, formatRate } from './format.ts';

describe('format', () => {
  it('formats sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB');
    expect(formatBytes(undefined)).toBe('');
  });

  it('formats clock time with milliseconds', () => {
    const t = new Date(2026, 0, 2, 3, 4, 5, 6).getTime();
    expect(formatClock(t)).toBe('03:04:05.006');
  });

  it('formats listing dates as sortable local dates', () => {
    const local = new Date(2024, 2, 5, 14, 7, 9).toISOString();
    expect(formatModified(local, 'minute')).toBe('2024-03-05 14:07');
    expect(formatModified(local, 'second', true)).toBe('2024-03-05 14:07:09');
    // A local midnight to the minute is a time like any other.
    expect(formatModified(new Date(2019, 5, 1).toISOString(), 'minute')).toBe('2019-06-01 00:00');
    expect(formatModified(undefined)).toBe('');
  });

  it('shows a date-only stamp as its UTC date, whatever the local zone', () => {
    try {
      // Node re-reads TZ when it is assigned; in both zones 00:00 UTC is another hour, or another day.
      for (const tz of ['America/New_York', 'Asia/Shanghai']) {
        vi.stubEnv('TZ', tz);
        expect(new Date('2019-06-01T00:00:00.000Z').getHours()).not.toBe(0);
        expect(formatModified('2019-06-01T00:00:00.000Z', 'day')).toBe('2019-06-01');
        expect(formatModified('2019-06-01T00:00:00.000Z', 'day', true)).toBe('2019-06-01');
      }
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('leaves the rate empty when nothing moves', () => {
    expect(formatRate(0)).toBe('');
    expect(formatRate(2048)).toBe('2.0 KB/s');
  });
});
