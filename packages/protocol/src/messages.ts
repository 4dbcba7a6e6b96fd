/**
 * The WebSocket contract, split by direction (after tldraw's protocol.ts):
 * this file holds what the browser sends, `serverMessages.ts` what the
 * server sends.
 *
 * - The browser's first message is `hello`; the server answers `welcome`.
 * - A request carries an `id` and gets exactly one `reply` with that id.
 * - Events carry no id.
 * - Upload bytes travel as binary frames (see binary.ts), never as JSON.
 */
import { z } from 'zod';
import { ConnectParams, RemotePath, SessionState, TransferType, WireEntry, WireError } from './dto.ts';

/** Bumped on any incompatible change. Checked in `hello`. */
export const PROTOCOL_VERSION = 1;

/**
 * Largest JSON text frame the server accepts, in bytes: room for the largest
 * download-link the schema allows (see MAX_DOWNLOAD_LINK_PATHS_BYTES).
 */
export const MAX_TEXT_FRAME_BYTES = 1024 * 1024;

/**
 * Largest `paths` array of a download-link (and of a `mkdirs`), as JSON in
 * UTF-8 bytes. 1000 paths of up to 4096 characters would not fit a text
 * frame, so the paths together are bounded too; 4 KiB is left for the rest
 * of the message.
 */
export const MAX_DOWNLOAD_LINK_PATHS_BYTES = MAX_TEXT_FRAME_BYTES - 4096;

/** UTF-8 length of a string, without TextEncoder or Buffer (this package runs in both the browser and Node). */
function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i += 1;
    } else n += 3;
  }
  return n;
}

/** Does a list of paths stay within MAX_DOWNLOAD_LINK_PATHS_BYTES as JSON, so its message fits one text frame? */
function pathListFits(paths: readonly string[]): boolean {
  return utf8Bytes(JSON.stringify(paths)) <= MAX_DOWNLOAD_LINK_PATHS_BYTES;
}

/**
 * Cuts `paths` into consecutive runs that each fit one request: at most
 * `maxCount` paths, and within MAX_DOWNLOAD_LINK_PATHS_BYTES as JSON.
 * Order is kept, so parents still come before their children.
 */
