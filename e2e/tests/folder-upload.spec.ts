/**
 * Dropping a folder tree uploads all of it. Two honest routes into the real
 * handlers:
 *  1. A drop event whose dataTransfer items expose FileSystemEntry-like
 *     objects (isFile/isDirectory, file(), createReader().readEntries() in
 *     batches) built from real File objects in the page. Chromium cannot
 *     construct real entries for a synthetic DataTransfer, and the drop
 *     handler (useFileDrop → snapshotDrop → walkDrop) reads folders only
 *     through webkitGetAsEntry, so this drives exactly the code a desktop
 *     drag runs.
 *  2. The "Upload folder" button's webkitdirectory input, given a real
 *     directory on disk (Playwright's setInputFiles with a directory), which
 *     yields Files with webkitRelativePath.
 * Both end with every file byte-identical on the server's disk. A tree of
 * 2000 folders has every folder made, and the panel counts while the tree
 * is read. A file the browser cannot read is named and the rest still
 * lands. Files dropped onto a folder's row go into that folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connectTo } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

interface SeedFile {
  path: string;
  data: Buffer;
}

const tree: SeedFile[] = [
  { path: 'album/cover.jpg', data: randomBytes(70_000) },
  { path: 'album/disc1/01 intro.flac', data: randomBytes(300_000) },
  { path: 'album/disc1/02 song.flac', data: randomBytes(123_457) },
  { path: 'album/disc2/notes.txt', data: Buffer.from('liner notes\n') },
  { path: 'album/disc2/deep/er/leaf.bin', data: randomBytes(1) },
];

/**
 * Drops `input` on the file grid as a desktop drag of folders would: a drop
 * event whose items expose FileSystemEntry-like objects. `dirs` are extra
 * folders, made even with nothing in them. A file marked `unreadable` fails
 * its read as a file deleted since the drag began does (NotFoundError).
 * Runs in the page, so it uses nothing from this module.
 */
function dropTree(grid: HTMLElement | SVGElement, input: { files: { path: string; b64: string; unreadable?: boolean }[]; dirs: string[] }): void {
  type Node = { name: string; file?: File; unreadable?: boolean; children?: Node[] };
  const root: Node = { name: '', children: [] };
  const folder = (parts: string[]): Node => {
    let node = root;
    for (const part of parts) {
      let child = node.children?.find((c) => c.name === part && c.children);
      if (!child) {
        child = { name: part, children: [] };
        node.children?.push(child);
      }
      node = child;
    }
    return node;
  };
  for (const d of input.dirs) folder(d.split('/'));
  for (const f of input.files) {
    const parts = f.path.split('/');
    const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
    folder(parts.slice(0, -1)).children?.push({ name: parts.at(-1) as string, file: new File([bytes], parts.at(-1) as string), unreadable: f.unreadable === true });
  }
  const entry = (n: Node): unknown =>
    n.file
      ? {
          isFile: true,
          isDirectory: false,
          name: n.name,
          file: (ok: (f: File) => void, fail: (e: Error) => void) => (n.unreadable ? fail(new DOMException('A requested file could not be found', 'NotFoundError')) : ok(n.file as File)),
        }
      : {
          isFile: false,
          isDirectory: true,
          name: n.name,
          createReader: () => {
            // Real readers return batches until an empty one; hand out two batches to exercise that.
            const kids = (n.children ?? []).map(entry);
            const batches = [kids.slice(0, 1), kids.slice(1), []];
            return { readEntries: (ok: (b: unknown[]) => void) => setTimeout(() => ok(batches.shift() ?? []), 0) };
          },
        };
  const items = (root.children ?? []).map((n) => ({ kind: 'file', type: '', webkitGetAsEntry: () => entry(n) }));
  const dataTransfer = { types: ['Files'], items, files: [], dropEffect: 'none', effectAllowed: 'all' };
  for (const type of ['dragenter', 'dragover', 'drop']) {
    const ev = new DragEvent(type, { bubbles: true, cancelable: true });
    Object.defineProperty(ev, 'dataTransfer', { value: dataTransfer });
    grid.dispatchEvent(ev);
  }
}

test('drop a folder tree on the list (FileSystemEntry-like items)', async ({ page, ftp, connectPage, files }) => {
  await connectTo(page, connectPage, files, ftp);
  // An empty folder too: it must be created even with nothing in it.
  await files.grid.evaluate(dropTree, { files: tree.map((f) => ({ path: f.path, b64: f.data.toString('base64') })), dirs: ['album/empty'] });

  await files.expectEntries(['album']);
  for (const f of tree) {
    await expect.poll(() => safeRead(join(ftp.root, f.path))?.equals(f.data) ?? false, { message: f.path, timeout: 20_000 }).toBe(true);
  }
  expect(statSync(join(ftp.root, 'album/empty')).isDirectory()).toBe(true);
  await files.open('album');
  await files.expectEntries(['cover.jpg', 'disc1', 'disc2', 'empty']);
});

