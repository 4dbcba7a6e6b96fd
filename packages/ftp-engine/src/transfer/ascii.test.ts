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
});
