import { describe, expect, it } from 'vitest';
import { isFtpError } from '../errors.ts';
import { closeLooseEnd, hasLooseEnd, newFramerState, parseReplies, type FramerItem } from './replies.ts';

const limits = { maxReplyLineBytes: 256, maxReplyBytes: 1024 };

function run(chunks: Array<string | Buffer>): Array<{ code: number; lines: string[] } | { junk: string }> {
  const state = newFramerState();
  const out: FramerItem[] = [];
  for (const c of chunks) out.push(...parseReplies(state, typeof c === 'string' ? Buffer.from(c, 'utf8') : c, limits));
  return out.map((i) => (i.kind === 'reply' ? { code: i.reply.code, lines: i.reply.lines.map((l) => l.toString('utf8')) } : { junk: i.line.toString('utf8') }));
}

describe('parseReplies', () => {
  const cases: Array<[string, Array<string | Buffer>, ReturnType<typeof run>]> = [
    ['single line', ['220 Ready\r\n'], [{ code: 220, lines: ['220 Ready'] }]],
    ['bare LF', ['200 OK\n'], [{ code: 200, lines: ['200 OK'] }]],
    ['code only', ['200\r\n'], [{ code: 200, lines: ['200'] }]],
    [
      'multi-line with digit-led and blank body lines',
      ['211-Features:\r\n MDTM\r\n226 is not the end\r\n\r\n2112 neither\r\n211 End\r\n'],
      [{ code: 211, lines: ['211-Features:', ' MDTM', '226 is not the end', '', '2112 neither', '211 End'] }],
    ],
    [
      'same code with dash inside does not close',
      ['230-Hello\r\n230-More\r\n230 Done\r\n'],
      [{ code: 230, lines: ['230-Hello', '230-More', '230 Done'] }],
    ],
    ['split across chunks', ['22', '0 Rea', 'dy\r', '\n'], [{ code: 220, lines: ['220 Ready'] }]],
    [
      'several replies in one chunk',
      ['150 Opening\r\n226 Done\r\n'],
      [
        { code: 150, lines: ['150 Opening'] },
        { code: 226, lines: ['226 Done'] },
      ],
    ],
    ['junk line outside a reply', ['hello there\r\n220 Ready\r\n'], [{ junk: 'hello there' }, { code: 220, lines: ['220 Ready'] }]],
    ['blank lines between replies are dropped', ['\r\n\r\n200 OK\r\n'], [{ code: 200, lines: ['200 OK'] }]],
  ];
  it.each(cases)('%s', (_name, chunks, expected) => {
    expect(run(chunks)).toEqual(expected);
  });

  it('marks a group whose last line has another code, and closes it there only when asked', () => {
    const state = newFramerState();
    // funet: a 426 group ended by a 226 line.
    expect(parseReplies(state, Buffer.from('426-Connection closed; transfer aborted.\r\n226 Closing data connection.\r\n'), limits)).toEqual([]);
    expect(hasLooseEnd(state)).toBe(true);
    const closed = closeLooseEnd(state);
    expect(closed?.code).toBe(226);
    expect(closed?.lines.map((l) => l.toString())).toEqual(['426-Connection closed; transfer aborted.', '226 Closing data connection.']);
    expect(hasLooseEnd(state)).toBe(false);
    expect(closeLooseEnd(state)).toBeUndefined();
  });

  it('does not mark a group whose digit-led line is followed by more body, and closes it on its own code', () => {
    const state = newFramerState();
    parseReplies(state, Buffer.from('211-Features:\r\n226 is not the end\r\n'), limits);
    expect(hasLooseEnd(state)).toBe(true);
    // More body arrives: no longer a candidate end.
    parseReplies(state, Buffer.from(' MDTM\r\n'), limits);
    expect(hasLooseEnd(state)).toBe(false);
    const items = parseReplies(state, Buffer.from('211 End\r\n'), limits);
    expect(items).toHaveLength(1);
    expect(hasLooseEnd(state)).toBe(false);
  });

  it('keeps a multibyte character split across chunks intact', () => {
    const bytes = Buffer.from('257 "/文件"\r\n', 'utf8');
    const cut = bytes.indexOf(Buffer.from('文', 'utf8')) + 1;
    expect(run([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([{ code: 257, lines: ['257 "/文件"'] }]);
  });

  it('keeps raw non-UTF-8 bytes', () => {
    const state = newFramerState();
    const gbk = Buffer.from([0x32, 0x35, 0x37, 0x20, 0xd6, 0xd0, 0x0d, 0x0a]);
    const items = parseReplies(state, gbk, limits);
    expect(items[0]?.kind === 'reply' && items[0].reply.lines[0]?.equals(gbk.subarray(0, 6))).toBe(true);
  });

  it('caps an endless line without waiting for LF', () => {
    const state = newFramerState();
    let err: unknown;
    try {
      for (let i = 0; i < 10; i += 1) parseReplies(state, Buffer.alloc(100, 0x41), limits);
    } catch (e) {
      err = e;
    }
    expect(isFtpError(err, 'FTP_ERR_REPLY_TOO_LARGE')).toBe(true);
  });

  it('caps a huge multi-line reply', () => {
    const state = newFramerState();
    const body = Buffer.from('211-x\r\n' + ' line of text that repeats\r\n'.repeat(60));
    expect(() => parseReplies(state, body, limits)).toThrow(/multi-line reply exceeds/);
  });
});
