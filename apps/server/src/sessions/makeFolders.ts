/**
 * The `mkdirs` request: many folders, one level each, in the order given
 * (a dropped folder tree lists parents first).
 */
import { ServerErrorCodes, type ResultMap } from '@ftpdeck/protocol';
import { ServerError, errorToWire } from './toWire.ts';

/**
 * Errors that end a list: the session has no connection and will not get
 * one back (a reconnect gave up, or the user disconnected), so every later
 * folder would fail the same way, and the caller learns it once.
 */
const ENDS_THE_LIST: ReadonlySet<string> = new Set([ServerErrorCodes.NOT_CONNECTED, ServerErrorCodes.RECONNECT_FAILED, ServerErrorCodes.SESSION_ENDED]);

/**
 * Runs `mkdir` for each path in order. Anything else that fails one folder
 * is listed in `failed` and the rest go on: the server's refusal (it
 * exists, its parent could not be made), a folder inside a running delete,
 * a name the charset cannot write, or a connection lost and then restored
 * by the browse connection's reconnect (which does not repeat a MKD).
 */
export async function makeFolders(paths: readonly string[], mkdir: (path: string) => Promise<void>): Promise<ResultMap['mkdirs']> {
  const failed: ResultMap['mkdirs']['failed'] = [];
  for (const path of paths) {
    try {
      await mkdir(path);
    } catch (err) {
      const error = errorToWire(err);
      if (ENDS_THE_LIST.has(error.code)) throw err;
      failed.push({ path, error });
    }
  }
  return { created: paths.length - failed.length, failed };
}

/**
 * A session's `mkdirs` requests, one at a time: a request is up to 200
 * round trips on the browsing connection, and a page sending many at once
 * would hold it for all of them. Another that comes meanwhile is refused
 * with SRV_ERR_LIMIT (retryable).
 */
export class FolderLists {
  #running = false;

  constructor(private readonly mkdir: (path: string) => Promise<void>) {}

  async make(paths: readonly string[]): Promise<ResultMap['mkdirs']> {
    if (this.#running) throw new ServerError(ServerErrorCodes.LIMIT, 'Another list of folders is being made in this session; send the next when it is done', true);
    this.#running = true;
    try {
      return await makeFolders(paths, this.mkdir);
    } finally {
      this.#running = false;
    }
  }
}
