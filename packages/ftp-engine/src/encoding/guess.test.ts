import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { guessCharset } from './index.ts';

const encode = (charset: string, names: string[]): Buffer[] => names.map((name) => iconv.encode(name, charset));

describe('guessCharset', () => {
  it.each([
    ['gb18030', 'gbk', ['中文文件名.txt', '测试报告.doc']],
    ['gb18030', 'gbk', ['中文文件名.txt']],
    ['gb18030', 'gbk', ['测试报告.doc']],
    ['gb18030', 'gbk', ['新建文件夹', '项目计划书.xlsx', '照片']],
    ['big5', 'big5', ['繁體中文.txt']],
    ['big5', 'big5', ['會議記錄.docx', '報告.pdf']],
    ['shift_jis', 'shift_jis', ['日本語ファイル.txt']],
    ['shift_jis', 'shift_jis', ['日本語.txt', 'テスト']],
    ['euc-kr', 'euc-kr', ['한국어 파일.txt']],
    ['euc-kr', 'euc-kr', ['사진', '회의록.hwp']],
    ['cp1252', 'cp1252', ['café.txt']],
    ['cp1252', 'cp1252', ['crème brûlée.doc', 'Müller']],
    ['cp1251', 'cp1251', ['Отчет.doc']],
    ['cp1251', 'cp1251', ['Новая папка', 'отчет за 2024.xlsx', 'ОТЧЕТ.DOC']],
    ['cp1251', 'cp1251', ['Договор №15.pdf', 'фото']],
    ['koi8-r', 'koi8-r', ['Отчет.doc']],
    ['koi8-r', 'koi8-r', ['Новая папка', 'отчет за 2024.xlsx', 'ОТЧЕТ.DOC']],
    ['koi8-r', 'koi8-r', ['музыка', 'Видео']],
  ] as const)('picks %s for %s bytes of %j', (expected, charset, names) => {
    const guess = guessCharset(encode(charset, [...names]));
    expect(guess?.charset).toBe(expected);
    expect(guess?.confidence).toBeGreaterThan(0.5);
  });

  // The two Cyrillic charsets hold the same letters at other bytes; each reads
  // the other's names with the case swapped inside words and the letters scrambled.
  it('tells Windows-1251 from KOI8-R, and Latin accents from Cyrillic', () => {
    const names = ['Резервная копия', 'Бухгалтерия', 'инструкция', 'Рабочий стол'];
    expect(guessCharset(encode('cp1251', names))?.charset).toBe('cp1251');
    expect(guessCharset(encode('koi8-r', names))?.charset).toBe('koi8-r');
    // cp1252 bytes read as Cyrillic give letters glued to Latin ones: not a Cyrillic name.
    expect(guessCharset(encode('cp1252', ['résumé.pdf', 'Straße.txt', 'été 2024']))?.charset).toBe('cp1252');
  });

  // Review 20: all capitals in one Cyrillic charset read as small letters in the
  // other; the Latin letters of the same name (.DOC) say which case the name is in.
  it.each(['cp1251', 'koi8-r'])('reads %s names in capitals (ОТЧЕТ.DOC) as that charset', (charset) => {
    expect(guessCharset(encode(charset, ['ОТЧЕТ.DOC']))?.charset).toBe(charset);
    expect(guessCharset(encode(charset, ['ОТЧЕТ.DOC', 'ДОГОВОР.DOC', 'СЧЕТ.XLS']))?.charset).toBe(charset);
  });

  it('keeps one-letter accented words and Japanese out of the Cyrillic charsets', () => {
    for (const name of ['à faire.txt', 'Dia à noite.txt', 'Å.txt']) expect(guessCharset(encode('cp1252', [name]))?.charset, name).toBe('cp1252');
    expect(guessCharset(encode('shift_jis', ['写真']))?.charset).toBe('shift_jis');
  });

  it('returns null when there is no evidence', () => {
    expect(guessCharset([])).toBeNull();
    expect(guessCharset([Buffer.from('plain.txt'), Buffer.from('readme')])).toBeNull();
  });

  it('says utf-8 when every non-ASCII sample is valid UTF-8', () => {
    expect(guessCharset([Buffer.from('中文.txt'), Buffer.from('a')])?.charset).toBe('utf-8');
  });

  it('judges the non-UTF-8 names of a mixed listing', () => {
    const samples = [Buffer.from('中文.txt'), Buffer.from('café'), ...encode('gbk', ['测试报告.doc'])];
    expect(guessCharset(samples)?.charset).toBe('gb18030');
  });

  it('reads only a bounded sample of a 100 000-line GBK listing', () => {
    const line = iconv.encode('-rw-r--r-- 1 ftp ftp 1234 Mar 10 09:00 项目计划书.xlsx', 'gbk');
    const samples = Array.from({ length: 100_000 }, () => line);
    expect(guessCharset(samples)?.charset).toBe('gb18030');
  });

  it('ignores ASCII samples and scores the rest together', () => {
    const samples = [Buffer.from('index.html'), ...encode('gbk', ['中文文件名.txt'])];
    expect(guessCharset(samples)?.charset).toBe('gb18030');
  });
});
