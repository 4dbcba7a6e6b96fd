import { describe, expect, it } from 'vitest';
import { StreamingHash, digestFromReply, planHash } from './verify.ts';

describe('upload verification helpers', () => {
  it('prefers HASH with MD5, then the X commands, and offers nothing without either', () => {
    // ProFTPD 1.3.8 with mod_digest, verbatim.
    const proftpd = new Map([
      ['HASH', 'CRC32;MD5;SHA-1*;SHA-256;SHA-512;'],
      ['XMD5', ''],
      ['XCRC', ''],
    ]);
    expect(planHash(proftpd)).toEqual({ algo: 'md5', command: 'HASH', hashName: 'MD5' });
    expect(planHash(new Map([['HASH', 'SHA-256']]))).toEqual({ algo: 'sha256', command: 'HASH', hashName: 'SHA-256' });
    expect(planHash(new Map([['XSHA1', ''], ['XCRC', '']]))).toEqual({ algo: 'sha1', command: 'XSHA1', hashName: 'SHA-1' });
    expect(planHash(new Map([['SIZE', ''], ['MDTM', '']]))).toBeUndefined();
  });

  it('reads digests from the reply forms real servers send', () => {
    expect(digestFromReply('213-Computing MD5 digest\n213 MD5 0-12 6f5902ac237024bdd0c176cb93063dc4 /h.txt', 'md5')).toBe('6f5902ac237024bdd0c176cb93063dc4');
    expect(digestFromReply('250-Computing CRC32 digest\n250 AF083B2D', 'crc32')).toBe('af083b2d');
    expect(digestFromReply('550 /h.txt: No such file', 'md5')).toBeUndefined();
  });

  it('hashes streamed chunks like a one-shot hash', () => {
    for (const [algo, want] of [
      ['md5', '6f5902ac237024bdd0c176cb93063dc4'],
      ['crc32', 'af083b2d'],
      ['sha256', 'a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447'],
    ] as const) {
      const h = new StreamingHash(algo);
      h.update(Buffer.from('hello '));
      h.update(Buffer.from('world\n'));
      expect(h.digest()).toBe(want);
    }
  });
});
