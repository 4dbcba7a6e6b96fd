import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n.ts';
import { ENCODINGS, encodingForGuess, encodingLabel } from './encodings.ts';

describe('encodingForGuess', () => {
  it('maps the engine guesses to the form values', () => {
    expect(encodingForGuess('gb18030')).toBe('gb18030');
    expect(encodingForGuess('big5')).toBe('big5');
    expect(encodingForGuess('shift_jis')).toBe('shift_jis');
    expect(encodingForGuess('euc-kr')).toBe('euc-kr');
    expect(encodingForGuess('cp1252')).toBe('windows-1252');
  });

  it('offers nothing for UTF-8, no guess, or a charset the form does not list', () => {
    expect(encodingForGuess('utf-8')).toBeUndefined();
    expect(encodingForGuess(undefined)).toBeUndefined();
    expect(encodingForGuess('koi8-r')).toBeUndefined();
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
