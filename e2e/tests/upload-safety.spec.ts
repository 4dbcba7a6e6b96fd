/**
 * Uploads check names against the server as it is now, not the listing on
 * screen: a file someone else wrote after the listing is asked about, never
 * silently replaced. And a 553 refusal is told by both of its causes.
 * Outcomes are read back from the server's disk.
 */
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, openDialog, shot } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const file = (name: string, data: string) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(data) });

test('a file written by someone else after the listing is asked about, not overwritten', async ({ page, ftp, connectPage, files }) => {
  await connectTo(page, connectPage, files, ftp);
  // A colleague writes the file while our listing on screen does not show it.
  await seedTree(ftp, [{ path: 'colleague.doc', content: 'IMPORTANT WORK OF A COLLEAGUE\n' }]);
  await expect(files.row('colleague.doc')).toHaveCount(0);

  await files.uploadViaButton([file('colleague.doc', 'mine'), file('fresh.txt', 'fresh')]);
  const dialog = openDialog(page);
  await expect(dialog).toContainText('“colleague.doc” already exists');
  await expect(dialog).toContainText('30 B');
  await dialog.getByRole('button', { name: 'Skip' }).click();
  await expect.poll(() => (existsSync(join(ftp.root, 'fresh.txt')) ? readFileSync(join(ftp.root, 'fresh.txt'), 'utf8') : '')).toBe('fresh');
  expect(readFileSync(join(ftp.root, 'colleague.doc'), 'utf8')).toBe('IMPORTANT WORK OF A COLLEAGUE\n');
});

test('a 553 refusal names permission as well as the name', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [{ path: 'locked/keep.txt', content: 'k' }]);
  // The FTP user may list the folder but not write in it.
  chmodSync(join(ftp.root, 'locked'), 0o555);
  await connectTo(page, connectPage, files, ftp, ['docs', 'locked', 'readme.txt']);
  await files.open('locked');
  await files.expectEntries(['keep.txt']);
  await files.uploadViaButton([file('plain-name.txt', 'x')]);
  // Both the toast and the transfer's row say it.
  const why = /The server refused to create the file \(553\): no permission there, or a name it does not allow/;
  await expect(page.getByRole('region', { name: 'Notifications' }).getByText(why)).toBeVisible();
  await expect(page.getByRole('region', { name: /^Transfers/ }).getByText(why)).toBeVisible();
  await shot(page, 'upload-553');
  expect(existsSync(join(ftp.root, 'locked/plain-name.txt'))).toBe(false);
  chmodSync(join(ftp.root, 'locked'), 0o755);
});
