import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BATCH_INTERVAL_MS, HISTORY_CHARS, TranscriptBuffer } from './TranscriptBuffer.ts';

const line = (text: string): WireTranscriptLine => ({ seq: 0, time: 0, connection: 'browse', kind: 'command', text });

afterEach(() => {
  vi.useRealTimers();
});

describe('TranscriptBuffer', () => {
  it('sends a line after a quiet spell on the next tick, and a flood at most once per interval', async () => {
    vi.useFakeTimers();
    const batches: string[][] = [];
    const buffer = new TranscriptBuffer((lines) => batches.push(lines.map((l) => l.text)), () => Date.now());
    buffer.push(line('USER a'));
    await vi.advanceTimersByTimeAsync(0);
    expect(batches).toEqual([['USER a']]);
    // A command and reply per tick, as a recursive delete writes them: held together for the interval.
    for (let i = 0; i < 20; i += 1) {
      buffer.push(line(`DELE f${i}`));
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(batches).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(BATCH_INTERVAL_MS);
    expect(batches).toHaveLength(2);
    expect(batches[1]).toHaveLength(20);
  });

  it('sends what waits at once before another message, numbering every line', () => {
    const batches: WireTranscriptLine[][] = [];
    const buffer = new TranscriptBuffer((lines) => batches.push(lines));
    buffer.push(line('LIST'));
    buffer.push(line('150 Here'));
    buffer.flushNow();
    buffer.flushNow();
    expect(batches.map((b) => b.map((l) => l.seq))).toEqual([[1, 2]]);
  });

  it('keeps the newest 5000 lines for a page that reloads', () => {
    const buffer = new TranscriptBuffer(() => undefined);
    for (let i = 0; i < 12_345; i += 1) buffer.push(line(`NOOP ${i}`));
    const history = buffer.history;
    expect(history).toHaveLength(5000);
    expect(history[0]?.seq).toBe(12_345 - 5000 + 1);
    expect(history.at(-1)?.text).toBe('NOOP 12344');
  });

  it('keeps at most HISTORY_CHARS of text, however few the lines (Review 51: 256 KiB replies held gigabytes)', () => {
    const buffer = new TranscriptBuffer(() => undefined);
    const big = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 200; i += 1) buffer.push(line(`${i} ${big}`));
    const history = buffer.history;
    const chars = history.reduce((n, l) => n + l.text.length, 0);
    expect(chars).toBeLessThanOrEqual(HISTORY_CHARS);
    expect(chars).toBeGreaterThan(HISTORY_CHARS - big.length - 10);
    // The newest lines, in order, ending with the last.
    expect(history.at(-1)?.seq).toBe(200);
    expect(history.map((l) => l.seq)).toEqual(Array.from({ length: history.length }, (_, k) => 200 - history.length + 1 + k));
  });
});
