import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { isFtpError } from '../errors.ts';
import { createNameCodec, decodeListing } from './index.ts';
import { prng } from '@ftpdeck/test-servers';

const CHARSETS = ['gbk', 'gb18030', 'big5', 'shift_jis', 'euc-kr', 'cp1252'] as const;

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('iconv-lite charsets with surrogate escapes', () => {
  it('round-trips real GBK names and shows them as text', () => {
    const gbk = createNameCodec('gbk');
    for (const name of ['中文文件名.txt', '测试报告.doc', '新建文件夹', 'plain.txt']) {
      const bytes = iconv.encode(name, 'gbk');
      expect(gbk.decode(bytes)).toBe(name);
      expect(gbk.encode(name).equals(bytes)).toBe(true);
    }
    expect(gbk.charset).toBe('gbk');
  });

  it('escapes bytes that are invalid in GBK and still round-trips them', () => {
    const gbk = createNameCodec('gbk');
    const bytes = Buffer.concat([iconv.encode('中文', 'gbk'), Buffer.from([0x81, 0x20, 0xff, 0xd6])]);
    const name = gbk.decode(bytes);
    expect(name).toBe('中文\udc81 \udcff\udcd6');
    expect(gbk.encode(name).equals(bytes)).toBe(true);
  });

  it.each(CHARSETS)('%s: round-trips 1500 random byte strings (fixed seed)', (charset) => {
    const codec = createNameCodec(charset);
    const random = prng(0xc0dec + charset.length);
    for (let i = 0; i < 1500; i++) {
      const length = 1 + Math.floor(random() * 10);
      const bytes = Buffer.alloc(length);
      for (let k = 0; k < length; k++) bytes[k] = random() < 0.3 ? 0x20 + Math.floor(random() * 95) : 0x80 + Math.floor(random() * 0x80);
      expect(codec.encode(codec.decode(bytes)).equals(bytes), `${charset} ${bytes.toString('hex')}`).toBe(true);
    }
  });

  it.each(CHARSETS)('%s: no byte that is a character alone starts a two-byte character (soundness of shortest-first)', (charset) => {
    for (let lead = 0x80; lead < 0x100; lead++) {
      const alone = iconv.decode(Buffer.from([lead]), charset);
      if (alone.length !== 1 || alone === '\ufffd' || !iconv.encode(alone, charset).equals(Buffer.from([lead]))) continue;
      for (let trail = 0x40; trail < 0x100; trail++) {
        const pair = Buffer.from([lead, trail]);
        const text = iconv.decode(pair, charset);
        const oneChar = [...text].length === 1 && iconv.encode(text, charset).equals(pair);
        expect(oneChar, `${charset} ${pair.toString('hex')}`).toBe(false);
      }
    }
  });

  it('refuses a character the charset cannot write instead of sending "?"', () => {
    const err = errorOf(() => createNameCodec('gbk').encode('emoji 😀.txt'));
    expect(isFtpError(err, 'FTP_ERR_INVALID_ARGUMENT')).toBe(true);
    expect((err as Error).message).toContain('position 6');
    expect(isFtpError(errorOf(() => createNameCodec('cp1252').encode('中')), 'FTP_ERR_INVALID_ARGUMENT')).toBe(true);
    // GB18030 covers all of Unicode, so the same name works there.
    const gb = createNameCodec('gb18030');
    expect(gb.decode(gb.encode('emoji 😀.txt'))).toBe('emoji 😀.txt');
  });

  it('rejects unknown charsets and ones that do not keep ASCII', () => {
    expect(isFtpError(errorOf(() => createNameCodec('klingon')), 'FTP_ERR_INVALID_ARGUMENT')).toBe(true);
    expect(isFtpError(errorOf(() => createNameCodec('utf16le')), 'FTP_ERR_INVALID_ARGUMENT')).toBe(true);
    expect(isFtpError(errorOf(() => createNameCodec('')), 'FTP_ERR_INVALID_ARGUMENT')).toBe(true);
  });
});

describe('decodeListing', () => {
  it('decodes a GBK listing, escaping only the one bad name', () => {
    const gbk = createNameCodec('gbk');
    const bytes = Buffer.concat([
      iconv.encode('-rw-r--r-- 1 u g 1 Mar 10 09:00 中文.txt\r\n', 'gbk'),
      Buffer.from('-rw-r--r-- 1 u g 1 Mar 10 09:00 bad\xff\r\n', 'latin1'),
      iconv.encode('-rw-r--r-- 1 u g 1 Mar 10 09:00 测试.doc\r\n', 'gbk'),
    ]);
    const text = decodeListing(bytes, gbk);
    expect(text.split('\r\n')).toEqual([
      '-rw-r--r-- 1 u g 1 Mar 10 09:00 中文.txt',
      '-rw-r--r-- 1 u g 1 Mar 10 09:00 bad\udcff',
      '-rw-r--r-- 1 u g 1 Mar 10 09:00 测试.doc',
      '',
    ]);
  });

  it("with 'auto', keeps valid UTF-8 lines as they are and escapes the bad one", () => {
    const auto = createNameCodec('auto');
    const bytes = Buffer.concat([Buffer.from('a 中文\n'), Buffer.from([0x62, 0xe9, 0x0a]), Buffer.from('c')]);
    expect(decodeListing(bytes, auto)).toBe('a 中文\nb\udce9\nc');
    expect(decodeListing(Buffer.from('ok\r\n'), auto)).toBe('ok\r\n');
  });
});
