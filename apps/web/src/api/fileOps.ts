/**
 * Changes to remote files: rename, move, new folder, chmod, plus
 * download and copy-path (deleting is deleteOps.ts). Every success refreshes the listing; every
 * failure becomes a toast in plain words.
 */
import type { WireEntry } from '@ftpdeck/protocol';
import { errorDetail, wireErrorOf } from '../lib/errorMessages.ts';
import { joinPath } from '../lib/remotePath.ts';
import { meansNoSiteChmod } from '../lib/permissions.ts';
import { t } from '../i18n/languageStore.ts';
import { ConflictBatch, dialogConflictResolver, folderIndex, type ConflictJob, type ConflictResolver, type FolderIndex, type Resolution } from './fileConflicts.ts';
import type { DownloadRows } from './downloadRows.ts';
import { describeOpError } from './opErrors.ts';
import type { OpsDeps } from './types.ts';

/** File operations on the current directory. */
export interface FileOps {
  rename(entry: WireEntry, newName: string): Promise<boolean>;
  /**
   * Moves entries of the current directory into another directory (RNFR/RNTO
   * each), after a fresh listing of the target: a name that exists there is
   * asked about (overwrite, rename, skip), and a folder is never overwritten.
   */
  move(entries: readonly WireEntry[], targetDir: string): Promise<boolean>;
  /** Creates a folder; `a/b/c` creates the missing folders along the way, as `mkdir -p` does. */
  mkdir(name: string): Promise<boolean>;
  /** SITE CHMOD: one mode for all, or a mode per entry (a mixed selection keeps the bits the user left alone). */
  chmod(entries: readonly WireEntry[], mode: string | ((entry: WireEntry) => string)): Promise<boolean>;
  download(entries: readonly WireEntry[]): Promise<void>;
  /** Shows one file (text, image, audio, video: see canView) in a new browser tab (the server's routes/view.ts). */
  view(entry: WireEntry): Promise<void>;
  copyPaths(entries: readonly WireEntry[]): Promise<void>;
}

/** Tunables, overridable in tests. */
export interface FileOpsOptions {
  /** Settles a name clash of a move; default: the tab's file-exists dialog. */
  resolveConflict?: ConflictResolver;
}

/**
 * Builds the file operations. `refresh` re-lists the current directory;
 * `downloads` starts a download, so its row in the panel can Retry it.
 */
