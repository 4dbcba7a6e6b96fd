/**
 * Reads a dropped folder tree (lib/droppedTree.ts) before anything of it is
 * queued, with the transfer panel saying how far it has got, and a toast
 * naming whatever the browser could not read.
 *
 * Why: the browser's directory readers take seconds on a tree of thousands
 * of folders (about 10 s for 2000 in the e2e's simulated drop), and the
 * page showed nothing meanwhile. And one unreadable entry (a file deleted
 * or locked since the drag began) rejected the whole walk, so the drop was
 * lost without a word.
 */
import type { StoreApi } from 'zustand';
import { t } from '../i18n/languageStore.ts';
import { walkDrop, type DroppedTree } from '../lib/droppedTree.ts';
import type { AppState } from '../store/types.ts';

/** Least time between two updates of the count on screen. */
const COUNT_EVERY_MS = 100;

/** Unreadable paths a toast names; the rest are counted. */
const NAMED_UNREADABLE = 20;

/** Reads dropped trees for one tab; see {@link createDropReader}. */
export interface DropReader {
  /**
   * Walks `snapshot` into a tree. Never rejects: an entry that cannot be
   * read is named in a toast and left out, and a walk that fails outright
   * (walkDrop catches per entry, so it should not) ends in an error toast
   * and an empty tree.
   */
  read(snapshot: { entries: FileSystemEntry[]; files: File[] }): Promise<DroppedTree>;
}

/**
 * A tab's drop reader. Two drops can be read at once; the panel shows what
 * they have found together, and clears once both are read.
 */
export function createDropReader(store: StoreApi<AppState>): DropReader {
  /** Entries found so far, per tree being read. */
  const walks = new Map<number, number>();
  let nextWalk = 1;

  const show = (): void => {
    let found = 0;
    for (const n of walks.values()) found += n;
    store.getState().setDropReading(walks.size > 0 ? { found } : null);
  };

  return {
    async read(snapshot) {
      const id = nextWalk++;
      walks.set(id, 0);
      // The first count goes up after COUNT_EVERY_MS: a tree read faster than
      // that (most drops) shows nothing, instead of a chip that flickers.
      let shownAt = performance.now();
      try {
        const tree = await walkDrop(snapshot, (found) => {
          walks.set(id, found);
          const now = performance.now();
          if (now - shownAt < COUNT_EVERY_MS) return;
          shownAt = now;
          show();
        });
        if (tree.unreadable) toastUnreadable(store, tree.unreadable);
        return tree;
      } catch (err) {
        store.getState().pushToast({ kind: 'error', title: t('toast.dropFailed'), detail: err instanceof Error ? err.message : String(err) });
        return { dirs: [], files: [] };
      } finally {
        walks.delete(id);
        show();
      }
    },
  };
}

function toastUnreadable(store: StoreApi<AppState>, paths: readonly string[]): void {
  const named = paths.slice(0, NAMED_UNREADABLE).join('\n');
  const more = paths.length - NAMED_UNREADABLE;
  store.getState().pushToast({
    kind: 'error',
    title: t('toast.dropUnreadable', { count: paths.length }),
    detail: more > 0 ? `${named}\n${t('toast.dropUnreadableMore', { count: more })}` : named,
  });
}
