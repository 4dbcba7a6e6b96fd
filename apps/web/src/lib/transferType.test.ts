import { describe, expect, it } from 'vitest';
import { autoUploadType, parseTransferTypePref, transferTypeFor } from './transferType.ts';

describe('transfer type', () => {
  it('uses a fixed setting for every file', () => {
    expect(transferTypeFor('photo.jpg', 'ascii')).toBe('ascii');
    expect(transferTypeFor('notes.txt', 'binary')).toBe('binary');
  });

  it('picks ASCII for text formats under auto, and binary for the rest', () => {
    expect(transferTypeFor('index.HTML', 'auto')).toBe('ascii');
    expect(transferTypeFor('deploy.sh', 'auto')).toBe('ascii');
    expect(transferTypeFor('archive.tar.gz', 'auto')).toBe('binary');
    expect(transferTypeFor('photo.jpg', 'auto')).toBe('binary');
    // No extension, a dot file, a trailing dot: nothing says text.
    expect(transferTypeFor('README', 'auto')).toBe('binary');
    expect(transferTypeFor('.txt', 'auto')).toBe('binary');
    expect(transferTypeFor('odd.', 'auto')).toBe('binary');
  });

  it('reads only known settings back', () => {
    expect(parseTransferTypePref('auto')).toBe('auto');
    expect(parseTransferTypePref('ebcdic')).toBeUndefined();
    expect(parseTransferTypePref(undefined)).toBeUndefined();
  });

  it('sends an upload as ASCII under auto only when it is text with CRLF lines', async () => {
    // The shape the uploader reads Files through (jsdom's Blob has no arrayBuffer).
    const blob = (text: string | Uint8Array) => {
      const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
      return { slice: (a: number, b: number) => ({ arrayBuffer: async () => bytes.slice(a, b).buffer as ArrayBuffer }) };
    };
    expect(await autoUploadType('notes.txt', blob('one\r\ntwo\r\n'))).toBe('ascii');
    // LF lines: TYPE A would change nothing where honoured, and add CRs where ignored.
    expect(await autoUploadType('deploy.sh', blob('#!/bin/sh\necho hi\n'))).toBe('binary');
    // UTF-16 and anything with a NUL would be damaged.
    expect(await autoUploadType('wide.txt', blob(new Uint8Array([0xff, 0xfe, 0x61, 0, 0x0d, 0, 0x0a, 0])))).toBe('binary');
    expect(await autoUploadType('odd.csv', blob(new Uint8Array([0x61, 0, 0x0d, 0x0a])))).toBe('binary');
    // Not a text format: never read.
    expect(await autoUploadType('photo.jpg', blob('a\r\n'))).toBe('binary');
    expect(await autoUploadType('empty.txt', blob(''))).toBe('binary');
  });
});
