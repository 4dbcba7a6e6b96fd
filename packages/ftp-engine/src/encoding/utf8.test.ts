import { describe, expect, it } from 'vitest';
import { isFtpError } from '../errors.ts';
import { createNameCodec } from './index.ts';
import { prng } from '@ftpdeck/test-servers';

const auto = createNameCodec('auto');

/** Random bytes mixing ASCII, valid UTF-8 characters, and stray high bytes. */
function randomName(random: () => number): Buffer {
  const parts: Buffer[] = [];
  const count = 1 + Math.floor(random() * 12);
  for (let i = 0; i < count; i++) {
    const kind = random();
    if (kind < 0.3) parts.push(Buffer.from([0x20 + Math.floor(random() * 95)]));
    else if (kind < 0.5) parts.push(Buffer.from(String.fromCodePoint(0x80 + Math.floor(random() * 0x10f000)).replace(/[\ud800-\udfff]/g, 'x'), 'utf8'));
    else if (kind < 0.8) parts.push(Buffer.from([0x80 + Math.floor(random() * 0x80)]));
    else parts.push(Buffer.from([Math.floor(random() * 256), Math.floor(random() * 256), Math.floor(random() * 256)]));
  }
  return Buffer.concat(parts);
}

describe("'auto' codec (UTF-8 with surrogate escapes)", () => {
  it('round-trips 5000 random byte strings exactly (fixed seed)', () => {
    const random = prng(0x5eed);
    for (let i = 0; i < 5000; i++) {
      const bytes = randomName(random);
      const name = auto.decode(bytes);
      expect(auto.encode(name).equals(bytes), bytes.toString('hex')).toBe(true);
    }
  });

  it('decodes valid UTF-8 exactly as UTF-8', () => {
    for (const name of ['plain.txt', '中文文件名.txt', 'café', '😀 emoji', 'ü\u0308 combining', '']) {
      expect(auto.decode(Buffer.from(name, 'utf8'))).toBe(name);
      expect(auto.encode(name).equals(Buffer.from(name, 'utf8'))).toBe(true);
    }
  });

  it.each([
    // Vectors from CPython: bytes.decode('utf-8', 'surrogateescape')
    ['e4b841', '\udce4\udcb8A'],
    ['eda080', '\udced\udca0\udc80'],
    ['c0af', '\udcc0\udcaf'],
    ['f4908080', '\udcf4\udc90\udc80\udc80'],
    ['f09f98', '\udcf0\udc9f\udc98'],
    ['636166e92e747874', 'caf\udce9.txt'],
    ['fffe', '\udcff\udcfe'],
    ['e282ac80', '\u20ac\udc80'],
    ['f09f9880bf', '\ud83d\ude00\udcbf'],
  ])('escapes %s like Python surrogateescape', (hex, expected) => {
    const bytes = Buffer.from(hex, 'hex');
    expect(auto.decode(bytes)).toBe(expected);
    expect(auto.encode(expected).toString('hex')).toBe(hex);
  });

  it('keeps escaped names intact through JSON (the WebSocket path)', () => {
    const raw = Buffer.concat([Buffer.from('gbk-'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('.txt')]);
    const name = auto.decode(raw);
    const json = JSON.stringify({ name });
    expect(json).toContain('\\udcd6');
    expect(auto.encode((JSON.parse(json) as { name: string }).name).equals(raw)).toBe(true);
  });

  it('refuses lone surrogates that are not escapes instead of sending U+FFFD', () => {
    for (const bad of ['a\ud800b', 'x\udc41', '\ude00']) {
      let caught: unknown;
      try {
        auto.encode(bad);
      } catch (err) {
        caught = err;
      }
      expect(isFtpError(caught, 'FTP_ERR_INVALID_ARGUMENT')).toBe(true);
    }
  });

  it("'utf8' and 'UTF-8' give the same codec as 'auto'", () => {
    expect(createNameCodec('utf8')).toBe(auto);
    expect(createNameCodec('UTF-8')).toBe(auto);
    expect(auto.charset).toBe('utf-8');
  });
});
