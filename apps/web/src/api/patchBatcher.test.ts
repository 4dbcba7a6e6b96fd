import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPatchBatcher } from './patchBatcher.ts';
import { TransferEvents } from './transferEvents.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('createPatchBatcher', () => {
  it('merges patches per key and applies them once per interval', () => {
    vi.useFakeTimers();
    const applied: Array<Record<string, { a?: number; b?: number }>> = [];
    const batcher = createPatchBatcher<{ a?: number; b?: number }>((p) => applied.push(p), 100);
    batcher.patch('x', { a: 1 });
    batcher.patch('x', { a: 2, b: 1 });
    batcher.patch('y', { b: 5 });
    expect(applied).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(applied).toEqual([{ x: { a: 2, b: 1 }, y: { b: 5 } }]);
  });

  it('flushes immediately on demand and not again after', () => {
    vi.useFakeTimers();
    const applied: unknown[] = [];
    const batcher = createPatchBatcher<{ a: number }>((p) => applied.push(p), 100);
    batcher.patch('x', { a: 1 });
    batcher.flush();
    vi.advanceTimersByTime(500);
    expect(applied).toEqual([{ x: { a: 1 } }]);
  });
});

describe('TransferEvents', () => {
  it('routes by transferId and replays early events', () => {
    const events = new TransferEvents();
    events.dispatch({ type: 'transfer-done', transferId: 7, ok: true, bytes: 0 });
    const seen: string[] = [];
    const off = events.subscribe(7, (e) => seen.push(e.type));
    expect(seen).toEqual(['transfer-done']);
    events.dispatch({ type: 'upload-ack', transferId: 7, accepted: 10 });
    events.dispatch({ type: 'upload-ack', transferId: 8, accepted: 10 });
    expect(seen).toEqual(['transfer-done', 'upload-ack']);
    off();
    events.dispatch({ type: 'upload-ack', transferId: 7, accepted: 20 });
    expect(seen).toHaveLength(2);
  });
});