test('drop a tree of 2000 folders: every one is made, and the file in the last', async ({ page, ftp, connectPage, files }) => {
  // One request per folder ran into the server's message rate limit past a few hundred.
  const dirs = Array.from({ length: 2000 }, (_, i) => `many/f${String(i).padStart(4, '0')}`);
  await connectTo(page, connectPage, files, ftp);
  await files.grid.evaluate(dropTree, { files: [{ path: 'many/f1999/last.txt', b64: Buffer.from('last\n').toString('base64') }], dirs });
  // Reading a tree this size takes the browser seconds: the panel says so, and counts.
  await expect(page.getByText(/^Reading the drop: \d+ items found$/)).toBeVisible();
  await expect.poll(() => safeRead(join(ftp.root, 'many/f1999/last.txt'))?.toString() ?? '', { timeout: 30_000 }).toBe('last\n');
  expect(dirs.filter((d) => !statSync(join(ftp.root, d), { throwIfNoEntry: false })?.isDirectory())).toEqual([]);
});

test('a dropped file the browser cannot read is named, and the rest of the tree still lands', async ({ page, ftp, connectPage, files }) => {
  await connectTo(page, connectPage, files, ftp);
  const kept = tree.slice(0, 2);
  const input = [...kept, { path: 'album/gone.bin', data: randomBytes(10) }].map((f) => ({ path: f.path, b64: f.data.toString('base64'), unreadable: f.path.endsWith('gone.bin') }));
  await files.grid.evaluate(dropTree, { files: input, dirs: [] });
  await expect(page.getByText('1 item in the drop could not be read and was not uploaded')).toBeVisible();
  await expect(page.getByText('album/gone.bin')).toBeVisible();
  for (const f of kept) {
    await expect.poll(() => safeRead(join(ftp.root, f.path))?.equals(f.data) ?? false, { message: f.path, timeout: 20_000 }).toBe(true);
  }
  expect(statSync(join(ftp.root, 'album/gone.bin'), { throwIfNoEntry: false })).toBeUndefined();
});

test('drop files onto a folder row: they go into that folder, and the drag says so', async ({ page, ftp, connectPage, files }) => {
  await connectTo(page, connectPage, files, ftp);
  await files.expectEntries(['docs', 'readme.txt']);
  const label = page.locator('.fl-drop-label');
  // Onto the folder's row: the row lights up and the label names the folder.
  await files.dropFiles(
    [
      { name: 'a.txt', content: 'into docs\n' },
      { name: 'b.txt', content: 'also into docs\n' },
    ],
    'docs',
    async () => {
      await expect(label).toHaveText('Drop files here to upload them to /docs');
      await expect(files.row('docs')).toHaveClass(/is-drop-target/);
    },
  );
  await expect(label).toBeHidden();
  await expect(files.row('docs')).not.toHaveClass(/is-drop-target/);
  await expect.poll(() => safeRead(join(ftp.root, 'docs/a.txt'))?.toString() ?? null).toBe('into docs\n');
  await expect.poll(() => safeRead(join(ftp.root, 'docs/b.txt'))?.toString() ?? null).toBe('also into docs\n');
  expect(safeRead(join(ftp.root, 'a.txt'))).toBeNull();
  // Onto a file's row: the folder on screen, as anywhere else on the list.
  await files.dropFiles([{ name: 'c.txt', content: 'into the root\n' }], 'readme.txt', async () => {
    await expect(label).toHaveText('Drop files here to upload them to /');
    await expect(files.row('readme.txt')).not.toHaveClass(/is-drop-target/);
  });
  await files.expectEntries(['c.txt']);
  await expect.poll(() => safeRead(join(ftp.root, 'c.txt'))?.toString() ?? null).toBe('into the root\n');
  // Aimed at a folder, then moved onto the header row: the folder on screen again.
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['header drop\n'], 'd.txt'));
    return dt;
  });
  await files.grid.dispatchEvent('dragenter', { dataTransfer });
  await files.row('docs').dispatchEvent('dragover', { dataTransfer });
  await expect(label).toHaveText('Drop files here to upload them to /docs');
  const header = files.grid.getByRole('columnheader').first();
  await header.dispatchEvent('dragover', { dataTransfer });
  await expect(label).toHaveText('Drop files here to upload them to /');
  await header.dispatchEvent('drop', { dataTransfer });
  await expect.poll(() => safeRead(join(ftp.root, 'd.txt'))?.toString() ?? null).toBe('header drop\n');
  expect(safeRead(join(ftp.root, 'docs/d.txt'))).toBeNull();
  await files.open('docs');
  await files.expectEntries(['a.txt', 'b.txt', 'guide.txt', 'notes']);
});

test('upload a folder with the "Upload folder" button (webkitdirectory)', async ({ page, ftp, connectPage, files }) => {
  const local = mkdtempSync(join(tmpdir(), 'ftpdeck-folder-'));
  try {
    for (const f of tree) {
      mkdirSync(dirname(join(local, f.path)), { recursive: true });
      writeFileSync(join(local, f.path), f.data);
    }
    await connectTo(page, connectPage, files, ftp);
    await page.getByLabel('Choose a folder to upload').setInputFiles(join(local, 'album'));
    await files.expectEntries(['album']);
    for (const f of tree) {
      await expect.poll(() => safeRead(join(ftp.root, f.path))?.equals(f.data) ?? false, { message: f.path, timeout: 20_000 }).toBe(true);
    }
    await expect(page.getByText('5 done', { exact: true })).toBeVisible();
  } finally {
    rmSync(local, { recursive: true, force: true });
  }
});

function safeRead(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}
