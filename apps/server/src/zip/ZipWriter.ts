/**
 * A streaming ZIP writer: entries go out as their bytes arrive, so memory
 * stays flat whatever the size of the files (only the central directory
 * records, a few dozen bytes per entry, are kept until the end).
 *
 * - Stored (no compression): FTP payloads are often compressed already, and
 *   storing keeps throughput at wire speed.
 * - Every file entry sets bit 3 and is followed by a data descriptor, since
 *   the CRC-32 (and possibly the size) is only known once the bytes passed.
 * - ZIP64 (APPNOTE 4.3.9, 4.5.3, 4.3.14/15) for entries whose size is unknown
 *   or ≥ 4 GiB, offsets ≥ 4 GiB, and more than 65 535 entries.
 * - Names are UTF-8 (bit 11); mtimes as DOS time plus the UT extra field.
 *
 * Names must be safe already (see entryName.ts): this module writes them as given.
 */
import { PassThrough, Writable } from 'node:stream';
import { crc32 } from 'node:zlib';

const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const VERSION_ZIP64 = 45;
const VERSION_DEFAULT = 20;
/** Made by: Unix (3) so unzip applies the mode bits in the external attributes. */
const MADE_BY = (3 << 8) | VERSION_ZIP64;

interface CentralRecord {
  name: Buffer;
  dir: boolean;
  crc: number;
  size: number;
  offset: number;
  dosTime: number;
  dosDate: number;
  unixTime: number | undefined;
  zip64Local: boolean;
}

/** Options of {@link ZipWriter}. */
export interface ZipWriterOptions {
  /** Write every entry and the end records in ZIP64 form (tests exercise those paths with small data). */
  forceZip64?: boolean;
  /** Buffer of the output stream, in bytes. Default 1 MiB. */
  highWaterMark?: number;
  /**
   * Write the archive straight into this stream (an `http.ServerResponse`)
   * instead of {@link ZipWriter.output}. Each write then waits for the
   * destination's write callback, and a file entry's sink calls back only
   * after that: so a source may hand the sink views of buffers it refills
   * after the callback (the engine's `reuseBuffers`), provided the
   * destination keeps nothing after calling back.
   */
  destination?: Writable;
  /** Told the archive's length after every write, for progress (a download's `download-progress`). */
  onWrite?: (bytesWritten: number) => void;
}

