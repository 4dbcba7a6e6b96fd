/**
 * Directory listings: MLSD when FEAT lists MLST, else `LIST -a`, else
 * `LIST`, and NLST (names only) when LIST itself is unknown to the server.
 * Whatever was refused is remembered for the session. Listing bytes
 * are capped, split into lines, decoded line by line with the name codec
 * (so undecodable names stay reversible) and handed to the parser, with the
 * server's time zone for LIST times (client/timezone.ts).
 */
import { Writable } from 'node:stream';
import type { ControlSession } from '../control/session.ts';
import { FtpError, FtpErrorCodes, isFtpError } from '../errors.ts';
import { decodeListingText, guessCharset, isTotalLine, parseListingInSlices, parseNameList } from '../external.ts';
import type { FileEntry } from '../types.ts';
import type { ClientCore } from './core.ts';
import { applyConfiguredTimezone, detectTimezone, listOffsetMinutes, needsDetection } from './timezone.ts';
import { visit, workingDir } from './visit.ts';

/**
 * Collects bytes up to a cap on bytes and one on lines (LF-terminated, so a
 * CRLF or LF listing counts alike); more of either fails with
 * FTP_ERR_LISTING_TOO_LARGE while the listing still arrives.
 */
export class BoundedCollector extends Writable {
  private chunks: Buffer[] = [];
  private size = 0;
  private lines = 0;

