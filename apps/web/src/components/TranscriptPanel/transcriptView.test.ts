import { describe, expect, it } from 'vitest';
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { RingBuffer } from '../../lib/RingBuffer.ts';
import { connectionTags, pickLines, type TranscriptFilter } from './transcriptView.ts';

const all: TranscriptFilter = { kinds: new Set(['command', 'reply', 'status', 'error']), connection: null, search: '' };

function buffer(): RingBuffer<WireTranscriptLine> {
  const rb = new RingBuffer<WireTranscriptLine>(100);
  const add = (seq: number, kind: WireTranscriptLine['kind'], text: string, connection = 'browse') =>
    rb.push({ seq, time: 0, kind, text, connection });
  add(1, 'command', 'USER demo');
  add(2, 'reply', '331 Please specify the password.');
  add(3, 'command', 'PASS ****');
  add(4, 'reply', '230 Login successful.');
  add(5, 'command', 'STOR a.txt', 'transfer-1');
  add(6, 'error', '550 Permission denied.', 'transfer-1');
  return rb;
}

describe('transcriptView', () => {
  it('returns the newest lines up to the limit', () => {
    const { lines, matched } = pickLines(buffer(), all, 2);
    expect(lines.map((l) => l.seq)).toEqual([5, 6]);
    expect(matched).toBe(6);
  });

  it('filters by kind, connection and text', () => {
    expect(pickLines(buffer(), { ...all, kinds: new Set(['command']) }, 10).lines.map((l) => l.text)).toEqual([
      'USER demo',
      'PASS ****',
      'STOR a.txt',
    ]);
    expect(pickLines(buffer(), { ...all, connection: 'transfer-1' }, 10).matched).toBe(2);
    expect(pickLines(buffer(), { ...all, search: 'login' }, 10).lines.map((l) => l.seq)).toEqual([4]);
  });

  it('leaves out lines after untilSeq, as if they had not arrived (a log read back in holds still)', () => {
    expect(pickLines(buffer(), all, 2, 4).lines.map((l) => l.seq)).toEqual([3, 4]);
    expect(pickLines(buffer(), all, 10, 4).matched).toBe(4);
    expect(pickLines(buffer(), { ...all, kinds: new Set(['command']) }, 10, 4).lines.map((l) => l.seq)).toEqual([1, 3]);
  });

  it('lists connection tags', () => {
    expect(connectionTags(buffer())).toEqual(['browse', 'transfer-1']);
  });
});
