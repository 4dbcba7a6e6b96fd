/**
 * Upload verification. SIZE always; on top, a hash when the server offers
 * one: the HASH command (draft-bryan-ftpext-hash, with `OPTS HASH <algo>`)
 * or the older XMD5 / XSHA256 / XSHA1 / XCRC. The relay hashes the bytes as
 * they pass, so verifying costs one command, not a second read of the file.
 *
 * Which servers offer what (checked against the test servers): ProFTPD with
 * mod_digest advertises HASH and answers XMD5/XSHA1/XSHA256/XCRC; vsftpd,
 * Pure-FTPd and pyftpdlib offer none, so they get SIZE only.
 */
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { FtpClient } from '@ftpdeck/ftp-engine';
import type { VerifiedBy } from '@ftpdeck/protocol';

/** A hash algorithm both sides can compute. */
export type HashAlgo = Exclude<VerifiedBy, 'size'>;

/** How to ask the server for a hash. */
export interface HashPlan {
  algo: HashAlgo;
  /** `HASH` (with OPTS HASH first) or one of the X… commands. */
  command: 'HASH' | 'XMD5' | 'XSHA256' | 'XSHA1' | 'XCRC';
  /** The name the HASH draft uses (`MD5`, `SHA-256`, …). */
  hashName: string;
}

/** Preference order: MD5 is fast on both sides and catches any transfer corruption; the rest follow. */
const ORDER: Array<{ algo: HashAlgo; hashName: string; x: HashPlan['command'] }> = [
  { algo: 'md5', hashName: 'MD5', x: 'XMD5' },
  { algo: 'sha256', hashName: 'SHA-256', x: 'XSHA256' },
  { algo: 'sha1', hashName: 'SHA-1', x: 'XSHA1' },
  { algo: 'crc32', hashName: 'CRC32', x: 'XCRC' },
];

/** Hex digits of each algorithm's digest. */
const HEX_LENGTH: Record<HashAlgo, number> = { md5: 32, sha256: 64, sha1: 40, crc32: 8 };

/** Picks the best hash the server advertises in FEAT; undefined when none. */
export function planHash(features: ReadonlyMap<string, string>): HashPlan | undefined {
  const hashFeat = features.get('HASH');
  if (hashFeat !== undefined) {
    const offered = hashFeat.split(';').map((a) => a.replace(/\*$/, '').trim().toUpperCase());
    const pick = ORDER.find((o) => offered.includes(o.hashName));
    if (pick) return { algo: pick.algo, command: 'HASH', hashName: pick.hashName };
  }
  const pick = ORDER.find((o) => features.has(o.x));
  return pick ? { algo: pick.algo, command: pick.x, hashName: pick.hashName } : undefined;
}

/** A digest computed while bytes stream past. */
export class StreamingHash {
  readonly algo: HashAlgo;
  readonly #hash: Hash | undefined;
  #crc = 0;

  constructor(algo: HashAlgo) {
    this.algo = algo;
    this.#hash = algo === 'crc32' ? undefined : createHash(algo);
  }

  update(chunk: Uint8Array): void {
    if (this.#hash) this.#hash.update(chunk);
    else this.#crc = crc32(chunk, this.#crc);
  }

  /** Lower-case hex. */
  digest(): string {
    return this.#hash ? this.#hash.digest('hex') : this.#crc.toString(16).padStart(8, '0');
  }
}

/** Finds the digest in a hash reply (`213 MD5 0-9 <hex> name`, `250 <HEX>`, …). */
export function digestFromReply(text: string, algo: HashAlgo): string | undefined {
  const want = HEX_LENGTH[algo];
  const tokens = text.slice(4).split(/\s+/);
  const hit = tokens.find((t) => t.length === want && /^[0-9a-fA-F]+$/.test(t));
  return hit?.toLowerCase();
}

/** Asks the server for its hash of `path`; undefined when it will not say. */
export async function remoteDigest(client: FtpClient, plan: HashPlan, path: string): Promise<string | undefined> {
  if (plan.command === 'HASH') {
    const opts = await client.raw(`OPTS HASH ${plan.hashName}`);
    if (opts.code !== 200) return undefined;
  }
  const reply = await client.raw(`${plan.command} ${path}`);
  if (reply.code < 200 || reply.code >= 300) return undefined;
  return digestFromReply(reply.text, plan.algo);
}

/**
 * A remote file's size: SIZE, else its listing entry's (servers without
 * SIZE, or ftp-srv's "213 File status" for an empty file); `missing` when
 * the listing has no such file; undefined when the server will not tell.
 */
async function remoteFileSize(client: FtpClient, path: string): Promise<number | 'missing' | undefined> {
  const size = await client.size(path).catch(() => undefined);
  if (size !== undefined) return size;
  const entry = await client.stat(path).catch(() => null);
  if (entry === null) return undefined; // the listing failed: nothing is known
  if (entry === undefined) return 'missing';
  return entry.type === 'file' ? entry.size : undefined;
}

/**
 * The size of the file an append will add to: 0 when there is no such file,
 * undefined when the server will not say, so that the check afterwards is
 * skipped rather than wrong.
 */
export async function sizeBeforeAppend(client: FtpClient, path: string): Promise<number | undefined> {
  const size = await remoteFileSize(client, path);
  return size === 'missing' ? 0 : size;
}

/** The outcome sent in `transfer-done`; empty when nothing could be checked. */
export interface Verification {
  verified?: boolean | string;
  verifiedBy?: VerifiedBy;
}

/**
 * SIZE against the declared size, then the hash when one was computed. The
 * hash is only compared for whole-file uploads: after a resume the relay saw
 * only the tail.
 */
export async function verifyUpload(client: FtpClient, path: string, expected: number, hash?: { plan: HashPlan; local: StreamingHash }): Promise<Verification> {
  const size = await remoteFileSize(client, path);
  // Nothing to compare with is no failure: the upload is reported done, not verified.
  if (size === undefined || size === 'missing') return {};
  if (size !== expected) return { verified: `remote size ${size} bytes, expected ${expected}`, verifiedBy: 'size' };
  if (!hash) return { verified: true, verifiedBy: 'size' };
  const remote = await remoteDigest(client, hash.plan, path).catch(() => undefined);
  if (remote === undefined) return { verified: true, verifiedBy: 'size' };
  const local = hash.local.digest();
  if (remote !== local) return { verified: `${hash.plan.hashName} mismatch: server ${remote}, sent ${local}`, verifiedBy: hash.local.algo };
  return { verified: true, verifiedBy: hash.local.algo };
}
