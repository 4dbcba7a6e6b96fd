import { describe, expect, it } from 'vitest';
import { parentOf, parsePwdReply, baseName } from './paths.ts';
import { formatMdtm, parseMdtm } from './mdtm.ts';

const reply = (text: string) => ({ code: 257, lines: [text], text });

describe('parsePwdReply', () => {
  it.each([
    ['257 "/home/user" is the current directory', '/home/user'],
    ['257 "/with ""quotes"" inside" ok', '/with "quotes" inside'],
    ['257 "/"', '/'],
    ['257 /no/quotes here', '/no/quotes'],
  ])('%s', (text, dir) => expect(parsePwdReply(reply(text))).toBe(dir));

  it('takes the quoted path from a later line of a multi-line 257 (hostile-server fuzz)', () => {
    const lines = ['257-junk \u0000\u00ff preamble', '257 "/p1" is current'];
    expect(parsePwdReply({ code: 257, lines, text: lines.join('\n') })).toBe('/p1');
    const first = ['257-"/a" is current', ' and "/b" is not'];
    expect(parsePwdReply({ code: 257, lines: first, text: first.join('\n') })).toBe('/a');
  });
});

describe('paths', () => {
  it.each([
    ['/a/b', '/a', 'b'],
    ['/a', '/', 'a'],
    ['a', '.', 'a'],
    ['/a/b/', '/a', 'b'],
  ])('%s', (p, parent, base) => {
    expect(parentOf(p)).toBe(parent);
    expect(baseName(p)).toBe(base);
  });
});

describe('MDTM', () => {
  it('parses UTC with fractions', () => {
    expect(parseMdtm('20240102030405.5')?.toISOString()).toBe('2024-01-02T03:04:05.500Z');
  });
  it('formats UTC', () => {
    expect(formatMdtm(new Date('2024-01-02T03:04:05.678Z'))).toBe('20240102030405');
  });
});
