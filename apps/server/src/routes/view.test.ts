import { describe, expect, it } from 'vitest';
import { startsAsUtf8 } from './view.ts';

describe('startsAsUtf8', () => {
  const text = Buffer.from('Zoë 测试');
  it('takes a prefix that ends inside a character', () => {
    // 测 is three bytes: cut after its first and second.
    expect(startsAsUtf8(text.subarray(0, text.length - 4), false)).toBe(true);
    expect(startsAsUtf8(text.subarray(0, text.length - 5), false)).toBe(true);
  });
  it('refuses such an end when the bytes are the whole file, and refuses other text', () => {
    expect(startsAsUtf8(text.subarray(0, text.length - 4), true)).toBe(false);
    expect(startsAsUtf8(Buffer.from([0xb2, 0xe2, 0xca, 0xd4]), false)).toBe(false); // 测试 in GBK
  });
});
