import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { crlfToLf, lfToCrlf } from './ascii.ts';

async function through(t: NodeJS.ReadWriteStream, chunks: string[]): Promise<string> {
  const out: Buffer[] = [];
  const src = Readable.from(chunks.map((c) => Buffer.from(c)));
  src.pipe(t as unknown as NodeJS.WritableStream);
  for await (const c of t as unknown as AsyncIterable<Buffer>) out.push(c);
  return Buffer.concat(out).toString();
}

describe('TYPE A conversion', () => {
  it('CRLF → LF, also split across chunks', async () => {
    expect(await through(crlfToLf(), ['a\r\nb\r', '\nc\rd\r'])).toBe('a\nb\nc\rd\r');
  });
  it('LF → CRLF, existing CRLF untouched', async () => {
    expect(await through(lfToCrlf(), ['a\nb\r', '\nc\n'])).toBe('a\r\nb\r\nc\r\n');
  });
  it('keeps every edge: lone CRs, CR CR LF, a final CR, empty chunks, a CR then LF across an empty chunk', async () => {
    expect(await through(crlfToLf(), ['\r', '', '\nx\r\r\ny\r'])).toBe('\nx\r\ny\r');
    expect(await through(lfToCrlf(), ['\n', '', '\r', '\n\n'])).toBe('\r\n\r\n\r\n');
    expect(await through(lfToCrlf(), ['a\r', '', '\nb'])).toBe('a\r\nb');
  });

  it('matches a byte-by-byte reference on random text, in random chunks', async () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const alphabet = ['a', 'b', '\r', '\n', '\r\n'];
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: rand(60) }, () => alphabet[rand(alphabet.length)]).join('');
      const chunks: string[] = [];
      for (let at = 0; at < text.length; ) {
        const n = rand(5);
        chunks.push(text.slice(at, at + n));
        at += n;
      }
      // The rules, one character at a time: CRLF → LF; LF without a CR before it → CRLF.
      const toLf = text.replace(/\r\n/g, '\n');
      const toCrlf = text.replace(/(^|[^\r])\n/g, '$1\r\n').replace(/(^|[^\r])\n/g, '$1\r\n');
      expect(await through(crlfToLf(), chunks), JSON.stringify(chunks)).toBe(toLf);
      expect(await through(lfToCrlf(), chunks), JSON.stringify(chunks)).toBe(toCrlf);
    }
  });
});
