/**
 * Making a dropped folder tree's folders before its files go: parents
 * first, in a few `mkdirs` requests, one tree at a time.
 */
import { MAX_MKDIRS_PATHS, RemotePath, splitPathList } from '@ftpdeck/protocol';
import { wireErrorOf } from '../lib/errorMessages.ts';
import { joinPath } from '../lib/remotePath.ts';
import type { OpsDeps } from './types.ts';

/** Tries of one `mkdirs` the server was too busy to take (its rate limit, or a list from another page of the session). */
const MKDIRS_ATTEMPTS = 4;

/** Makes trees' folders; see {@link createTreeFolders}. */
export interface TreeFolders {
  /** Makes `dirs` (relative, parents first) under `base`; resolves when done, whatever failed. */
  make(base: string, dirs: readonly string[]): Promise<void>;
}

/**
 * A maker of trees' folders, one tree at a time. The server makes one list
 * at a time, and a second drop while the first tree's folders were still
 * being made (about 10 s for 200 folders on a server 50 ms away) ran out of
 * retries and lost all of its own. Folders go in `mkdirs` requests, not one
 * request per folder: each costs a round trip, and a tree of hundreds of
 * folders ran into the server's message rate limit. `retryDelay(n)` is the
 * wait before the n-th retry of a busy request.
 */
export function createTreeFolders(deps: Pick<OpsDeps, 'request' | 'store'>, retryDelay: (attempt: number) => number): TreeFolders {
  let line: Promise<void> = Promise.resolve();

  const makeAll = async (base: string, dirs: readonly string[]): Promise<void> => {
    // A path no request may carry (a line break in a folder's name, one too
    // long) is left out; the uploads into it fail and say why.
    const paths = dirs.map((sub) => joinPath(base, sub)).filter((p) => RemotePath.safeParse(p).success);
    if (paths.length === 0) return;
    const state = deps.store.getState;
    // The transcript groups the MKDs under one action, and the transfers
    // panel counts them, so a long list shows as what it is.
    state().recordAction('act.mkdirs', { count: paths.length });
    let done = 0;
    state().setFolderWork({ done, total: paths.length });
    try {
      for (const run of splitPathList(paths, MAX_MKDIRS_PATHS)) {
        await makeRun(run);
        done += run.length;
        state().setFolderWork({ done, total: paths.length });
      }
    } finally {
      state().setFolderWork(null);
    }
  };

  /** One `mkdirs` request, sent again while the server says it is busy. */
  const makeRun = async (run: string[]): Promise<void> => {
    // Refusals are usually "already exists"; if one is worse, the uploads into it fail with the real reason.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await deps.request({ type: 'mkdirs', paths: run });
        return;
      } catch (err) {
        // Busy: wait and send it again. Otherwise the session is gone, and the uploads fail and say so.
        if (wireErrorOf(err).retryable !== true || attempt >= MKDIRS_ATTEMPTS) return;
        await new Promise((r) => setTimeout(r, retryDelay(attempt)));
      }
    }
  };

  return {
    make(base, dirs) {
      const mine = line.then(() => makeAll(base, dirs));
      line = mine.catch(() => undefined);
      return mine;
    },
  };
}
