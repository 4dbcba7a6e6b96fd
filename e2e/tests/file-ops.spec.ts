/**
 * Changing things on the server: new folder, rename with F2, permissions
 * (octal and checkboxes), and a recursive delete whose confirmation lists
 * what goes. Each result is checked on the server's disk.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { connectTo, openDialog, shot } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test('new folder, rename (F2), chmod, recursive delete', async ({ page, ftp, connectPage, files }) => {
  await connectTo(page, connectPage, files, ftp);
  const dialog = openDialog(page);

  // New folder.
  await page.getByRole('button', { name: 'New folder' }).click();
  await dialog.getByLabel('Folder name').fill('projects');
  await shot(page, '11-new-folder');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await files.expectEntries(['projects']);
  expect(statSync(join(ftp.root, 'projects')).isDirectory()).toBe(true);

  // Rename with F2.
  await files.row('readme.txt').click();
  await page.keyboard.press('F2');
  await expect(dialog.getByLabel('New name')).toHaveValue('readme.txt');
  await shot(page, '12-rename');
  await dialog.getByLabel('New name').fill('README.md');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await files.expectEntries(['README.md']);
  await expect(files.row('readme.txt')).toHaveCount(0);
  expect(readFileSync(join(ftp.root, 'README.md'), 'utf8')).toBe('hello from the FTP server\n');
  expect(existsSync(join(ftp.root, 'readme.txt'))).toBe(false);

  // Permissions: type an octal value, then tick a box; the disk gets exactly that mode.
  await files.row('README.md').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Change permissions/ }).click();
  const octal = dialog.getByLabel('Numeric value');
  await expect(octal).toHaveValue(/^0?6[46]4$/);
  await octal.fill('600');
  await expect(dialog.getByRole('checkbox', { name: 'Group Read' })).not.toBeChecked();
  await dialog.getByRole('checkbox', { name: 'Group Read' }).check();
  await expect(octal).toHaveValue('640');
  await expect(dialog).toContainText('rw-r-----');
  await shot(page, '13-chmod');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => statSync(join(ftp.root, 'README.md')).mode & 0o777).toBe(0o640);
  await expect(files.row('README.md')).toContainText('rw-r-----');

  // Delete a folder tree and a folder: the confirmation lists both; everything is gone from disk.
  await files.row('docs').click();
  await files.row('projects').click({ modifiers: ['Control'] });
  await page.keyboard.press('Delete');
  const list = dialog.getByRole('list', { name: 'Items to delete' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list).toContainText('docs');
  await expect(list).toContainText('projects');
  await expect(list).toContainText('folder and contents');
  // Enter must not destroy: the focus starts on Cancel.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // Before confirming, the dialog lists what is inside the folders (docs/guide.txt, docs/notes/todo.txt).
  const inside = dialog.getByRole('list', { name: 'Contents that will be deleted' });
  await expect(dialog).toContainText('Inside them: 2 files and 1 folder.');
  await expect(inside).toContainText('docs/guide.txt');
  await expect(inside).toContainText('docs/notes/todo.txt');
  await expect(dialog.getByRole('button', { name: 'Delete 5 items' })).toBeVisible();
  await shot(page, '14-delete');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(files.row('docs')).toHaveCount(0);
  await expect.poll(() => existsSync(join(ftp.root, 'docs'))).toBe(false);
  expect(existsSync(join(ftp.root, 'projects'))).toBe(false);
  await expect(files.grid.getByRole('row')).toHaveCount(2);
});
