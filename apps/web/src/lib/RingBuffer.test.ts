import { describe, expect, it } from 'vitest';
import { RingBuffer } from './RingBuffer.ts';

describe('RingBuffer', () => {
  it('keeps items in order below capacity', () => {
    const rb = new RingBuffer<number>(4);
    rb.pushAll([1, 2, 3]);
    expect(rb.slice()).toEqual([1, 2, 3]);
    expect(rb.at(0)).toBe(1);
    expect(rb.at(3)).toBeUndefined();
  });

  it('drops the oldest past capacity', () => {
    const rb = new RingBuffer<number>(3);
    for (let i = 1; i <= 10; i += 1) rb.push(i);
    expect(rb.length).toBe(3);
    expect(rb.pushed).toBe(10);
    expect(rb.slice()).toEqual([8, 9, 10]);
    expect(rb.slice(1, 2)).toEqual([9]);
  });

  it('clears', () => {
    const rb = new RingBuffer<string>(2);
    rb.pushAll(['a', 'b', 'c']);
    rb.clear();
    expect(rb.length).toBe(0);
    rb.push('d');
    expect(rb.slice()).toEqual(['d']);
  });
});
