/**
 * A remote text file's bytes as text an editor can change, and back to the
 * same kind of bytes: same charset, same byte-order mark, same line ends.
 *
 * Why the care: a `<textarea>` hands back every line end as LF, and the
 * browser can encode only UTF-8. Saved naively, a CRLF config file from a
 * Windows server becomes LF throughout, and a GBK file becomes UTF-8: the
 * server's software then reads garbage. So the file's line end and BOM are
 * remembered and put back, and other charsets are encoded through a table
 * built from the browser's own decoder. A file whose bytes would not come
 * back unchanged from decode-then-encode (invalid sequences, a duplicate
 * mapping, characters outside the table) opens read-only: saving it could
 * change bytes the user never touched.
 */

/** A line end as it is written in the file. */
export type LineEnd = '\n' | '\r\n' | '\r';

/** A decoded file, and how to write it back. */
export interface TextFile {
  /** The text with LF line ends, as an editor holds it. */
  text: string;
  /** An offered charset value (lib/encodings.ts): 'utf8', 'gbk', 'windows-1251', … */
  charset: string;
  /** The file began with a UTF-8 byte-order mark (kept on save). */
  bom: boolean;
  /** The line end every line is written with. */
  lineEnd: LineEnd;
  /** The file mixed line ends; saving writes {@link lineEnd} throughout. */
  mixedLineEnds: boolean;
  /** Why the file cannot be saved in this charset without changing bytes; undefined when it can. */
  readOnly?: 'not-exact';
  /**
   * Characters this file writes with another of their byte sequences than
   * the table's first (Shift_JIS's IBM extensions in rows FA-FC, GB18030's
   * A2 E3 for €): kept so they are written back the way the file had them.
   */
  prefer?: ReadonlyMap<string, number>;
}

/** Why a file cannot be opened as text at all. */
export type TextRefusal = 'binary' | 'not-utf8';

/** A character the charset has no bytes for; `line` is 1-based. */
export class UnencodableError extends Error {
  constructor(
    readonly char: string,
    readonly line: number,
    readonly charset: string,
  ) {
    super(`"${char}" on line ${line} has no ${charset} bytes`);
    this.name = 'UnencodableError';
  }
}

const BOM = [0xef, 0xbb, 0xbf];
/** How much of the start is searched for NUL bytes, the mark of a binary file. */
const SNIFF_BYTES = 8192;
/** WHATWG labels for offered values the decoder names otherwise (as encodings.ts). */
const DECODER_LABELS: Readonly<Record<string, string>> = { utf8: 'utf-8', latin1: 'windows-1252' };

/** The WHATWG label to decode an offered charset value with. */
function decoderLabel(charset: string): string {
  return DECODER_LABELS[charset] ?? charset;
}

/** True when the first bytes hold a NUL: text in any offered charset has none. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** The commonest line end of `text` (LF when it has none), and whether it has others too. */
export function lineEndOf(text: string): { lineEnd: LineEnd; mixed: boolean } {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 0x0a) lf++;
  }
  const kinds = (crlf > 0 ? 1 : 0) + (lf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
  const lineEnd: LineEnd = crlf >= lf && crlf >= cr && crlf > 0 ? '\r\n' : cr > lf ? '\r' : '\n';
  return { lineEnd, mixed: kinds > 1 };
}

/**
 * Reads `bytes` as `charset`, or as UTF-8 when none is given. Refuses a
 * binary file, and a file that is not UTF-8 when no charset was chosen
 * (the editor then offers the charsets).
 */
export function decodeTextFile(bytes: Uint8Array, charset?: string): TextFile | TextRefusal {
  if (looksBinary(bytes)) return 'binary';
  const chosen = charset ?? 'utf8';
  const utf8 = chosen === 'utf8';
  const bom = utf8 && BOM.every((b, i) => bytes[i] === b);
  const body = bom ? bytes.subarray(3) : bytes;
  let raw: string;
  let exact = true;
  let prefer: Map<string, number> | undefined;
  if (utf8) {
    try {
      raw = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      if (charset === undefined) return 'not-utf8';
      // Chosen by the user: show it, with U+FFFD where bytes are invalid, but never save it.
      raw = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
      exact = false;
    }
  } else {
    raw = new TextDecoder(decoderLabel(chosen), { ignoreBOM: true }).decode(body);
    prefer = sequencesOf(chosen, body);
    exact = sameBytes(encodeWith(chosen, raw, { prefer }), body);
  }
  const { lineEnd, mixed } = lineEndOf(raw);
  const text = raw.replace(/\r\n?/g, '\n');
  const file: TextFile = { text, charset: chosen, bom, lineEnd, mixedLineEnds: mixed };
  if (prefer && prefer.size > 0) file.prefer = prefer;
  if (!exact) file.readOnly = 'not-exact';
  return file;
}

