/**
 * Changes to remote files: rename, delete, new folder, chmod, plus
 * download and copy-path. Every success refreshes the listing; every
 * failure becomes a toast in plain words.
 */
import type { WireEntry } from '@ftpdeck/protocol';
import { describeError, errorDetail, wireErrorOf } from '../lib/errorMessages.ts';
import { joinPath } from '../lib/remotePath.ts';
import type { OpsDeps } from './types.ts';

/** File operations on the current directory. */
export interface FileOps {
  rename(entry: WireEntry, newName: string): Promise<boolean>;
  remove(entries: readonly WireEntry[]): Promise<boolean>;
  mkdir(name: string): Promise<boolean>;
  chmod(entries: readonly WireEntry[], mode: string): Promise<boolean>;
  download(entries: readonly WireEntry[]): void;
  copyPaths(entries: readonly WireEntry[]): Promise<void>;
}

/** The same-origin download URL for a remote file in this session. */
export function downloadUrl(token: string, path: string): string {
  return `/api/download?session=${encodeURIComponent(token)}&path=${encodeURIComponent(path)}`;
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
      try {
        await request({ type: 'rename', from: joinPath(cwd(), entry.name), to: joinPath(cwd(), newName) });
        await refresh();
        state().select(newName, 'only', [newName]);
        return true;
      } catch (err) {
        fail(`Could not rename ${entry.name}`, err);
        return false;
      }
    },

    async remove(entries) {
      let failures = 0;
      // One at a time: a single FTP control connection runs one command at a time anyway.
      for (const entry of entries) {
        const dir = entry.type === 'dir';
        try {
          await request({ type: 'remove', path: joinPath(cwd(), entry.name), dir, recursive: dir });
        } catch (err) {
          failures += 1;
          fail(`Could not delete ${entry.name}`, err);
        }
      }
      await refresh();
      if (failures === 0) ok(entries.length === 1 ? `Deleted ${entries[0]?.name}` : `Deleted ${entries.length} items`);
      return failures === 0;
    },

    async mkdir(name) {
      try {
        await request({ type: 'mkdir', path: joinPath(cwd(), name) });
        await refresh();
        state().select(name, 'only', [name]);
        return true;
      } catch (err) {
        fail(`Could not create folder ${name}`, err);
        return false;
      }
    },

    async chmod(entries, mode) {
      let failures = 0;
      for (const entry of entries) {
        try {
          await request({ type: 'chmod', path: joinPath(cwd(), entry.name), mode });
        } catch (err) {
          failures += 1;
          fail(`Could not change permissions of ${entry.name}`, err);
        }
      }
      await refresh();
      return failures === 0;
    },

    download(entries) {
      const token = deps.sessionToken();
      if (!token) return;
      for (const entry of entries) {
        if (entry.type === 'dir') continue;
        const a = document.createElement('a');
        a.href = downloadUrl(token, joinPath(cwd(), entry.name));
        a.download = entry.name;
        a.rel = 'noopener';
        document.body.append(a);
        a.click();
        a.remove();
      }
    },

    async copyPaths(entries) {
      const text = entries.map((e) => joinPath(cwd(), e.name)).join('\n') || cwd();
      try {
        await navigator.clipboard.writeText(text);
        ok(entries.length > 1 ? `Copied ${entries.length} paths` : `Copied ${text}`);
      } catch {
        state().pushToast({ kind: 'info', title: 'The browser refused clipboard access', detail: text });
      }
    },
  };
}
