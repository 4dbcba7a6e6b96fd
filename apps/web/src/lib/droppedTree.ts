/**
 * Turns a drop into files with their folder paths, so dropping a folder
 * uploads its whole tree. Browsers expose folders only through the
 * (non-standard but universal) `webkitGetAsEntry` API; anything it cannot
 * describe falls back to the plain file list.
 */

/** A file to upload and the folder (relative to the drop target) it goes into. */
export interface DroppedFile {
  file: File;
  /** `''` for the drop target itself, else e.g. `photos/2024`. */
  dir: string;
}

/** Everything a drop carries: folders first (parents before children), then files. */
export interface DroppedTree {
  dirs: string[];
  files: DroppedFile[];
  /**
   * What the browser could not read (a file deleted or locked since the
   * drag began, a folder it may not list): files by path, folders by path
   * and a trailing `/`. Everything else is still in the tree.
   */
  unreadable?: string[];
}

/** Must be called synchronously inside the drop handler: a DataTransfer dies when it returns. */
export function snapshotDrop(dt: DataTransfer): { entries: FileSystemEntry[]; files: File[] } {
  const entries: FileSystemEntry[] = [];
  let complete = true;
  for (const item of [...dt.items]) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else complete = false;
  }
  // Without entries for every item (synthetic drops, old browsers) the flat list is the truth.
  return complete && entries.length > 0 ? { entries, files: [] } : { entries: [], files: [...dt.files] };
}

const readBatch = (reader: FileSystemDirectoryReader) =>
  new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/**
 * Walks the snapshot into a tree. Directory readers return batches, so read
 * until empty. One entry the browser cannot read is noted in
 * `unreadable` and the walk goes on: before, one locked file lost the
 * whole drop, silently. `onEntry` hears the running count of files and
 * folders found (a big tree takes seconds to read).
 */
export async function walkDrop(snapshot: { entries: FileSystemEntry[]; files: File[] }, onEntry?: (found: number) => void): Promise<DroppedTree> {
  const tree: DroppedTree = { dirs: [], files: snapshot.files.map((file) => ({ file, dir: '' })) };
  const unreadable: string[] = [];
  let found = tree.files.length;
  const visit = async (entry: FileSystemEntry, dir: string): Promise<void> => {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isFile) {
      try {
        tree.files.push({ file: await fileOf(entry as FileSystemFileEntry), dir });
      } catch {
        unreadable.push(path);
        return;
      }
      onEntry?.((found += 1));
      return;
    }
    if (!entry.isDirectory) return;
    tree.dirs.push(path);
    onEntry?.((found += 1));
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    try {
      for (let batch = await readBatch(reader); batch.length > 0; batch = await readBatch(reader)) {
        for (const child of batch) await visit(child, path);
      }
    } catch {
      // The folder is still made; what it holds past this point is not read.
      unreadable.push(`${path}/`);
    }
  };
  for (const entry of snapshot.entries) await visit(entry, '');
  if (unreadable.length > 0) tree.unreadable = unreadable;
  return tree;
}

/** Groups files by folder, for enqueueing one batch per target directory. */
export function groupByDir(files: readonly DroppedFile[]): Map<string, File[]> {
  const groups = new Map<string, File[]>();
  for (const { file, dir } of files) {
    const list = groups.get(dir) ?? [];
    list.push(file);
    groups.set(dir, list);
  }
  return groups;
}

/** Builds a tree from a folder picker's files (`webkitRelativePath` = `folder/sub/name`). */
export function treeFromRelativePaths(files: readonly File[]): DroppedTree {
  const dirs = new Set<string>();
  const out: DroppedFile[] = [];
  for (const file of files) {
    const rel = file.webkitRelativePath || file.name;
    const parts = rel.split('/').filter(Boolean);
    parts.pop();
    for (let i = 1; i <= parts.length; i += 1) dirs.add(parts.slice(0, i).join('/'));
    out.push({ file, dir: parts.join('/') });
  }
  // Shorter paths first puts every parent before its children.
  return { dirs: [...dirs].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b)), files: out };
}
