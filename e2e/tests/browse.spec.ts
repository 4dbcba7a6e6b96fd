/**
 * Browsing: sort by clicking column headers, filter, hidden files, back /
 * forward / parent, the editable path bar, and the keyboard (arrows, Enter,
 * Backspace, F2, Delete, Ctrl+A) — each checked against the server's disk.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { expectGridNames, gridNames, openDialog } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test('sort, filter, hidden files, history, path bar and keyboard', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: 'a-small.txt', content: 'x'.repeat(10), mtime: new Date('2023-03-01T12:00:00Z') },
    { path: 'b-medium.txt', content: 'x'.repeat(500), mtime: new Date('2021-06-01T12:00:00Z') },
    { path: 'c-large.bin', content: 'x'.repeat(5000), mtime: new Date('2020-01-01T12:00:00Z') },
    { path: '.hidden', content: 'secret\n', mtime: new Date('2022-01-01T12:00:00Z') },
    { path: 'docs/deeper/leaf.txt', content: 'leaf\n' },
  ]);
  await page.goto('/');
  await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
  const header = (name: string) => files.grid.getByRole('columnheader', { name });

  // Default: folders first, then names ascending; the names are exactly the server's disk.
  const onDisk = readdirSync(ftp.root).sort();
  await expect.poll(async () => (await gridNames(files.grid)).slice().sort()).toEqual(onDisk);
  await expectGridNames(files.grid, ['docs', '.hidden', 'a-small.txt', 'b-medium.txt', 'c-large.bin', 'readme.txt']);

  // Sort by size, then descending; by modified.
  await header('Size').getByRole('button').click();
  await expect(header('Size')).toHaveAttribute('aria-sort', 'ascending');
  await expectGridNames(files.grid, ['docs', '.hidden', 'a-small.txt', 'readme.txt', 'b-medium.txt', 'c-large.bin']);
  await header('Size').getByRole('button').click();
  await expect(header('Size')).toHaveAttribute('aria-sort', 'descending');
  await expectGridNames(files.grid, ['docs', 'c-large.bin', 'b-medium.txt', 'readme.txt', 'a-small.txt', '.hidden']);
  await header('Modified').getByRole('button').click();
  const byModified = await gridNames(files.grid);
  expect(byModified.slice(1, 4)).toEqual(['c-large.bin', 'b-medium.txt', '.hidden']);
  await header('Name').getByRole('button').click();
  await expectGridNames(files.grid, ['docs', '.hidden', 'a-small.txt', 'b-medium.txt', 'c-large.bin', 'readme.txt']);

  // Filter by name.
  const filter = page.getByLabel('Filter by name');
  await filter.fill('.txt');
  await expectGridNames(files.grid, ['a-small.txt', 'b-medium.txt', 'readme.txt']);
  await filter.fill('');
  await expectGridNames(files.grid, ['docs', '.hidden', 'a-small.txt', 'b-medium.txt', 'c-large.bin', 'readme.txt']);

  // Hidden files toggle.
  const hidden = page.getByRole('button', { name: 'Show hidden files' });
  await expect(hidden).toHaveAttribute('aria-pressed', 'true');
  await hidden.click();
  await expect(hidden).toHaveAttribute('aria-pressed', 'false');
  await expectGridNames(files.grid, ['docs', 'a-small.txt', 'b-medium.txt', 'c-large.bin', 'readme.txt']);
  await hidden.click();
  await expect(files.row('.hidden')).toBeVisible();

  // Into docs/deeper, then Back, Forward, Parent folder.
  await files.open('docs');
  await files.expectEntries(['deeper', 'guide.txt', 'notes']);
  await files.open('deeper');
  await files.expectEntries(['leaf.txt']);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expectGridNames(files.grid, ['deeper', 'notes', 'guide.txt']);
  await page.getByRole('button', { name: 'Forward', exact: true }).click();
  await expectGridNames(files.grid, ['leaf.txt']);
  await page.getByRole('button', { name: 'Parent folder' }).click();
  await expectGridNames(files.grid, ['deeper', 'notes', 'guide.txt']);

  // The path bar is editable: type a location and press Enter.
  await page.getByRole('button', { name: 'Edit location' }).click();
  const location = page.getByLabel('Location', { exact: true });
  await location.fill('/docs/notes');
  await location.press('Enter');
  await expectGridNames(files.grid, ['todo.txt']);
  await expect(files.pathNav).toContainText('notes');

  // Keyboard: Backspace goes up; arrows move; Enter opens.
  await files.grid.focus();
  await page.keyboard.press('Backspace');
  await expectGridNames(files.grid, ['deeper', 'notes', 'guide.txt']);
  // The folder just left is the active row (Enter would go back in); the arrows move from it.
  await files.grid.focus();
  await expect(files.grid).toHaveAttribute('aria-activedescendant', await files.row('notes').getAttribute('id') ?? 'no id');
  await page.keyboard.press('ArrowUp');
  await expect(files.row('deeper')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(files.row('notes')).toHaveAttribute('aria-selected', 'true');
  await expect(files.row('deeper')).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Enter');
  await expectGridNames(files.grid, ['todo.txt']);
  await page.keyboard.press('Backspace');
  await expectGridNames(files.grid, ['deeper', 'notes', 'guide.txt']);

  // F2 renames the selected entry; the disk has the new name.
  await files.grid.focus();
  await page.keyboard.press('End');
  await expect(files.row('guide.txt')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('F2');
  const rename = openDialog(page);
  await rename.getByLabel('New name').fill('manual.txt');
  await rename.getByLabel('New name').press('Enter');
  await files.expectEntries(['manual.txt']);
  await expect.poll(() => existsSync(join(ftp.root, 'docs/manual.txt'))).toBe(true);
  expect(existsSync(join(ftp.root, 'docs/guide.txt'))).toBe(false);

  // Ctrl+A selects everything; Delete asks first and then removes it all from the disk.
  await files.grid.focus();
  await page.keyboard.press('Control+a');
  for (const name of ['deeper', 'notes', 'manual.txt']) await expect(files.row(name)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Delete');
  const confirm = openDialog(page);
  await expect(confirm).toContainText('manual.txt');
  await expect(confirm).toContainText('deeper');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(files.grid.getByRole('row')).toHaveCount(1);
  await expect.poll(() => readdirSync(join(ftp.root, 'docs'))).toEqual([]);
});
