/**
 * Moving onto a folder that already holds the name: RNTO would replace the
 * file there without a word (vsftpd, ProFTPD), so the app lists the target
 * fresh and asks. Skip leaves both files as they were; Overwrite replaces
 * only on that yes; a folder is never overwritten by a move. Every outcome
 * is read back from the server's disk.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, openDialog, shot } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test('a move onto a same-name file asks first: Skip keeps both, Overwrite replaces', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [{ path: 'docs/readme.txt', content: 'the copy already in docs\n' }]);
  await connectTo(page, connectPage, files, ftp);
  const dialog = openDialog(page);

  await files.row('readme.txt').dragTo(files.row('docs'));
  await expect(dialog).toContainText('“readme.txt” already exists');
  await expect(dialog).toContainText('What should happen to the one you are moving?');
  await expect(dialog.getByRole('button', { name: 'Resume' })).toHaveCount(0);
  await shot(page, 'move-conflict');
  await dialog.getByRole('button', { name: 'Skip' }).click();
  await expect(dialog).toHaveCount(0);
  expect(readFileSync(join(ftp.root, 'readme.txt'), 'utf8')).toBe('hello from the FTP server\n');
  expect(readFileSync(join(ftp.root, 'docs/readme.txt'), 'utf8')).toBe('the copy already in docs\n');

  await files.row('readme.txt').dragTo(files.row('docs'));
  await dialog.getByRole('button', { name: 'Overwrite', exact: true }).click();
  await expect.poll(() => readFileSync(join(ftp.root, 'docs/readme.txt'), 'utf8')).toBe('hello from the FTP server\n');
  expect(existsSync(join(ftp.root, 'readme.txt'))).toBe(false);
  await expect(files.row('readme.txt')).toHaveCount(0);
});

test('a move never overwrites a folder; Rename moves it beside', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: 'notes/a.txt', content: 'outer notes\n' },
    { path: 'docs/notes/todo.txt', content: 'write tests\n' },
  ]);
  await connectTo(page, connectPage, files, ftp, ['docs', 'notes', 'readme.txt']);
  const dialog = openDialog(page);

  await files.row('notes').dragTo(files.row('docs'));
  await expect(dialog).toContainText('A move never replaces a folder');
  await expect(dialog.getByRole('button', { name: 'Overwrite', exact: true })).toBeDisabled();
  await expect(dialog.getByLabel('New name')).toHaveValue('notes (1)');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect.poll(() => existsSync(join(ftp.root, 'docs/notes (1)/a.txt'))).toBe(true);
  // The folder that was there is untouched.
  expect(readFileSync(join(ftp.root, 'docs/notes/todo.txt'), 'utf8')).toBe('write tests\n');
  expect(statSync(join(ftp.root, 'docs/notes')).isDirectory()).toBe(true);
  expect(existsSync(join(ftp.root, 'notes'))).toBe(false);
});
