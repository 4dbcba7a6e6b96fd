import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n.ts';
import { ENCODINGS, encodingForGuess, encodingLabel, nameBytes, readAs, surveyNames } from './encodings.ts';

describe('encodingForGuess', () => {
  it('maps the engine guesses to the form values', () => {
    expect(encodingForGuess('gb18030')).toBe('gb18030');
    expect(encodingForGuess('big5')).toBe('big5');
    expect(encodingForGuess('shift_jis')).toBe('shift_jis');
    expect(encodingForGuess('euc-kr')).toBe('euc-kr');
    expect(encodingForGuess('cp1252')).toBe('windows-1252');
    expect(encodingForGuess('cp1251')).toBe('windows-1251');
    expect(encodingForGuess('koi8-r')).toBe('koi8-r');
  });

  it('offers nothing for UTF-8, no guess, or a charset the form does not list', () => {
    expect(encodingForGuess('utf-8')).toBeUndefined();
    expect(encodingForGuess(undefined)).toBeUndefined();
    expect(encodingForGuess('iso-8859-7')).toBeUndefined();
  });
});

describe('encodingLabel', () => {
  it('names every offered encoding in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const t = translator(lang);
      for (const { value } of ENCODINGS) expect(encodingLabel(value, t)).not.toBe('');
    }
    expect(encodingLabel('gb18030', translator('zh-CN'))).toBe('简体中文（GB18030）');
    expect(encodingLabel('windows-1252', translator('en'))).toBe('Windows-1252');
  });
});

describe('names and their bytes', () => {
  // 测试 in GBK (B2 E2 CA D4), each byte kept as an escape under auto.
  const gbk = '\udcb2\udce2\udcca\udcd4.txt';

  it('turns escapes back into their bytes and characters into UTF-8', () => {
    expect([...nameBytes(gbk)]).toEqual([0xb2, 0xe2, 0xca, 0xd4, 0x2e, 0x74, 0x78, 0x74]);
    expect([...nameBytes('é')]).toEqual([0xc3, 0xa9]);
  });

  it('sorts names into legacy ones and non-ASCII UTF-8 ones', () => {
    expect(surveyNames([gbk, 'plain.txt', '统一码.txt'])).toEqual({ legacy: [gbk], utf8: ['统一码.txt'] });
    // 💀 is U+1F480, whose low surrogate DC80 is in the escapes' range: still a UTF-8 name.
    expect(surveyNames(['💀.txt'])).toEqual({ legacy: [], utf8: ['💀.txt'] });
  });

  it('reads legacy names with a charset, or says it cannot', () => {
    expect(readAs([gbk], 'gb18030')).toEqual(['测试.txt']);
    expect(readAs([gbk], 'gbk')).toEqual(['测试.txt']);
    // A lone lead byte is not Shift_JIS.
    expect(readAs(['\udc82.txt'], 'shift_jis')).toBeUndefined();
    expect(readAs([gbk], 'no-such-charset')).toBeUndefined();
  });
});