export function splitPathList(paths: readonly string[], maxCount: number): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  // The brackets, less the comma that the first path does not have.
  let bytes = 1;
  for (const path of paths) {
    // Quotes and a comma; JSON escapes only make a path longer, so measure it as JSON.
    const size = utf8Bytes(JSON.stringify(path)) + 1;
    if (run.length > 0 && (run.length >= maxCount || bytes + size > MAX_DOWNLOAD_LINK_PATHS_BYTES)) {
      runs.push(run);
      run = [];
      bytes = 1;
    }
    run.push(path);
    bytes += size;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

const RequestId = z.number().int().nonnegative();

/**
 * Most folders one `mkdirs` may create; a longer list goes in several
 * requests, in order. A request takes a round trip per folder, so this
 * keeps one within minutes on a slow server.
 */
export const MAX_MKDIRS_PATHS = 200;

/** The requests, each with the params the browser sends. */
export const Requests = {
  connect: z.object({ type: z.literal('connect'), id: RequestId, params: ConnectParams }),
  disconnect: z.object({ type: z.literal('disconnect'), id: RequestId }),
  /**
   * Connects again to the same site with another charset for file names
   * (`auto`, `utf8`, or a charset name such as `gb18030`): what the page
   * offers when `guessedCharset` says the names read better that way. The
   * server reuses the credentials of the current connection, so the page
   * needs no password for it. Running transfers end, as with `connect`.
   */
  'set-encoding': z.object({
    type: z.literal('set-encoding'),
    id: RequestId,
    encoding: z.string().min(1).max(32),
    /** The folder the page shows, to show again after the switch (its bytes, read with the new charset; else the nearest folder above it). */
    path: RemotePath.optional(),
  }),
  list: z.object({ type: z.literal('list'), id: RequestId, path: RemotePath.optional() }),
  cd: z.object({ type: z.literal('cd'), id: RequestId, path: RemotePath }),
  /**
   * What one path is (MLST, or the listing of its parent). On a server that
   * lists names only, entries come as `unknown`; this settles a folder by
   * entering it (and coming back).
   */
  stat: z.object({ type: z.literal('stat'), id: RequestId, path: RemotePath }),
  mkdir: z.object({ type: z.literal('mkdir'), id: RequestId, path: RemotePath }),
  /**
   * Creates many folders, one level each, in the order given (parents
   * first): a dropped folder tree in a few messages. One request per folder
   * cost a round trip each and, past a few hundred folders, ran into the
   * message rate limit. One runs at a time per session.
   */
  mkdirs: z.object({
    type: z.literal('mkdirs'),
    id: RequestId,
    paths: z
      .array(RemotePath)
      .min(1)
      .max(MAX_MKDIRS_PATHS)
      .refine(pathListFits, { message: `paths together must stay within ${MAX_DOWNLOAD_LINK_PATHS_BYTES} bytes as JSON; send them in several requests` }),
  }),
  remove: z.object({
    type: z.literal('remove'),
    id: RequestId,
    path: RemotePath,
    /** True for a directory (RMD, recursively when `recursive`). */
    dir: z.boolean().default(false),
    recursive: z.boolean().default(false),
    /**
     * Names a recursive delete, chosen by the page: `remove-progress` events
     * carry it, and `remove-cancel` stops the delete by it. A recursive
     * delete runs on a connection of its own, so browsing goes on meanwhile.
     */
    job: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  }),
  /**
   * Stops the recursive delete named `job` before its next command. What it
   * had not reached stays; its `remove` request then fails with
   * FTP_ERR_ABORTED, saying how much went.
   */
  'remove-cancel': z.object({ type: z.literal('remove-cancel'), id: RequestId, job: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) }),
  rename: z.object({ type: z.literal('rename'), id: RequestId, from: RemotePath, to: RemotePath }),
  chmod: z.object({
    type: z.literal('chmod'),
    id: RequestId,
    path: RemotePath,
    mode: z.string().regex(/^[0-7]{3,4}$/, 'mode must be octal, e.g. 644'),
  }),
  'upload-start': z.object({
    type: z.literal('upload-start'),
    id: RequestId,
    /** Absolute remote path of the file to write. */
    path: RemotePath,
    size: z.number().int().nonnegative(),
    /** With `ascii`, `resume` starts over: the reply's offset is 0 (offsets do not carry across line-end conversion). */
    mode: z.enum(['overwrite', 'append', 'resume']).default('overwrite'),
    transferType: TransferType.default('binary'),
    /**
     * The local file's modification time (ISO 8601, UTC): once the whole file
     * is on the server, its time is set to this (MFMT, else MDTM with a
     * time), as FileZilla's "preserve timestamps" does. `transfer-done` says
     * whether the server took it. Not with `append`, whose file is not the
     * local one, nor after a check that failed (a damaged copy must not pass
     * for the local file by its time).
     */
    modified: z.string().datetime({ offset: true }).optional(),
  }),
  'transfer-cancel': z.object({ type: z.literal('transfer-cancel'), id: RequestId, transferId: z.number().int() }),
  /**
   * Stops a running download by the `downloadId` of its `download-progress`
   * events: the server aborts the RETR (ABOR) and cuts the HTTP response, so
   * the browser's download ends as failed, with what it had so far.
   */
  'download-cancel': z.object({ type: z.literal('download-cancel'), id: RequestId, downloadId: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) }),
  /**
   * A download URL for one file, or a ZIP of several paths and folders. The
   * URL carries a one-purpose ticket instead of the session token, so a URL
   * that leaks (history, logs, a shared screen) cannot attach to the session.
   */
  'download-link': z.object({
    type: z.literal('download-link'),
    id: RequestId,
    paths: z
      .array(RemotePath)
      .min(1)
      .max(1000)
      .refine(pathListFits, {
        message: `paths together must stay within ${MAX_DOWNLOAD_LINK_PATHS_BYTES} bytes as JSON; select fewer`,
      }),
    /** Force a ZIP even for one file. Folders and several paths always give a ZIP. */
    zip: z.boolean().optional(),
    /** For a single file (not a ZIP, whose entries are always binary). `ascii`: no Content-Length and no Range. */
    transferType: TransferType.default('binary'),
    /**
     * Show the one file in a browser tab rather than save it: served inline
     * as its {@link viewableType} (text, image, audio, video), sandboxed.
     */
    view: z.boolean().optional(),
    /**
     * The page reads the response itself (the editor, with `fetch`) and
     * shows a failure where it asked: no `download-failed` event follows.
     */
    fetched: z.boolean().optional(),
  }).refine((m) => !m.view || (m.paths.length === 1 && !m.zip), { message: 'view takes exactly one file and no zip', path: ['view'] }),
  /**
   * One raw command from the console (SITE, HELP, STAT, SYST, FEAT…). The
   * engine refuses data-channel commands and explains why.
   */
  raw: z.object({
    type: z.literal('raw'),
    id: RequestId,
    line: z
      .string()
      .min(1)
      .max(512)
      .refine((s) => !/[\r\n\0]/.test(s), { message: 'a command must be one line: CR, LF and NUL would smuggle a second command onto the control channel' }),
  }),
} as const;

