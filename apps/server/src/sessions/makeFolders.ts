/**
 * The `mkdirs` request: many folders, one level each, in the order given
 * (a dropped folder tree lists parents first).
 */
import { ServerErrorCodes, type ResultMap } from '@ftpdeck/protocol';
import { errorToWire } from './toWire.ts';

/**
 * Runs `mkdir` for each path in order. A folder the FTP server refuses (it
 * exists, or its parent could not be made) or one inside a running delete
 * is listed in `failed`, and the rest go on. Anything else (the connection
 * is lost for good, the session ends) fails the whole call: every later
 * folder would fail the same way, and the caller learns it once.
 */
export async function makeFolders(paths: readonly string[], mkdir: (path: string) => Promise<void>): Promise<ResultMap['mkdirs']> {
  const failed: ResultMap['mkdirs']['failed'] = [];
  for (const path of paths) {
    try {
      await mkdir(path);
    } catch (err) {
      const error = errorToWire(err);
      if (error.ftpCode === undefined && error.code !== ServerErrorCodes.DELETING) throw err;
      failed.push({ path, error });
    }
  }
  return { created: paths.length - failed.length, failed };
}