/** DOS date and time fields (UTC; ZIP has no zone, the UT extra field carries the exact instant). */
function dosDateTime(date: Date | undefined): { dosTime: number; dosDate: number } {
  const d = date && !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 1980 && date.getUTCFullYear() <= 2107 ? date : new Date(Date.UTC(1980, 0, 1));
  return {
    dosTime: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    dosDate: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** The UT extra field (0x5455): modification time as Unix seconds. */
function utExtra(unixTime: number | undefined): Buffer {
  if (unixTime === undefined) return Buffer.alloc(0);
  const b = Buffer.alloc(9);
  b.writeUInt16LE(0x5455, 0);
  b.writeUInt16LE(5, 2);
  b.writeUInt8(1, 4);
  b.writeUInt32LE(unixTime, 5);
  return b;
}

/** Writes a ZIP archive to {@link output}, one entry at a time. */
export class ZipWriter {
  readonly #output: PassThrough | undefined;
  /** Where the bytes go: the given destination, or {@link output}. */
  readonly #dest: Writable;
  /** Rejecters of writes waiting for their callback, failed at once if the destination closes. */
  readonly #waiting = new Set<(err: Error) => void>();
  readonly #records: CentralRecord[] = [];
  #nameBytes = 0;
  readonly #force: boolean;
  #offset = 0;
  readonly #onWrite: ((bytesWritten: number) => void) | undefined;
  #busy = false;
  #finished = false;

  constructor(opts: ZipWriterOptions = {}) {
    this.#force = opts.forceZip64 ?? false;
    this.#onWrite = opts.onWrite;
    if (opts.destination) {
      this.#dest = opts.destination;
    } else {
      this.#output = new PassThrough({ highWaterMark: opts.highWaterMark ?? 1024 * 1024 });
      this.#dest = this.#output;
    }
    // A destroyed destination may never call a pending write back (Node's
    // http drops writes to a dead socket silently): fail them on 'close'.
    this.#dest.on('close', () => {
      const err = new Error('the ZIP output was closed');
      for (const reject of this.#waiting) reject(err);
      this.#waiting.clear();
    });
  }

  /** The archive bytes when no `destination` was given; pipe this into the HTTP response. */
  get output(): PassThrough {
    if (!this.#output) throw new Error('this ZipWriter writes into its destination');
    return this.#output;
  }

  /** Entries written so far. */
  get entries(): number {
    return this.#records.length;
  }

  /** Keeps an entry for the central directory. */
  #add(rec: CentralRecord): void {
    this.#records.push(rec);
    this.#nameBytes += rec.name.length;
  }

  /** Bytes of entry names so far: the central directory keeps them all in memory until the end. */
  get nameBytes(): number {
    return this.#nameBytes;
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.#offset;
  }

  /** Writes bytes with backpressure: resolves once the output wants more. */
  #write(buf: Buffer): Promise<void> {
    const dest = this.#dest;
    if (dest.destroyed || dest.writableEnded) return Promise.reject(new Error('the ZIP output was closed'));
    this.#offset += buf.length;
    this.#onWrite?.(this.#offset);
    if (!this.#output) return this.#writeThrough(dest, buf);
    if (dest.write(buf)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onClose = (err: Error): void => {
        dest.off('drain', onDrain);
        reject(err);
      };
      const onDrain = (): void => {
        this.#waiting.delete(onClose);
        resolve();
      };
      this.#waiting.add(onClose);
      dest.once('drain', onDrain);
    });
  }

  /** Destination mode: resolves only when the destination is done with `buf` (its write callback). */
  #writeThrough(dest: Writable, buf: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.add(reject);
      dest.write(buf, (err) => {
        this.#waiting.delete(reject);
        if (err) reject(err);
        else resolve();
      });
    });
  }

  #localHeader(rec: CentralRecord): Buffer {
    const extra = Buffer.concat([rec.zip64Local ? zip64LocalExtra() : Buffer.alloc(0), utExtra(rec.unixTime)]);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(rec.zip64Local ? VERSION_ZIP64 : VERSION_DEFAULT, 4);
    h.writeUInt16LE(FLAG_UTF8 | (rec.dir ? 0 : FLAG_DESCRIPTOR), 6);
    h.writeUInt16LE(0, 8); // stored
    h.writeUInt16LE(rec.dosTime, 10);
    h.writeUInt16LE(rec.dosDate, 12);
    // CRC and sizes follow in the data descriptor (0 here; U32_MAX marks ZIP64 sizes).
    h.writeUInt32LE(0, 14);
    h.writeUInt32LE(rec.zip64Local ? U32_MAX : 0, 18);
    h.writeUInt32LE(rec.zip64Local ? U32_MAX : 0, 22);
    h.writeUInt16LE(rec.name.length, 26);
    h.writeUInt16LE(extra.length, 28);
    return Buffer.concat([h, rec.name, extra]);
  }

  #begin(name: string, dir: boolean, mtime: Date | undefined, zip64Local: boolean, dateOnly = false): CentralRecord {
    if (this.#finished) throw new Error('the ZIP is finished');
    if (this.#busy) throw new Error('one entry at a time');
    const nameBuf = Buffer.from(dir && !name.endsWith('/') ? `${name}/` : name, 'utf8');
    if (nameBuf.length > U16_MAX) throw new Error('entry name too long');
    // A date without a time of day (00:00 UTC of it) keeps only the DOS date:
    // an exact UT instant would be shown in the unzipper's zone, often the day before.
    const seconds = mtime && !dateOnly ? Math.floor(mtime.getTime() / 1000) : undefined;
    const unixTime = seconds !== undefined && seconds >= 0 && seconds <= U32_MAX ? seconds : undefined;
    return { name: nameBuf, dir, crc: 0, size: 0, offset: this.#offset, ...dosDateTime(mtime), unixTime, zip64Local };
  }

  /** Adds a directory entry (`name/`), so empty folders survive. `dateOnly`: `mtime` names a day (see addFile). */
  async addDirectory(name: string, mtime?: Date, dateOnly = false): Promise<void> {
    const rec = this.#begin(name, true, mtime, false, dateOnly);
    this.#add(rec);
    await this.#write(this.#localHeader(rec));
  }

  /**
   * Adds a file whose bytes `fill` writes into the given sink (and ends it).
   * The header is written with the first byte, so a source that fails before
   * producing anything leaves no entry behind; the error is rethrown. A source
   * that fails later leaves a valid, truncated entry (the caller reports it).
   * `fill` must settle once the sink is destroyed: its own error is the one
   * rethrown, since it explains the failure better than the sink's.
   *
   * @param size expected size when known; unknown or ≥ 4 GiB selects ZIP64 for the entry
   * @param dateOnly `mtime` is a calendar day at 00:00 UTC: written as a DOS date alone, without the exact UT time
   * @returns whether an entry was written
   */
  async addFile(name: string, fill: (sink: Writable) => Promise<unknown>, opts: { size?: number; mtime?: Date; dateOnly?: boolean } = {}): Promise<boolean> {
    const zip64 = this.#force || opts.size === undefined || opts.size >= U32_MAX;
    const rec = this.#begin(name, false, opts.mtime, zip64, opts.dateOnly === true);
    this.#busy = true;
    let started = false;
    const start = async (): Promise<void> => {
      if (started) return;
      started = true;
      rec.offset = this.#offset;
      this.#add(rec);
      await this.#write(this.#localHeader(rec));
    };
    // The chunk being written, so a failing source cannot put the descriptor ahead of it.
    let inflight: Promise<void> = Promise.resolve();
    const sink = new Writable({
      highWaterMark: 256 * 1024,
      write: (chunk: Buffer, _enc, done) => {
        inflight = start()
          .then(() => {
            rec.crc = crc32(chunk, rec.crc);
            rec.size += chunk.length;
            if (!rec.zip64Local && rec.size >= U32_MAX) throw new Error(`${name} grew past 4 GiB after it was listed smaller`);
            return this.#write(chunk);
          })
          .then(
            () => done(),
            (err: Error) => done(err),
          );
      },
    });
    let failure: unknown;
    const filling = fill(sink);
    try {
      await Promise.all([filling, new Promise<void>((resolve, reject) => {
        sink.once('finish', resolve);
        sink.once('error', reject);
      })]);
    } catch (err) {
      failure = err;
      sink.destroy();
      // A source that destroys the sink with a raw socket error (`read
      // ECONNRESET`) rejects a moment later with its own account (the
      // engine's FtpError, with the server's reply): report that one.
      failure = await filling.then(
        () => failure,
        (own: unknown) => own,
      );
    }
    await inflight;
    try {
      if (failure !== undefined && !started) throw failure;
      await start(); // an empty file still gets its header
      await this.#write(this.#descriptor(rec));
    } finally {
      this.#busy = false;
    }
    if (failure !== undefined) throw failure;
    return true;
  }

  #descriptor(rec: CentralRecord): Buffer {
    const b = Buffer.alloc(rec.zip64Local ? 24 : 16);
    b.writeUInt32LE(0x08074b50, 0);
    b.writeUInt32LE(rec.crc >>> 0, 4);
    if (rec.zip64Local) {
      b.writeBigUInt64LE(BigInt(rec.size), 8);
      b.writeBigUInt64LE(BigInt(rec.size), 16);
    } else {
      b.writeUInt32LE(rec.size, 8);
      b.writeUInt32LE(rec.size, 12);
    }
    return b;
  }

  #central(rec: CentralRecord): Buffer {
    const bigSize = this.#force || rec.size >= U32_MAX || rec.zip64Local;
    const bigOffset = this.#force || rec.offset >= U32_MAX;
    const fields: bigint[] = [];
    if (bigSize && !rec.dir) fields.push(BigInt(rec.size), BigInt(rec.size));
    if (bigOffset) fields.push(BigInt(rec.offset));
    let zip64 = Buffer.alloc(0);
    if (fields.length > 0) {
      zip64 = Buffer.alloc(4 + 8 * fields.length);
      zip64.writeUInt16LE(0x0001, 0);
      zip64.writeUInt16LE(8 * fields.length, 2);
      fields.forEach((f, i) => zip64.writeBigUInt64LE(f, 4 + 8 * i));
    }
    const extra = Buffer.concat([zip64, utExtra(rec.unixTime)]);
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(MADE_BY, 4);
    h.writeUInt16LE(fields.length > 0 ? VERSION_ZIP64 : VERSION_DEFAULT, 6);
    h.writeUInt16LE(FLAG_UTF8 | (rec.dir ? 0 : FLAG_DESCRIPTOR), 8);
    h.writeUInt16LE(0, 10);
    h.writeUInt16LE(rec.dosTime, 12);
    h.writeUInt16LE(rec.dosDate, 14);
    h.writeUInt32LE(rec.crc >>> 0, 16);
    const size32 = bigSize && !rec.dir ? U32_MAX : rec.size;
    h.writeUInt32LE(size32, 20);
    h.writeUInt32LE(size32, 24);
    h.writeUInt16LE(rec.name.length, 28);
    h.writeUInt16LE(extra.length, 30);
    h.writeUInt16LE(0, 32); // comment
    h.writeUInt16LE(0, 34); // disk
    h.writeUInt16LE(0, 36); // internal attributes
    // Unix mode in the high half; MS-DOS directory bit in the low byte.
    h.writeUInt32LE((((rec.dir ? 0o040755 : 0o100644) << 16) | (rec.dir ? 0x10 : 0)) >>> 0, 38);
    h.writeUInt32LE(bigOffset ? U32_MAX : rec.offset, 42);
    return Buffer.concat([h, rec.name, extra]);
  }

  /** Writes the central directory and end records, then ends the output (or the destination). */
  async finish(): Promise<void> {
    if (this.#busy) throw new Error('an entry is still being written');
    this.#finished = true;
    const cdStart = this.#offset;
    // Batches keep the number of writes (and promises) small for huge archives.
    let batch: Buffer[] = [];
    let batchBytes = 0;
    for (const rec of this.#records) {
      const b = this.#central(rec);
      batch.push(b);
      batchBytes += b.length;
      if (batchBytes >= 256 * 1024) {
        await this.#write(Buffer.concat(batch));
        batch = [];
        batchBytes = 0;
      }
    }
    if (batch.length > 0) await this.#write(Buffer.concat(batch));
    const cdSize = this.#offset - cdStart;
    const count = this.#records.length;
    const zip64 = this.#force || count >= U16_MAX || cdStart >= U32_MAX || cdSize >= U32_MAX;
    if (zip64) {
      const eocd64At = this.#offset;
      const r = Buffer.alloc(56);
      r.writeUInt32LE(0x06064b50, 0);
      r.writeBigUInt64LE(44n, 4); // size of the rest of this record
      r.writeUInt16LE(MADE_BY, 12);
      r.writeUInt16LE(VERSION_ZIP64, 14);
      r.writeUInt32LE(0, 16);
      r.writeUInt32LE(0, 20);
      r.writeBigUInt64LE(BigInt(count), 24);
      r.writeBigUInt64LE(BigInt(count), 32);
      r.writeBigUInt64LE(BigInt(cdSize), 40);
      r.writeBigUInt64LE(BigInt(cdStart), 48);
      const loc = Buffer.alloc(20);
      loc.writeUInt32LE(0x07064b50, 0);
      loc.writeUInt32LE(0, 4);
      loc.writeBigUInt64LE(BigInt(eocd64At), 8);
      loc.writeUInt32LE(1, 16);
      await this.#write(Buffer.concat([r, loc]));
    }
    const e = Buffer.alloc(22);
    e.writeUInt32LE(0x06054b50, 0);
    e.writeUInt16LE(0, 4);
    e.writeUInt16LE(0, 6);
    e.writeUInt16LE(zip64 ? U16_MAX : count, 8);
    e.writeUInt16LE(zip64 ? U16_MAX : count, 10);
    e.writeUInt32LE(zip64 ? U32_MAX : cdSize, 12);
    e.writeUInt32LE(zip64 ? U32_MAX : cdStart, 16);
    e.writeUInt16LE(0, 20);
    await this.#write(e);
    this.#dest.end();
  }
}

/** ZIP64 extra field of a local header: sizes unknown yet, so zero (the descriptor carries them). */
function zip64LocalExtra(): Buffer {
  const b = Buffer.alloc(20);
  b.writeUInt16LE(0x0001, 0);
  b.writeUInt16LE(16, 2);
  return b;
}