/** The result each request's successful reply carries. */
export interface ResultMap {
  connect: { cwd: string; state: SessionState };
  disconnect: Record<string, never>;
  'set-encoding': { cwd: string; state: SessionState };
  list: { path: string; entries: WireEntry[] };
  cd: { cwd: string };
  /** `null` when the path does not exist. */
  stat: { entry: WireEntry | null };
  mkdir: Record<string, never>;
  /**
   * How many folders were made, and the ones that were not, with why (a
   * folder that exists already is one: FTP answers it like any refusal).
   */
  mkdirs: { created: number; failed: Array<{ path: string; error: WireError }> };
  /** How many files, links and folders went (1 for a plain delete). */
  remove: { removed: number };
  /** False when no delete of that job was running (it had ended). */
  'remove-cancel': { stopping: boolean };
  rename: Record<string, never>;
  chmod: Record<string, never>;
  /**
   * `transferId` tags the binary frames; `offset` is where the browser must
   * start sending (non-zero when resuming); `window` is how many bytes may be
   * in flight beyond the last `upload-ack`.
   */
  'upload-start': { transferId: number; offset: number; window: number };
  'transfer-cancel': Record<string, never>;
  /** False when no download of that id was running (it had ended). */
  'download-cancel': { stopping: boolean };
  /** The server's reply to a raw command. */
  raw: { code: number; text: string };
  /**
   * A same-origin URL (`/api/download/<ticket>`), valid while the session's
   * FTP connection lives (not past Close session, a Connect or a charset
   * switch) and until its download is stopped from the page; fetch it as
   * often as needed meanwhile (Range resumes). `link` is the number its
   * `download-progress` and `download-end` events will carry, so the page
   * can tell which of its requests a download came from.
   */
  'download-link': { url: string; link: number };
}

/** Names of all requests. */
export type RequestType = keyof typeof Requests;
/** A request message of one type, as sent. */
export type RequestOf<T extends RequestType> = z.input<(typeof Requests)[T]>;
/** A request message of one type, after validation and defaults. */
export type ParsedRequestOf<T extends RequestType> = z.output<(typeof Requests)[T]>;

export const Hello = z.object({
  type: z.literal('hello'),
  protocolVersion: z.number().int(),
  /** Present when the tab reconnects to a session it had. */
  sessionToken: z.string().max(128).optional(),
});

/** Everything the browser may send as a text frame. */
export const ClientMessage = z.discriminatedUnion('type', [
  Hello,
  Requests.connect,
  Requests.disconnect,
  Requests['set-encoding'],
  Requests.list,
  Requests.stat,
  Requests.cd,
  Requests.mkdir,
  Requests.mkdirs,
  Requests.remove,
  Requests['remove-cancel'],
  Requests.rename,
  Requests.chmod,
  Requests['upload-start'],
  Requests['transfer-cancel'],
  Requests['download-cancel'],
  Requests.raw,
  Requests['download-link'],
]);
export type ClientMessage = z.input<typeof ClientMessage>;
export type ParsedClientMessage = z.output<typeof ClientMessage>;