/**
 * The bytes to save for `text` (LF line ends, as an editor holds them) in
 * the file's charset, line end and BOM. Throws {@link UnencodableError} for
 * a character the charset cannot hold.
 */
export function encodeTextFile(file: Pick<TextFile, 'charset' | 'bom' | 'lineEnd' | 'prefer'>, text: string): Uint8Array<ArrayBuffer> {
  const withEnds = file.lineEnd === '\n' ? text : text.replace(/\n/g, file.lineEnd);
  const body = file.charset === 'utf8' ? new TextEncoder().encode(withEnds) : encodeWith(file.charset, withEnds, { strict: true, ...(file.prefer ? { prefer: file.prefer } : {}) });
  if (!file.bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set(BOM);
  out.set(body, 3);
  return out;
}

/** Whether two byte runs are equal (false when the first is missing). */
export function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A charset's sequences both ways, built once from the browser's decoder (see {@link codeTable}). */
interface CodeTable {
  /** Character → its first sequence (a byte, or lead << 8 | trail). */
  encode: Map<string, number>;
  /** Every valid sequence → its character. */
  decode: Map<number, string>;
  /** Bytes that start a two-byte sequence. */
  leads: Set<number>;
}

const tables = new Map<string, CodeTable>();

/** How {@link encodeWith} encodes. */
interface EncodeOptions {
  /** Throw {@link UnencodableError} for a missing character rather than return undefined. */
  strict?: boolean;
  /** Sequences to use instead of the table's first (TextFile.prefer). */
  prefer?: ReadonlyMap<string, number> | undefined;
}

/** Encodes through the charset's table; undefined for a character it lacks, unless `strict`. */
function encodeWith(charset: string, text: string, options: EncodeOptions & { strict: true }): Uint8Array<ArrayBuffer>;
function encodeWith(charset: string, text: string, options?: EncodeOptions): Uint8Array<ArrayBuffer> | undefined;
function encodeWith(charset: string, text: string, options: EncodeOptions = {}): Uint8Array<ArrayBuffer> | undefined {
  const { encode } = codeTable(charset);
  const out = new Uint8Array(text.length * 2);
  let n = 0;
  let line = 1;
  for (const ch of text) {
    const code = options.prefer?.get(ch) ?? encode.get(ch);
    if (code === undefined) {
      if (options.strict) throw new UnencodableError(ch, line, charset);
      return undefined;
    }
    if (code > 0xff) out[n++] = code >> 8;
    out[n++] = code & 0xff;
    if (ch === '\n') line++;
  }
  return out.slice(0, n);
}

/**
 * The sequences `bytes` uses for characters that have more than one, where
 * it does not use the table's first. Reads the bytes as the decoder does:
 * a lead byte and the next one form a pair when the pair is valid.
 */
function sequencesOf(charset: string, bytes: Uint8Array): Map<string, number> {
  const { encode, decode, leads } = codeTable(charset);
  const prefer = new Map<string, number>();
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    let code = b;
    if (leads.has(b) && i + 1 < bytes.length) {
      const pair = (b << 8) | (bytes[i + 1] as number);
      if (decode.has(pair)) {
        code = pair;
        i++;
      }
    }
    const ch = decode.get(code);
    if (ch !== undefined && encode.get(ch) !== code && !prefer.has(ch)) prefer.set(ch, code);
  }
  return prefer;
}

/**
 * The table for `charset`: every single byte, then every lead/trail pair,
 * run through TextDecoder; a character's first sequence found is the one
 * written (single bytes first), unless the file itself used another
 * (TextFile.prefer). Two-byte sequences cover the offered CJK charsets
 * (GB18030's four-byte ones are not in it: such a file opens read-only).
 * About 32 000 decodes, once per charset per page.
 */
function codeTable(charset: string): CodeTable {
  const known = tables.get(charset);
  if (known) return known;
  const table: CodeTable = { encode: new Map(), decode: new Map(), leads: new Set() };
  const decoder = new TextDecoder(decoderLabel(charset), { ignoreBOM: true });
  for (let b = 0; b < 0x100; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch.length === 1 && ch !== '\ufffd') {
      table.decode.set(b, ch);
      if (!table.encode.has(ch)) table.encode.set(ch, b);
    } else if (b >= 0x80) table.leads.add(b);
  }
  const pair = new Uint8Array(2);
  for (const lead of table.leads) {
    pair[0] = lead;
    for (let trail = 0x30; trail < 0x100; trail++) {
      pair[1] = trail;
      const ch = decoder.decode(pair);
      // One character (a BMP one, or an astral pair as GB18030 never gives in two bytes), not U+FFFD.
      if (ch.length === 0 || ch.includes('\ufffd') || [...ch].length !== 1) continue;
      const code = (lead << 8) | trail;
      table.decode.set(code, ch);
      if (!table.encode.has(ch)) table.encode.set(ch, code);
    }
  }
  tables.set(charset, table);
  return table;
}
