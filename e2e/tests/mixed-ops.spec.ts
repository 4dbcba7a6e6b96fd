/**
 * Permissions over a selection whose modes differ, and a nested new folder.
 * The chmod dialog shows the bits the selection disagrees on as mixed and
 * leaves them as each entry has them: Apply after granting group write must
 * not make the files executable. Modes and folders are read from the disk.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, openDialog, shot } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const modeOf = (root: string, p: string) => statSync(join(root, p)).mode & 0o7777;

test('chmod over files and a folder keeps the bits they differ on', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: 'a.txt', content: 'a', mode: 0o644 },
    { path: 'run.sh', content: '#!/bin/sh\n', mode: 0o750 },
    { path: 'web', dir: true, mode: 0o755 },
  ]);
  await connectTo(page, connectPage, files, ftp, ['a.txt', 'run.sh', 'web']);
  await files.row('a.txt').click();
  await files.row('run.sh').click({ modifiers: ['Control'] });
  await files.row('web').click({ modifiers: ['Control'] });
  await files.row('web').click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Change permissions/ }).click();
  const dialog = openDialog(page);
  await expect(dialog.getByLabel('Numeric value')).toHaveValue('');
  await expect(dialog.getByRole('checkbox', { name: 'Owner Execute' })).toBeChecked({ indeterminate: true });
  await expect(dialog.getByRole('checkbox', { name: 'Group Write' })).not.toBeChecked();
  await dialog.getByRole('checkbox', { name: 'Group Write' }).check();
  await shot(page, 'chmod-mixed');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  // One SITE CHMOD per entry, one after another: each is awaited on the disk.
  await expect.poll(() => modeOf(ftp.root, 'a.txt')).toBe(0o664);
  await expect.poll(() => modeOf(ftp.root, 'run.sh')).toBe(0o770);
  await expect.poll(() => modeOf(ftp.root, 'web')).toBe(0o775);
});

test('new folder a/b/c says it nests, and creates each level', async ({ page, ftp, connectPage, files }) => {
  await connectTo(page, connectPage, files, ftp);
  await page.getByRole('button', { name: 'New folder' }).click();
  const dialog = openDialog(page);
  await expect(dialog.getByRole('note')).toContainText('a/b makes a, then b inside it');
  await dialog.getByLabel('Folder name').fill('a/b/c');
  // Said before it happens: the slash nests.
  await expect(dialog.getByRole('note')).toHaveText('Makes 3 folders, each inside the one before: a › b › c');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await files.expectEntries(['a']);
  await expect.poll(() => statSync(join(ftp.root, 'a/b/c'), { throwIfNoEntry: false })?.isDirectory() ?? false).toBe(true);
});
