/**
 * Changes to remote files: rename, delete, new folder, chmod, plus
 * download and copy-path. Every success refreshes the listing; every
 * failure becomes a toast in plain words.
 */
import type { WireEntry } from '@ftpdeck/protocol';
import { describeError, errorDetail, wireErrorOf } from '../lib/errorMessages.ts';
import { joinPath } from '../lib/remotePath.ts';
import { t } from '../i18n/languageStore.ts';
import type { OpsDeps } from './types.ts';

/** File operations on the current directory. */
export interface FileOps {
  rename(entry: WireEntry, newName: string): Promise<boolean>;
  /** Moves entries of the current directory into another directory (RNFR/RNTO each). */
  move(entries: readonly WireEntry[], targetDir: string): Promise<boolean>;
  remove(entries: readonly WireEntry[]): Promise<boolean>;
  mkdir(name: string): Promise<boolean>;
  chmod(entries: readonly WireEntry[], mode: string): Promise<boolean>;
  download(entries: readonly WireEntry[]): Promise<void>;
  copyPaths(entries: readonly WireEntry[]): Promise<void>;
}

/** Navigates a hidden link to a same-origin download URL, so the browser's own download manager takes it. */
function startBrowserDownload(url: string, name?: string): void {
  const a = document.createElement('a');
  a.href = url;
  if (name) a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/** Builds the file operations. `refresh` re-lists the current directory. */
export function createFileOps(deps: OpsDeps, refresh: () => Promise<void>): FileOps {
  const { request, store } = deps;
  const state = () => store.getState();
  const cwd = () => state().cwd ?? '/';

  const fail = (title: string, err: unknown) => {
    const wire = wireErrorOf(err);
    state().pushToast({ kind: 'error', title: `${title}: ${describeError(wire)}`, detail: errorDetail(wire) });
  };
  const ok = (title: string) => state().pushToast({ kind: 'success', title });

  return {
    async rename(entry, newName) {
      if (newName === entry.name) return true;
      state().recordAction('act.rename', { from: entry.name, to: newName });
      try {
        await request({ type: 'rename', from: joinPath(cwd(), entry.name), to: joinPath(cwd(), newName) });
        await refresh();
        state().select(newName, 'only', [newName]);
        return true;
      } catch (err) {
        fail(t('toast.renameFailed', { name: entry.name }), err);
        return false;
      }
    },

    async move(entries, targetDir) {
      const from = cwd();
      // Moving a folder into itself or its own subtree would make the server refuse (or worse).
      const movable = entries.filter((e) => {
        const src = joinPath(from, e.name);
        return targetDir !== from && targetDir !== src && !targetDir.startsWith(`${src}/`);
      });
      if (movable.length === 0) return false;
      let failures = 0;
      for (const entry of movable) {
        state().recordAction('act.move', { name: entry.name, path: targetDir });
        try {
          await request({ type: 'rename', from: joinPath(from, entry.name), to: joinPath(targetDir, entry.name) });
        } catch (err) {
          failures += 1;
          fail(t('toast.moveFailed', { name: entry.name }), err);
        }
      }
      await refresh();
      const moved = movable.length - failures;
      if (moved > 0) ok(moved === 1 ? t('toast.movedOne', { name: movable[0]?.name ?? '', path: targetDir }) : t('toast.movedMany', { count: moved, path: targetDir }));
      return failures === 0;
    },

    async remove(entries) {
      let failures = 0;
      // One at a time: a single FTP control connection runs one command at a time anyway.
      for (const entry of entries) {
        const dir = entry.type === 'dir';
        state().recordAction('act.delete', { name: entry.name });
        try {
          await request({ type: 'remove', path: joinPath(cwd(), entry.name), dir, recursive: dir });
        } catch (err) {
          failures += 1;
          fail(t('toast.deleteFailed', { name: entry.name }), err);
        }
      }
      await refresh();
      if (failures === 0) ok(entries.length === 1 ? t('toast.deletedOne', { name: entries[0]?.name ?? '' }) : t('toast.deletedMany', { count: entries.length }));
      return failures === 0;
    },

    async mkdir(name) {
      state().recordAction('act.mkdir', { name });
      try {
        await request({ type: 'mkdir', path: joinPath(cwd(), name) });
        await refresh();
        state().select(name, 'only', [name]);
        return true;
      } catch (err) {
        fail(t('toast.mkdirFailed', { name }), err);
        return false;
      }
    },

    async chmod(entries, mode) {
      let failures = 0;
      for (const entry of entries) {
        state().recordAction('act.chmod', { name: entry.name, mode });
        try {
          await request({ type: 'chmod', path: joinPath(cwd(), entry.name), mode });
        } catch (err) {
          failures += 1;
          // 500/502: the server has no SITE CHMOD at all; remember it so the action is disabled for this session.
          const code = wireErrorOf(err).ftpCode;
          if (code === 500 || code === 502) state().setChmodUnsupported(true);
          fail(t('toast.chmodFailed', { name: entry.name }), err);
        }
      }
      await refresh();
      return failures === 0;
    },

    async download(entries) {
      if (entries.length === 0) return;
      // One file downloads as itself; folders and several entries come as one ZIP built by the server.
      for (const e of entries) {
        state().recordAction('act.download', { name: e.name }, undefined, e.type === 'dir' ? undefined : joinPath(cwd(), e.name));
      }
      try {
        const single = entries.length === 1 && entries[0]?.type !== 'dir' ? entries[0]?.name : undefined;
        // Only an explicit ASCII choice converts a download (to LF lines): Auto
        // cannot look inside a remote file first, and a byte-exact copy is the
        // safe default. ZIPs are built from binary reads.
        const transferType = single !== undefined && state().transferTypePref === 'ascii' ? 'ascii' : 'binary';
        const { url } = await request({ type: 'download-link', paths: entries.map((e) => joinPath(cwd(), e.name)), transferType });
        startBrowserDownload(url, single);
      } catch (err) {
        fail(t('toast.downloadFailed'), err);
      }
    },

    async copyPaths(entries) {
      const text = entries.map((e) => joinPath(cwd(), e.name)).join('\n') || cwd();
      try {
        await navigator.clipboard.writeText(text);
        ok(entries.length > 1 ? t('toast.copiedMany', { count: entries.length }) : t('toast.copiedOne', { text }));
      } catch {
        state().pushToast({ kind: 'info', title: t('toast.clipboardRefused'), detail: text });
      }
    },
  };
}