  constructor(
    private readonly cap: number,
    private readonly maxLines = Infinity,
  ) {
    super();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.size += chunk.length;
    if (this.size > this.cap) {
      done(new FtpError(FtpErrorCodes.LISTING_TOO_LARGE, `The listing is larger than ${this.cap} bytes`));
      return;
    }
    for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) this.lines += 1;
    // The last line may lack its LF; a few lines more (`total`, `.`, `..`) are not entries.
    if (this.lines > this.maxLines + LINES_NOT_ENTRIES) {
      done(new FtpError(FtpErrorCodes.LISTING_TOO_LARGE, `The listing has more than ${this.maxLines} lines`));
      return;
    }
    this.chunks.push(chunk);
    done();
  }

  /** Everything collected. */
  get data(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Lines a listing may have beyond its entries: `total N`, `.` and `..` (or MLSD's cdir and pdir), and slack. */
const LINES_NOT_ENTRIES = 8;

/** Codes that mean "this command is not available here" (try the next one). */
const UNSUPPORTED = new Set([500, 501, 502, 504]);

/** Raw listing bytes and the command that produced them. */
export interface RawListing {
  data: Buffer;
  command: string;
  /** The parse made for time zone detection, reused by decodeListing while the session's offset stays what it was parsed with. */
  parsed?: ParsedListing;
  /** An empty answer already checked to be an existing folder (see emptyOrMissing). */
  checked?: boolean;
}

/** One parse of a listing, with what it could not read. */
interface ParsedListing {
  offsetMinutes: number;
  entries: FileEntry[];
  unread: number;
  sample: string;
}

async function fetch(core: ClientCore, s: ControlSession, command: string, signal?: AbortSignal): Promise<Buffer> {
  const sink = new BoundedCollector(core.options.maxListingBytes, core.options.maxListingLines);
  await core.ensureType(s, 'I');
  await core.transfer(s, { command, direction: 'download', stream: sink, ...(signal ? { signal } : {}) });
  return sink.data;
}

function withPath(verb: string, path: string | undefined): string {
  return path ? `${verb} ${path}` : verb;
}

/** How {@link fetchListing} lists. */
export interface FetchListingOptions {
  /**
   * Skip MLSD and list with LIST (or NLST). ProFTPD's MLSD leaves out a
   * link whose target is gone, which LIST shows: a recursive delete asks
   * LIST for what is left when a folder it emptied by MLSD will not go.
   */
  byList?: boolean;
}

/**
 * Runs the MLSD / LIST -a / LIST / NLST cascade. A LIST-format answer also settles
 * the server's time zone (configured, or detected with one MDTM on this
 * task), which decodeListing then applies.
 */
export async function fetchListing(core: ClientCore, s: ControlSession, path?: string, signal?: AbortSignal, opts: FetchListingOptions = {}): Promise<RawListing> {
  const raw = await fetchCascade(core, s, path, signal, opts.byList === true);
  // MLSD times are UTC; NLST has none.
  if (raw.command.startsWith('MLSD') || raw.command.startsWith('NLST')) return raw;
  applyConfiguredTimezone(core);
  if (needsDetection(core)) {
    // Parsed here at the offset known so far; decodeListing reuses it unless detection changes the offset.
    raw.parsed = await parseRaw(core, raw.data, listOffsetMinutes(core));
    await detectTimezone(core, s, path, raw.parsed.entries, raw.parsed.offsetMinutes);
  }
  return raw;
}

async function fetchCascade(core: ClientCore, s: ControlSession, path: string | undefined, signal: AbortSignal | undefined, byList: boolean): Promise<RawListing> {
  if (core.state.mlsd && !core.state.nlst && !byList) {
    // MLSD takes its argument as one path name (RFC 3659), spaces and all.
    const command = withPath('MLSD', path);
    try {
      return { data: await fetch(core, s, command, signal), command };
    } catch (err) {
      if (!isFtpError(err, FtpErrorCodes.REPLY) || !UNSUPPORTED.has(err.ftpCode ?? 0)) throw err;
      core.state.mlsd = false;
      core.transcript.status('MLSD refused; using LIST from now on', { type: 'fallback', from: 'MLSD', to: 'LIST', reason: err.message });
    }
  }
  if (path && misreadByList(path)) {
    const inside = await listInside(core, s, path, signal);
    if (inside) return inside;
  }
  const raw = core.state.nlst ? await fetchNames(core, s, path, signal) : await fetchList(core, s, path, signal);
  return path && !raw.checked && !hasEntryLines(raw.data) ? existingOrMissing(core, s, path, raw) : raw;
}

/**
 * A LIST or NLST of `path` that listed nothing. vsftpd answers 150/226
 * with no lines for a folder that does not exist (its `LIST -a` of a real
 * folder lists `.` and `..`), so an empty answer is checked like a 450/550
 * one: a folder we can enter is empty, anything else is an error that
 * quotes the server's refusal of the CWD.
 */
async function existingOrMissing(core: ClientCore, s: ControlSession, path: string, raw: RawListing): Promise<RawListing> {
  const here = await workingDir(s);
  if (here === undefined) return raw;
  const visited = await visit(core, s, here, path, async () => undefined);
  if (visited.entered) return raw;
  const { code, text } = visited.refusal;
  // A server without CWD cannot tell us: the empty listing stands.
  if (UNSUPPORTED.has(code)) return raw;
  throw new FtpError(FtpErrorCodes.REPLY, `Cannot list ${path}: it listed nothing and the server will not enter it: ${text}`, { ftpCode: code, replyText: text });
}

/**
 * Would LIST or NLST take `path` for something else? Many servers hand the
 * argument to `ls` or to their own globbing: inetutils and netkit ftpd split
 * it at spaces (`LIST /a b` lists `/a` and `b`), vsftpd, ProFTPD and
 * Pure-FTPd expand `*`, `?` and brackets, and a leading `-` reads as options.
 */
export function misreadByList(path: string): boolean {
  return /[\s*?[\]{}\\]/.test(path) || path.startsWith('-') || path.startsWith('~');
}

/**
 * Lists `path` the way FileZilla lists every folder: CWD there, LIST with no
 * argument, CWD back. Undefined when that cannot be done (PWD or the CWD
 * refused: a file, or a folder we may list but not enter); the caller then
 * sends the path as an argument after all.
 */
async function listInside(core: ClientCore, s: ControlSession, path: string, signal?: AbortSignal): Promise<RawListing | undefined> {
  const here = await workingDir(s);
  if (here === undefined) return undefined;
  if (!core.state.toldListInside) {
    core.state.toldListInside = true;
    core.transcript.status('Folders whose path has spaces or wildcards are listed from inside (CWD, LIST, CWD back): servers split or expand such a path on the LIST command line', {
      type: 'fallback',
      from: 'LIST path',
      to: 'CWD path, LIST',
      reason: 'the path has spaces or wildcards',
    });
  }
  const visited = await visit(core, s, here, path, () => (core.state.nlst ? fetchNames(core, s, undefined, signal) : fetchList(core, s, undefined, signal)));
  return visited.entered ? visited.value : undefined;
}

/** LIST -a, else LIST, else NLST when LIST itself is unknown. */
async function fetchList(core: ClientCore, s: ControlSession, path?: string, signal?: AbortSignal): Promise<RawListing> {
  const candidates = core.state.listDashA !== 'refused' ? [withPath('LIST -a', path), withPath('LIST', path)] : [withPath('LIST', path)];
  let dashARefusal: FtpError | undefined;
  for (let i = 0; i < candidates.length; i += 1) {
    const command = candidates[i] as string;
    const last = i === candidates.length - 1;
    try {
      const data = await fetch(core, s, command, signal);
      if (dashARefusal) {
        // LIST answers where LIST -a did not: the option is what the server refused.
        core.state.listDashA = 'refused';
        core.transcript.status(`LIST -a refused; using LIST from now on`, { type: 'fallback', from: 'LIST -a', to: 'LIST', reason: dashARefusal.message });
      }
      if (last || core.state.listDashA === 'lists') return { data, command };
      if (hasEntryLines(data)) {
        core.state.listDashA = 'lists';
        return { data, command };
      }
      return await checkEmptyDashA(core, s, data, path, signal);
    } catch (err) {
      if (!isFtpError(err, FtpErrorCodes.REPLY)) throw err;
      const code = err.ftpCode ?? 0;
      if (!last && (UNSUPPORTED.has(code) || code === 550 || code === 450)) {
        // `-a` refused, or a folder that is empty or missing: plain LIST tells which.
        dashARefusal = err;
        continue;
      }
      // Several servers answer 450/550 "No files found" for an empty directory.
      if (code === 450 || code === 550) return emptyOrMissing(core, s, path, err, command);
      if (!UNSUPPORTED.has(code)) throw err;
      // LIST itself is unknown here: names are all this server will give.
      core.state.nlst = true;
      core.transcript.status(`${command} refused; listing names only with NLST from now on`, { type: 'fallback', from: 'LIST', to: 'NLST', reason: err.message });
      return fetchNames(core, s, path, signal);
    }
  }
  throw new FtpError(FtpErrorCodes.PROTOCOL, 'No listing command left to try');
}

/** NLST: names only. An empty folder may be 450/550, as with LIST. */
async function fetchNames(core: ClientCore, s: ControlSession, path?: string, signal?: AbortSignal): Promise<RawListing> {
  const command = withPath('NLST', path);
  try {
    return { data: await fetch(core, s, command, signal), command };
  } catch (err) {
    if (isFtpError(err, FtpErrorCodes.REPLY) && (err.ftpCode === 450 || err.ftpCode === 550)) return emptyOrMissing(core, s, path, err, command);
    throw err;
  }
}

/**
 * A listing answered 450/550: an empty folder on several servers, or no
 * such folder. Whether the server lets us in tells them apart, so a typo in
 * a path is an error and not an empty folder. When it cannot be told (PWD
 * refused), the folder counts as empty, as it always did.
 */
async function emptyOrMissing(core: ClientCore, s: ControlSession, path: string | undefined, refusal: FtpError, command: string): Promise<RawListing> {
  const empty = { data: Buffer.alloc(0), command, checked: true };
  // The working directory, or one we have just entered (listInside), exists.
  if (!path) return empty;
  const here = await workingDir(s);
  if (here === undefined) return empty;
  const visited = await visit(core, s, here, path, async () => undefined);
  if (visited.entered) return empty;
  throw refusal;
}

/**
 * True when a listing has a line that can be an entry: anything but blank
 * lines and the `total N` line of `ls -l`.
 */
export function hasEntryLines(data: Buffer): boolean {
  return splitLines(data).some((line) => !isTotalLine(line.toString('latin1')));
}

/**
 * `LIST -a` came back empty before it ever listed anything. Some servers
 * (Windows CE) answer it with an empty listing instead of refusing the
 * option, so ask plain `LIST` once: if that lists entries, `-a` is dropped
 * for the session; if it is empty too, the folder is empty.
 */
async function checkEmptyDashA(core: ClientCore, s: ControlSession, dashA: Buffer, path: string | undefined, signal?: AbortSignal): Promise<RawListing> {
  const command = withPath('LIST', path);
  let plain: Buffer;
  try {
    plain = await fetch(core, s, command, signal);
  } catch (err) {
    // LIST -a worked; a refusal of plain LIST (an empty folder's 450/550) leaves its answer standing.
    if (isFtpError(err, FtpErrorCodes.REPLY)) return { data: dashA, command: withPath('LIST -a', path) };
    throw err;
  }
  if (!hasEntryLines(plain)) return { data: dashA, command: withPath('LIST -a', path) };
  core.state.listDashA = 'refused';
  core.transcript.status('LIST -a listed nothing where LIST lists entries; using LIST from now on', {
    type: 'fallback',
    from: 'LIST -a',
    to: 'LIST',
    reason: 'empty listing',
  });
  return { data: plain, command };
}

/** Splits listing bytes into lines (CRLF or LF), without the terminators. */
export function splitLines(data: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (;;) {
    const lf = data.indexOf(0x0a, start);
    const end = lf < 0 ? data.length : lf;
    let stop = end;
    if (stop > start && data[stop - 1] === 0x0d) stop -= 1;
    if (stop > start) lines.push(data.subarray(start, stop));
    if (lf < 0) break;
    start = lf + 1;
  }
  return lines;
}

/**
 * Decodes and parses a listing, pausing for the event loop between slices
 * of lines: the server decides how long its listing is, and a relay serves
 * other sessions meanwhile.
 */
async function parseRaw(core: ClientCore, data: Buffer, offsetMinutes: number): Promise<ParsedListing> {
  const out: ParsedListing = { offsetMinutes, entries: [], unread: 0, sample: '' };
  out.entries = await parseListingInSlices(decodeListingText(data, core.codec), {
    now: new Date(),
    // Only LIST-format parsers use it; MLSD and EPLF times are UTC already.
    timezoneOffsetMinutes: offsetMinutes,
    onUnread: (line) => {
      if (out.unread++ === 0) out.sample = line.length > 120 ? `${line.slice(0, 120)}…` : line;
    },
  });
  return out;
}

/**
 * Decodes and parses a raw listing, LIST times shifted by the session's
 * server time zone (an NLST answer is read as names); updates the charset
 * guess under `auto`.
 */
export async function decodeListing(core: ClientCore, raw: RawListing): Promise<{ entries: FileEntry[]; guessed?: string }> {
  const { data } = raw;
  let parsed: ParsedListing;
  if (raw.command.startsWith('NLST')) {
    parsed = { offsetMinutes: 0, entries: parseNameList(decodeListingText(data, core.codec)), unread: 0, sample: '' };
  } else {
    const offsetMinutes = listOffsetMinutes(core);
    parsed = raw.parsed?.offsetMinutes === offsetMinutes ? raw.parsed : await parseRaw(core, data, offsetMinutes);
  }
  const { entries, unread, sample } = parsed;
  if (unread > 0) {
    // Otherwise a listing in a format we cannot read would just look like an empty folder.
    core.transcript.status(`${unread} listing line${unread === 1 ? ' was' : 's were'} not understood and ${unread === 1 ? 'is' : 'are'} not shown; the first: ${sample}`, {
      type: 'listing-unread',
      count: unread,
      sample,
    });
  }
  if (core.options.encoding.toLowerCase() !== 'auto') return { entries };
  // The names' own bytes, not whole lines: the ASCII around a name (`rw-r--r--`,
  // `Nov`, `type=file`) would tell the guess nothing and blur the case of its
  // Latin letters, which settles names in Cyrillic capitals (guess.ts).
  // guessCharset reads at most 256 samples: encoding more names would be work thrown away.
  const names: Buffer[] = [];
  for (const e of entries) {
    if (names.length >= GUESS_SAMPLES) break;
    if (hasNonAscii(e.name)) names.push(core.codec.encode(e.name));
  }
  const guess = names.length > 0 ? guessCharset(names) : null;
  return guess && guess.confidence >= MIN_REPORTED_CONFIDENCE ? { entries, guessed: guess.charset } : { entries };
}

/** Names handed to the charset guess at most (it reads no more). */
const GUESS_SAMPLES = 256;

/** Whether a decoded name holds anything beyond ASCII (escaped bytes included). */
function hasNonAscii(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) >= 0x80) return true;
  return false;
}

/**
 * Guesses below this are not reported. The candidates are the CJK charsets,
 * cp1252 and the two Cyrillic ones, so names in other charsets still get a
 * "best" guess, a wrong one: on single names, Windows-1255 and Thai came out
 * as cp1252 or Shift_JIS at 0.05–0.10, Greek as GB18030 at 0.17, while right
 * guesses scored 0.33 (a German name in cp1252) to 1.0. A page that offers
 * to switch would otherwise offer garbage.
 */
export const MIN_REPORTED_CONFIDENCE = 0.3;
