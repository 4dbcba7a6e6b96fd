import { describe, expect, it } from 'vitest';
import { computeWindow } from './useVirtualRows.ts';

describe('computeWindow', () => {
  it('renders everything below the threshold', () => {
    expect(computeWindow(5000, 300, 28, 50, 10, 400)).toEqual({ start: 0, end: 50, pageSize: 10 });
  });

  it('windows large lists around the scroll position', () => {
    const w = computeWindow(28 * 50_000, 280, 28, 100_000, 5, 400);
    expect(w).toEqual({ start: 49_995, end: 50_016, pageSize: 10 });
  });

  it('clamps at both ends', () => {
    expect(computeWindow(0, 280, 28, 1000, 5, 10).start).toBe(0);
    expect(computeWindow(28 * 999, 280, 28, 1000, 5, 10).end).toBe(1000);
  });
});
