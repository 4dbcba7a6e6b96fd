import { describe, expect, it } from 'vitest';
import { findTypeAhead } from './useGridKeyboard.ts';

const rows = ['alpha', 'beta', 'Bravo', 'charlie'].map((name) => ({ name, type: 'file' as const }));

describe('findTypeAhead', () => {
  it('finds the next match from a position, case-insensitively, wrapping', () => {
    expect(findTypeAhead(rows, 'b', 0)).toBe(1);
    expect(findTypeAhead(rows, 'b', 2)).toBe(2);
    expect(findTypeAhead(rows, 'b', 3)).toBe(1);
    expect(findTypeAhead(rows, 'br', 0)).toBe(2);
    expect(findTypeAhead(rows, 'z', 0)).toBe(-1);
  });
});
