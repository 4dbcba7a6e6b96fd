import { describe, expect, it } from 'vitest';
import { EXPLAINED_REPLY_CODES, explainReply, replyCodeOf } from './replyCodes.ts';

const REQUIRED = [
  110, 120, 125, 150, 200, 202, 211, 212, 213, 214, 215, 220, 221, 225, 226, 227, 228, 229, 230, 232, 234, 250, 257, 331,
  332, 350, 421, 425, 426, 430, 450, 451, 452, 500, 501, 502, 503, 504, 522, 530, 532, 534, 535, 536, 550, 551, 552, 553,
];

describe('explainReply', () => {
  it('has a specific title, meaning, cause and fix for every required code in both languages', () => {
    expect([...EXPLAINED_REPLY_CODES].sort()).toEqual([...REQUIRED].sort());
    for (const code of REQUIRED) {
      for (const lang of ['en', 'zh-CN'] as const) {
        const r = explainReply(code, lang);
        expect(r.known, `${code} ${lang}`).toBe(true);
        for (const field of [r.title, r.meaning, r.cause, r.fix]) {
          expect(field, `${code} ${lang}`).toBeTruthy();
          expect(field).not.toMatch(/^reply\./);
        }
      }
    }
  });

  it('reads the digits per RFC 959 §4.2', () => {
    const r550 = explainReply(550, 'en');
    expect(r550.digit1).toMatchObject({ digit: 5, name: 'Permanent negative completion reply' });
    expect(r550.digit2).toMatchObject({ digit: 5, name: 'File system' });
    expect(r550.digit3.digit).toBe(0);
    expect(r550.positive).toBe(false);
    expect(explainReply(150, 'en').digit1.name).toBe('Positive preliminary reply');
    expect(explainReply(226, 'en').digit1.name).toBe('Positive completion reply');
    expect(explainReply(331, 'en').digit1.name).toBe('Positive intermediate reply');
    expect(explainReply(331, 'en').digit2.name).toBe('Authentication and accounting');
    expect(explainReply(421, 'en').digit1.name).toBe('Transient negative completion reply');
    expect(explainReply(421, 'en').digit2.name).toBe('Connections');
    expect(explainReply(500, 'en').digit2.name).toBe('Syntax');
    expect(explainReply(211, 'en').digit2.name).toBe('Information');
    // RFC 959 leaves x4z unassigned: "Unspecified as yet".
    expect(explainReply(241, 'en').digit2.name).toBe('Unspecified as yet');
    expect(explainReply(550, 'zh-CN').digit1.name).toBe('永久性否定完成应答');
    expect(explainReply(550, 'zh-CN').digit2.name).toBe('文件系统');
  });

  it('still reads an unknown code by its digits', () => {
    const r = explainReply(299, 'en');
    expect(r.known).toBe(false);
    expect(r.title).toBe('Reply 299');
    expect(r.digit1.name).toBe('Positive completion reply');
    expect(r.cause).toBeUndefined();
    expect(explainReply(631, 'en').digit1.name).toBe('Protected reply');
    expect(explainReply(931, 'en').digit1.name).toBe('Non-standard first digit');
  });

  it('tells when-you-see-it from how-to-fix by the first digit', () => {
    expect(explainReply(425, 'en').fix).toMatch(/passive ↔ active/);
    expect(explainReply(227, 'en').meaning).toMatch(/p1×256\+p2/);
    expect(explainReply(227, 'zh-CN').meaning).toContain('p1×256+p2');
  });
});

describe('replyCodeOf', () => {
  it('finds the code at the start of a reply', () => {
    expect(replyCodeOf('550 No such file')).toBe(550);
    expect(replyCodeOf('211-Features:\n MLST\n211 End')).toBe(211);
    expect(replyCodeOf('226')).toBe(226);
    expect(replyCodeOf('hello')).toBeUndefined();
  });
});
