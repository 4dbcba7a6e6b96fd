import { describe, expect, it } from 'vitest';
import { encodeCommand } from './wire.ts';
import { maskCommand } from './transcript.ts';

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('encodeCommand', () => {
  it('appends CRLF', () => {
    expect(encodeCommand('NOOP', latin1).toString('latin1')).toBe('NOOP\r\n');
  });
  it('doubles 0xFF (Telnet IAC)', () => {
    expect([...encodeCommand('CWD \xff', latin1)]).toEqual([...Buffer.from('CWD '), 0xff, 0xff, 0x0d, 0x0a]);
  });
  it.each(['CWD a\r\nDELE x', 'CWD a\nb', 'CWD a\0'])('refuses %j', (line) => {
    expect(() => encodeCommand(line, latin1)).toThrow(expect.objectContaining({ code: 'FTP_ERR_INVALID_ARGUMENT' }));
  });
});

describe('maskCommand', () => {
  it.each([
    ['PASS secret', 'PASS ****'],
    ['pass secret', 'pass ****'],
    ['ACCT acc', 'ACCT ****'],
    ['USER bob', 'USER bob'],
    ['PASSIVE x', 'PASSIVE x'],
  ])('%s', (a, b) => expect(maskCommand(a)).toBe(b));
});
