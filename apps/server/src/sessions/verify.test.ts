import type { FtpClient } from '@ftpdeck/ftp-engine';
import { describe, expect, it } from 'vitest';
import { StreamingHash, digestFromReply, hashCarries, hashTimeoutMs, planHash, verifyUpload, type HashPlan } from './verify.ts';

/**
 * The three calls verifyUpload makes, answered from a table: `answer` maps
 * a command line to a reply text. Cast because a whole FtpClient is far
 * more than these three methods.
 */
function fakeClient(size: number, answer: (line: string) => string): { client: FtpClient; sent: string[]; timeouts: Array<number | undefined> } {
  const sent: string[] = [];
  const timeouts: Array<number | undefined> = [];
  const client = {
    size: async () => size,
    stat: async () => undefined,
    raw: async (line: string, opts?: { timeoutMs?: number }) => {
      sent.push(line);
      timeouts.push(opts?.timeoutMs);
      const text = answer(line);
      return { code: Number(text.slice(0, 3)), text };
    },
  };
  return { client: client as unknown as FtpClient, sent, timeouts };
}

const XMD5: HashPlan = { algo: 'md5', command: 'XMD5', hashName: 'MD5' };
const md5Of = (text: string): StreamingHash => {
  const h = new StreamingHash('md5');
  h.update(Buffer.from(text));
  return h;
};

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

  it('asks only an X command for a tail, since HASH takes no range', () => {
    const proftpd = new Map([
      ['HASH', 'CRC32;MD5;SHA-1*;SHA-256;SHA-512;'],
      ['XMD5', ''],
      ['XCRC', ''],
    ]);
    expect(planHash(proftpd, { xOnly: true })).toEqual({ algo: 'md5', command: 'XMD5', hashName: 'MD5' });
    expect(planHash(new Map([['HASH', 'MD5']]), { xOnly: true })).toBeUndefined();
  });

  it('asks for the range of the tail, quoting a name with a space', async () => {
    // 'world\n' is bytes 6 to 12 of 'hello world\n'.
    const { client, sent } = fakeClient(12, () => '250 591785B794601E212B260E25925636FD');
    const result = await verifyUpload(client, '/a b.txt', 12, { plan: XMD5, local: md5Of('world\n'), from: 6 });
    expect(sent).toEqual(['XMD5 "/a b.txt" 6 12']);
    expect(result).toEqual({ verified: true, verifiedBy: 'md5', verifiedFrom: 6 });
  });

  it('waits for a large hash longer than for an ordinary reply', async () => {
    const GiB = 1024 ** 3;
    const { client, timeouts } = fakeClient(3 * GiB, () => '250 00000000000000000000000000000000');
    await verifyUpload(client, '/big.bin', 3 * GiB, { plan: XMD5, local: md5Of('x'), from: 2 * GiB });
    // 1 GiB at the slowest rate waited for (20 MiB/s) is 51.2 s, on top of the usual 30 s.
    expect(timeouts[0]).toBe(30_000 + 51_200);
    expect(hashTimeoutMs(0)).toBe(30_000);
  });

  it('reports a tail mismatch with its range', async () => {
    const { client } = fakeClient(12, (line) => (line.endsWith(' 6 12') ? '250 00000000000000000000000000000000' : '250 6F5902AC237024BDD0C176CB93063DC4'));
    const result = await verifyUpload(client, '/t.txt', 12, { plan: XMD5, local: md5Of('world\n'), from: 6 });
    expect(result.verified).toBe(`MD5 of bytes 6-12 mismatch: server 00000000000000000000000000000000, sent 591785b794601e212b260e25925636fd`);
    expect(result).toMatchObject({ verifiedBy: 'md5', verifiedFrom: 6 });
  });

  it('falls back to size where the server ignored the range and hashed the whole file', async () => {
    const whole = '250 6F5902AC237024BDD0C176CB93063DC4';
    const { client, sent } = fakeClient(12, () => whole);
    const result = await verifyUpload(client, '/t.txt', 12, { plan: XMD5, local: md5Of('world\n'), from: 6 });
    expect(sent).toEqual(['XMD5 /t.txt 6 12', 'XMD5 /t.txt']);
    expect(result).toEqual({ verified: true, verifiedBy: 'size' });
  });

  it('escapes a quote and a backslash inside the quotes, and leaves other names as they are', async () => {
    const { client, sent } = fakeClient(12, () => '250 591785B794601E212B260E25925636FD');
    for (const path of ['/say "hi".txt', '/a b\\c.txt', '/a\\c.txt', '"q.txt', '/plain.txt']) {
      expect(await verifyUpload(client, path, 12, { plan: XMD5, local: md5Of('world\n'), from: 6 })).toMatchObject({ verified: true, verifiedBy: 'md5' });
    }
    expect(sent).toEqual(['XMD5 "/say \\"hi\\".txt" 6 12', 'XMD5 "/a b\\\\c.txt" 6 12', 'XMD5 /a\\c.txt 6 12', 'XMD5 "\\"q.txt" 6 12', 'XMD5 /plain.txt 6 12']);
  });

  it('verifies by size alone where nothing was sent, or HASH would lose a trailing space', async () => {
    const { client, sent } = fakeClient(12, () => '213 MD5 0-12 6f5902ac237024bdd0c176cb93063dc4 x');
    expect(await verifyUpload(client, '/t.txt', 12, { plan: XMD5, local: md5Of(''), from: 12 })).toEqual({ verified: true, verifiedBy: 'size' });
    const hash: HashPlan = { algo: 'md5', command: 'HASH', hashName: 'MD5' };
    expect(await verifyUpload(client, '/t.txt ', 12, { plan: hash, local: md5Of('hello world\n'), from: 0 })).toEqual({ verified: true, verifiedBy: 'size' });
    expect(sent).toEqual([]);
    // Such a name gets an X command instead, where the server has one.
    expect(planHash(new Map([['HASH', 'MD5'], ['XMD5', '']]), { xOnly: !hashCarries('/t.txt ') })).toMatchObject({ command: 'XMD5' });
  });
});
