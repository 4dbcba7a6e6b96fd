import { describe, expect, it } from 'vitest';
import { decodeTextFile, encodeTextFile, lineEndOf, UnencodableError, type TextFile } from './textCodec.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

function opened(result: ReturnType<typeof decodeTextFile>): TextFile {
  if (typeof result === 'string') throw new Error(`refused: ${result}`);
  return result;
}

describe('decodeTextFile and encodeTextFile', () => {
  it('gives back the same bytes for UTF-8 with CRLF lines and a BOM, and keeps both for new lines', () => {
    const original = concat(bytes(0xef, 0xbb, 0xbf), new TextEncoder().encode('a = 1\r\n名前 = "測試"\r\nlast'));
    const file = opened(decodeTextFile(original));
    expect(file).toMatchObject({ text: 'a = 1\n名前 = "測試"\nlast', charset: 'utf8', bom: true, lineEnd: '\r\n', mixedLineEnds: false });
    expect(file.readOnly).toBeUndefined();
    expect(encodeTextFile(file, file.text)).toEqual(original);
    expect(encodeTextFile(file, `${file.text}\nnew`)).toEqual(concat(original, ascii('\r\nnew')));
  });

  it('keeps LF, lone CR and a missing final line end as they are', () => {
    for (const text of ['x\ny\n', 'x\ry\r', 'no end', '']) {
      const original = new TextEncoder().encode(text);
      const file = opened(decodeTextFile(original));
      expect(file.bom).toBe(false);
      expect(encodeTextFile(file, file.text)).toEqual(original);
    }
  });

  it('says when line ends are mixed, and writes the commonest throughout', () => {
    const file = opened(decodeTextFile(ascii('a\r\nb\r\nc\nd')));
    expect(file).toMatchObject({ lineEnd: '\r\n', mixedLineEnds: true, text: 'a\nb\nc\nd' });
    expect(encodeTextFile(file, file.text)).toEqual(ascii('a\r\nb\r\nc\r\nd'));
  });

  it('refuses binary files, and non-UTF-8 ones until a charset is chosen', () => {
    expect(decodeTextFile(bytes(0x50, 0x4b, 0x03, 0x04, 0x00, 0x00))).toBe('binary');
    expect(decodeTextFile(bytes(0xb2, 0xe2, 0xca, 0xd4))).toBe('not-utf8');
  });

  it.each([
    ['gbk', [0xb2, 0xe2, 0xca, 0xd4], '测试'],
    ['gb18030', [0xb2, 0xe2, 0xca, 0xd4], '测试'],
    ['big5', [0xa4, 0xa4, 0xa4, 0xe5], '中文'],
    ['shift_jis', [0x93, 0xfa, 0x96, 0x7b, 0xb1], '日本ｱ'],
    ['euc-kr', [0xc7, 0xd1, 0xb1, 0xb9], '한국'],
    ['windows-1251', [0xce, 0xf2, 0xf7, 0xe5, 0xf2], 'Отчет'],
    ['koi8-r', [0xef, 0xd4, 0xde, 0xc5, 0xd4], 'Отчет'],
    // Not 0x80-0x9f: Node 20's decoder reads windows-1252 there as Latin-1 (Chromium's does not).
    ['windows-1252', [0x5a, 0x6f, 0xeb, 0xa9], 'Zoë©'],
  ])('reads and writes %s byte for byte', (charset, encoded, text) => {
    const original = concat(bytes(...encoded), ascii('\r\nx = 1\r\n'));
    const file = opened(decodeTextFile(original, charset));
    expect(file.text).toBe(`${text}\nx = 1\n`);
    expect(file.readOnly).toBeUndefined();
    expect(encodeTextFile(file, file.text)).toEqual(original);
    // An edit in the same charset.
    expect(encodeTextFile(file, `${text}${text}\n`)).toEqual(concat(bytes(...encoded, ...encoded), ascii('\r\n')));
  });

  it.each([
    // 髙 in its IBM-extension row (FB FC), after 橋; and small roman numeral one (FA 40): both also have NEC rows.
    ['shift_jis', [0x8b, 0xb4, 0xfb, 0xfc, 0x0a, 0xfa, 0x40, 0x0a]],
    // € as GB18030 writes it (A2 E3), not as GBK's single 0x80.
    ['gb18030', [0xa2, 0xe3, 0x0a]],
    ['gbk', [0xa2, 0xe3, 0x0a]],
  ])('keeps the %s byte sequences a file chose where a character has two', (charset, encoded) => {
    const original = bytes(...encoded);
    const file = opened(decodeTextFile(original, charset));
    expect(file.readOnly).toBeUndefined();
    expect(encodeTextFile(file, file.text)).toEqual(original);
    // Typing the same character again writes it the file's way too.
    const first = [...file.text][0] as string;
    expect(encodeTextFile(file, `${file.text}${first}`).subarray(original.length)).toEqual(original.subarray(0, encodeTextFile(file, first).length));
  });

  it('opens read-only what would not come back byte for byte', () => {
    // A GBK lead byte with no trail: the decoder shows U+FFFD, which has no GBK bytes.
    expect(opened(decodeTextFile(bytes(0x61, 0xb2), 'gbk')).readOnly).toBe('not-exact');
    // Invalid UTF-8, shown because the user chose UTF-8.
    expect(opened(decodeTextFile(bytes(0x61, 0xff), 'utf8')).readOnly).toBe('not-exact');
  });

  it('names the character and line a charset cannot hold', () => {
    const file = opened(decodeTextFile(bytes(0xce, 0xf2, 0x0a), 'windows-1251'));
    let thrown: unknown;
    try {
      encodeTextFile(file, 'От\nok 测');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UnencodableError);
    expect(thrown).toMatchObject({ char: '测', line: 2, charset: 'windows-1251' });
  });
});

describe('lineEndOf', () => {
  it('picks the commonest, LF when there is none', () => {
    expect(lineEndOf('one line')).toEqual({ lineEnd: '\n', mixed: false });
    expect(lineEndOf('a\rb\rc\nd')).toEqual({ lineEnd: '\r', mixed: true });
  });
});
