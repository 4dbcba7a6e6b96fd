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
 * Both end with every file byte-identical on the server's disk. Files
 * dropped onto a folder's row go into that folder.
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

test('drop a folder tree on the list (FileSystemEntry-like items)', async ({ page, ftp, connectPage, files }) => {
  await connectTo(page, connectPage, files, ftp);
  await files.grid.evaluate(
    (grid, input) => {
      type Node = { name: string; file?: File; children?: Node[] };
      const root: Node = { name: '', children: [] };
      for (const f of input.files) {
        const parts = f.path.split('/');
        let node = root;
        for (const part of parts.slice(0, -1)) {
          let child = node.children?.find((c) => c.name === part && c.children);
          if (!child) {
            child = { name: part, children: [] };
            node.children?.push(child);
          }
          node = child;
        }
        const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
        node.children?.push({ name: parts.at(-1) as string, file: new File([bytes], parts.at(-1) as string) });
      }
      // An empty folder too: it must be created even with nothing in it.
      root.children?.[0]?.children?.push({ name: 'empty', children: [] });
      const entry = (n: Node): unknown =>
        n.file
          ? { isFile: true, isDirectory: false, name: n.name, file: (ok: (f: File) => void) => ok(n.file as File) }
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
    },
    { files: tree.map((f) => ({ path: f.path, b64: f.data.toString('base64') })) },
  );

  await files.expectEntries(['album']);
  for (const f of tree) {
    await expect.poll(() => safeRead(join(ftp.root, f.path))?.equals(f.data) ?? false, { message: f.path, timeout: 20_000 }).toBe(true);
  }
  expect(statSync(join(ftp.root, 'album/empty')).isDirectory()).toBe(true);
  await files.open('album');
  await files.expectEntries(['cover.jpg', 'disc1', 'disc2', 'empty']);
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
