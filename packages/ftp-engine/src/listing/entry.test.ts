import { describe, expect, it } from 'vitest';
import { sharedSlice } from './entry.ts';

describe('sharedSlice', () => {
  it('returns the text asked for when another value sits in the same slot', () => {
    // Same length, first and last character: the same slot of the same call site.
    const text = 'abc axc abc axc';
    expect(sharedSlice(text, 0, 3, 99)).toBe('abc');
    expect(sharedSlice(text, 4, 7, 99)).toBe('axc');
    expect(sharedSlice(text, 8, 11, 99)).toBe('abc');
    expect(sharedSlice(text, 12, 15, 99)).toBe('axc');
  });

  it('hands out one shared string for a repeated value', () => {
    const text = 'www-data www-data';
    expect(sharedSlice(text, 0, 8, 98)).toBe(sharedSlice(text, 9, 17, 98));
    expect(sharedSlice(text, 9, 17, 98)).toBe('www-data');
  });
});