export function createFileOps(deps: OpsDeps, refresh: () => Promise<void>, downloads: Pick<DownloadRows, 'start'>, options: FileOpsOptions = {}): FileOps {
  const { request, store } = deps;
  const state = () => store.getState();
  const cwd = () => state().cwd ?? '/';

  const fail = (title: string, err: unknown) => {
    const wire = wireErrorOf(err);
    state().pushToast({ kind: 'error', title: `${title}: ${describeOpError(wire)}`, detail: errorDetail(wire) });
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
      // RNTO replaces a same-name file without a word on vsftpd and ProFTPD, so the target is
      // listed fresh first and every clash is asked about. Without that listing nothing moves.
      let index: FolderIndex;
      try {
        index = folderIndex((await request({ type: 'list', path: targetDir })).entries);
      } catch (err) {
        fail(t('toast.moveCheckFailed', { path: targetDir }), err);
        return false;
      }
      const batch = new ConflictBatch(request, store);
      batch.seed(targetDir, index);
      batch.pending = movable.length;
      const resolve = options.resolveConflict ?? dialogConflictResolver(store);
      let failures = 0;
      const moved: string[] = [];
      for (const entry of movable) {
        let r: Resolution;
        const asked: ConflictJob = {
          path: joinPath(targetDir, entry.name),
          size: entry.size ?? 0,
          op: 'move',
          ...(entry.type === 'dir' ? { isDir: true } : {}),
          ...(entry.modifiedAt ? { modified: entry.modifiedAt } : {}),
          aborted: () => false,
          asking: () => undefined,
        };
        try {
          r = await resolve(batch, asked);
        } finally {
          batch.done(asked);
        }
        if (r.action !== 'upload') continue;
        state().recordAction('act.move', { name: entry.name, path: targetDir });
        try {
          await request({ type: 'rename', from: joinPath(from, entry.name), to: r.path });
          moved.push(entry.name);
        } catch (err) {
          failures += 1;
          fail(t('toast.moveFailed', { name: entry.name }), err);
        }
      }
      await refresh();
      if (moved.length > 0) ok(moved.length === 1 ? t('toast.movedOne', { name: moved[0] ?? '', path: targetDir }) : t('toast.movedMany', { count: moved.length, path: targetDir }));
      return failures === 0;
    },

    async mkdir(name) {
      state().recordAction('act.mkdir', { name });
      const parts = name.split('/').filter((p) => p !== '');
      try {
        // The protocol's mkdir makes one level, so the parents go first; one that exists
        // already answers 550, and a real problem shows in the last, whose error is reported.
        for (let i = 1; i < parts.length; i += 1) {
          try {
            await request({ type: 'mkdir', path: joinPath(cwd(), parts.slice(0, i).join('/')) });
          } catch {
            // Usually "exists"; see above.
          }
        }
        await request({ type: 'mkdir', path: joinPath(cwd(), parts.join('/')) });
        await refresh();
        const top = parts[0] ?? name;
        state().select(top, 'only', [top]);
        return true;
      } catch (err) {
        fail(t('toast.mkdirFailed', { name }), err);
        return false;
      }
    },

    async chmod(entries, mode) {
      let failures = 0;
      for (const entry of entries) {
        const m = typeof mode === 'string' ? mode : mode(entry);
        state().recordAction('act.chmod', { name: entry.name, mode: m });
        try {
          await request({ type: 'chmod', path: joinPath(cwd(), entry.name), mode: m });
        } catch (err) {
          failures += 1;
          // A server with no SITE CHMOD at all: remember it, so the action is disabled for this session.
          const wire = wireErrorOf(err);
          if (meansNoSiteChmod(wire.ftpCode, wire.message)) state().setChmodUnsupported(true);
          fail(t('toast.chmodFailed', { name: entry.name }), err);
        }
      }
      await refresh();
      return failures === 0;
    },

    async download(entries) {
      if (entries.length === 0) return;
      // One file downloads as itself; folders and several entries come as one ZIP built by the server,
      // as one action: its lines (the walk's listings, a RETR per file) all run on one transfer
      // connection, which the first RETR below the folder reveals (a trailing `/` matches by prefix).
      const first = entries[0];
      if (entries.length === 1 && first && first.type !== 'dir') state().recordAction('act.download', { name: first.name }, undefined, joinPath(cwd(), first.name));
      else if (entries.length === 1 && first) state().recordAction('act.downloadZip', { name: first.name }, undefined, `${joinPath(cwd(), first.name)}/`);
      else state().recordAction('act.downloadZipMany', { count: entries.length }, undefined, `${cwd().replace(/\/+$/, '')}/`);
      try {
        const single = entries.length === 1 && entries[0]?.type !== 'dir' ? entries[0]?.name : undefined;
        // Only an explicit ASCII choice converts a download (to LF lines): Auto
        // cannot look inside a remote file first, and a byte-exact copy is the
        // safe default. ZIPs are built from binary reads.
        const transferType = single !== undefined && state().transferTypePref === 'ascii' ? 'ascii' : 'binary';
        // A folder's path ends in `/`: some servers (ftp-srv, the demo) answer SIZE
        // for a folder, and the server would take the bare path for a file.
        const paths = entries.map((e) => joinPath(cwd(), e.name) + (e.type === 'dir' ? '/' : ''));
        // A ZIP's name too (the server's zipFileName, but for the characters it makes safe): the server's
        // Content-Disposition names a download that succeeds, this one a failed one in the browser's list
        // (not the ticket, as .json).
        const only = entries.length === 1 ? entries[0] : undefined;
        const name = single ?? `${only ? only.name : 'download'}.zip`;
        await downloads.start({ paths, transferType, name });
      } catch (err) {
        fail(t('toast.downloadFailed'), err);
      }
    },

    async view(entry) {
      const path = joinPath(cwd(), entry.name);
      state().recordAction('act.view', { name: entry.name }, undefined, path);
      // The tab opens now, inside the click: one opened after the round trip
      // for the link would be a popup the browser may block. Cut off from
      // this page at once (the server also sandboxes text and images).
      const tab = window.open('', '_blank');
      if (tab) tab.opener = null;
      try {
        const { url } = await request({ type: 'download-link', paths: [path], view: true });
        if (tab) tab.location.href = url;
        else window.open(url, '_blank', 'noopener');
      } catch (err) {
        tab?.close();
        fail(t('toast.viewFailed'), err);
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
