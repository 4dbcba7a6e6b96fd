import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { describe, expect, it } from 'vitest';
import { helpReplies } from './consoleHelp.ts';

const l = (seq: number, kind: WireTranscriptLine['kind'], text: string, code?: number): WireTranscriptLine =>
  code === undefined ? { seq, time: 0, connection: 'browse', kind, text } : { seq, time: 0, connection: 'browse', kind, text, code };

describe('helpReplies', () => {
  it('finds the latest HELP and SITE HELP replies', () => {
    const lines = [
      l(1, 'command', 'HELP'),
      l(2, 'reply', '214-old\n214 End', 214),
      l(3, 'command', 'SITE HELP'),
      l(4, 'reply', '214-CHMOD UMASK\n214 End', 214),
      l(5, 'command', 'HELP'),
      l(6, 'reply', '214-new\n214 End', 214),
      l(7, 'command', 'STAT'),
      l(8, 'reply', '211 status', 211),
    ];
    expect(helpReplies(lines)).toEqual({ help: '214-new\n214 End', siteHelp: '214-CHMOD UMASK\n214 End' });
    expect(helpReplies([])).toEqual({});
  });
});
