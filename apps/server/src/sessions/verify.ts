/**
 * Transfer verification. SIZE always; on top, a hash when the server offers
 * one: the HASH command (draft-bryan-ftpext-hash, with `OPTS HASH <algo>`)
 * or the older XMD5 / XSHA256 / XSHA1 / XCRC. The relay hashes the bytes as
 * they pass, so verifying costs one command, not a second read of the file.
 * Uploads and downloads alike: a download is hashed as it streams to the
 * browser, which checks the FTP leg (a file changed while it was read, a
 * broken middlebox); the HTTP leg has TCP's (and TLS's) own checks.
 *
 * A resumed or appended upload, or a download from a Range, moves only the
 * tail of the file, so its hash is compared with the server's hash of that
 * byte range. Only the X commands take one (`XMD5 path start end`, end not
 * included); ProFTPD's HASH ignores RANG, so a tail is never checked with
 * HASH.
 *
 * Which servers offer what (checked against the test servers): ProFTPD with
 * mod_digest advertises HASH and answers XMD5/XSHA1/XSHA256/XCRC, whole or
 * over a range; vsftpd, Pure-FTPd and pyftpdlib offer none, so they get
 * SIZE only.
 */
import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { DEFAULT_REPLY_TIMEOUT_MS, type FtpClient } from '@ftpdeck/ftp-engine';
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

/**
 * Picks the best hash the server advertises in FEAT; undefined when none.
 * With `xOnly`, only an X command will do: for a byte range (the tail a
 * resume or an append sent), or a path HASH cannot carry (see remoteDigest).
 */
export function planHash(features: ReadonlyMap<string, string>, { xOnly = false }: { xOnly?: boolean } = {}): HashPlan | undefined {
  const hashFeat = xOnly ? undefined : features.get('HASH');
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

/** Bytes `start` up to, not including, `end` of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The path as an X command's argument. The command reads spaces as
 * argument breaks (ProFTPD answers `XMD5 a b.bin` with 501), so a path with
 * whitespace, or one that starts with a quote, goes in double quotes; inside
 * them ProFTPD reads a backslash as an escape, so `\` and `"` are escaped
 * (unescaped, `"a b\c.bin"` named `a bc.bin`, which could be another file).
 * Any other path goes as it is: unquoted, a backslash is just a character.
 */
function xArgument(path: string): string {
  if (!/\s/.test(path) && !path.startsWith('"')) return path;
  return `"${path.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * Can HASH name `path`? Its path is the rest of the line, which the engine
 * trims: `/a ` would be hashed as `/a`, another file.
 */
export function hashCarries(path: string): boolean {
  return path.trim() === path;
}

/** The least a hash command waits for its answer: the reply timeout the relay's clients run with (the engine's default). */
const HASH_TIMEOUT_MS = DEFAULT_REPLY_TIMEOUT_MS;
/**
 * The slowest hashing we wait for, in bytes a second. The server reads the
 * whole range before it answers (ProFTPD hashed 4 GB in 23 s here), and a
 * NAS on a slow disk may do a tenth of that; without the extra time, the
 * reply timeout cut a large file's check off and closed the connection.
 */
const HASH_SLOWEST_BYTES_PER_S = 20 * 1024 * 1024;

/** How long to wait for the hash of `bytes` bytes. */
export function hashTimeoutMs(bytes: number): number {
  return HASH_TIMEOUT_MS + Math.ceil((bytes / HASH_SLOWEST_BYTES_PER_S) * 1000);
}

/**
 * Asks the server for its hash of `path` (`size` bytes), or of `range` of
 * it (X commands only); undefined when it will not say.
 */
export async function remoteDigest(client: FtpClient, plan: HashPlan, path: string, size: number, range?: ByteRange): Promise<string | undefined> {
  let line: string;
  if (plan.command === 'HASH') {
    if (range || !hashCarries(path)) return undefined;
    const opts = await client.raw(`OPTS HASH ${plan.hashName}`);
    if (opts.code !== 200) return undefined;
    line = `HASH ${path}`;
  } else {
    const arg = xArgument(path);
    line = range ? `${plan.command} ${arg} ${range.start} ${range.end}` : `${plan.command} ${arg}`;
  }
  const reply = await client.raw(line, { timeoutMs: hashTimeoutMs(range ? range.end - range.start : size) });
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
  /** Where the hashed tail began, when the hash covered only the end of the file. */
  verifiedFrom?: number;
}

/** The relay's hash of what it passed on (sent, or received), and where in the file that began (0 for a whole file). */
export interface SentHash {
  plan: HashPlan;
  local: StreamingHash;
  from: number;
}

/**
 * SIZE against the declared size, then the hash when one was computed: of
 * the whole file, or of the tail from `hash.from` that a resume or an
 * append sent.
 */
export async function verifyUpload(client: FtpClient, path: string, expected: number, hash?: SentHash): Promise<Verification> {
  const size = await remoteFileSize(client, path);
  // Nothing to compare with is no failure: the upload is reported done, not verified.
  if (size === undefined || size === 'missing') return {};
  if (size !== expected) return { verified: `remote size ${size} bytes, expected ${expected}`, verifiedBy: 'size' };
  return compareHash(client, path, expected, hash, 'sent');
}

/**
 * A download's check: its byte count already matched SIZE (the route fails
 * one that ends short and never lets one run past), so what is left is the
 * hash of what the relay passed on, of the whole file or of the tail from
 * `hash.from` that a Range asked for, against the FTP server's.
 */
export function verifyDownload(client: FtpClient, path: string, size: number, hash?: SentHash): Promise<Verification> {
  return compareHash(client, path, size, hash, 'received');
}

/**
 * The server's hash of the file (or of its tail from `hash.from`) against
 * the relay's; a size-only verification when there is no hash to compare,
 * or the server will not give one. `ours` names the relay's side in a
 * mismatch (what it sent, or received).
 */
async function compareHash(client: FtpClient, path: string, size: number, hash: SentHash | undefined, ours: 'sent' | 'received'): Promise<Verification> {
  const sizeOnly: Verification = { verified: true, verifiedBy: 'size' };
  // An empty tail (a resume of a complete file) has no range to ask for.
  if (!hash || (hash.from > 0 && hash.from >= size)) return sizeOnly;
  const range = hash.from > 0 ? { start: hash.from, end: size } : undefined;
  const ask = (r?: ByteRange): Promise<string | undefined> => remoteDigest(client, hash.plan, path, size, r).catch(() => undefined);
  const remote = await ask(range);
  if (remote === undefined) return sizeOnly;
  const local = hash.local.digest();
  const by = hash.local.algo;
  const tail = range ? { verifiedFrom: range.start } : {};
  if (remote === local) return { verified: true, verifiedBy: by, ...tail };
  // A server that ignored the range answered with the whole file's hash,
  // which cannot match a tail's: that is no evidence of a bad transfer.
  if (range && (await ask()) === remote) return sizeOnly;
  const what = range ? `${hash.plan.hashName} of bytes ${range.start}-${range.end}` : hash.plan.hashName;
  return { verified: `${what} mismatch: server ${remote}, ${ours} ${local}`, verifiedBy: by, ...tail };
}
