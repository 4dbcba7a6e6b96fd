/**
 * Symlinks on a real vsftpd: rows show where each link points, a link to a
 * folder opens that folder, and a link to a file downloads the file's bytes.
 */
import { lchownSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test('symlinks show their target, open folders and download files', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [{ path: 'real/a.txt', content: 'reached through a link\n' }]);
  // Relative targets, so they resolve the same inside vsftpd's chroot.
  symlinkSync('real', join(ftp.root, 'link'));
  symlinkSync('real/a.txt', join(ftp.root, 'file-link'));
  for (const name of ['link', 'file-link']) lchownSync(join(ftp.root, name), ftp.fsOwner.uid, ftp.fsOwner.gid);

  await connectTo(page, connectPage, files, ftp, ['docs', 'real', 'link', 'file-link']);
  // The listing's targets are on screen, muted next to the name, and in the tooltip.
  await expect(files.row('link').locator('.fl-link-target')).toHaveText('→ real');
  await expect(files.row('file-link').locator('.fl-link-target')).toHaveText('→ real/a.txt');
  await expect(files.row('link').locator('.fl-name')).toHaveAttribute('title', 'link → real');

  // A link to a file: the server will not enter it, so it downloads, with no error toast.
  const pending = page.waitForEvent('download');
  await files.open('file-link');
  const download = await pending;
  expect(readFileSync(await download.path()).equals(readFileSync(join(ftp.root, 'real', 'a.txt')))).toBe(true);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // A link to a folder: double-click enters it and lists the folder's file.
  await files.open('link');
  await files.expectEntries(['a.txt']);
  // vsftpd reports the resolved folder as the new directory; its only entry is the linked file.
  await expect(files.grid.getByRole('row')).toHaveCount(2);
});
