/**
 * Resume is offered only for an earlier, unfinished upload of the same
 * file: the page compares the last bytes the server holds (a Range download
 * through FTP Deck) with the file at the same place. A different, smaller
 * file of the same name gets no Resume button and a reason, and choosing
 * Overwrite replaces it whole; a true partial copy is resumed to the exact
 * bytes. On a server that hashes, the resumed upload says its checksum
 * covered the part it sent. Outcomes are read back from the server's disk.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, openDialog, transferRow } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const mine = randomBytes(3 * 1024 * 1024);
const upload = { name: 'report.pdf', mimeType: 'application/pdf', buffer: mine };

test('a different, smaller file of the same name is not offered Resume', async ({ page, ftp, connectPage, files }) => {
  const other = randomBytes(1024 * 1024);
  await seedTree(ftp, [{ path: 'report.pdf', content: other }]);
  await connectTo(page, connectPage, files, ftp, ['docs', 'readme.txt', 'report.pdf']);
  await files.uploadViaButton([upload]);
  const dialog = openDialog(page);
  await expect(dialog).toContainText('Resume is not offered');
  await expect(dialog.getByRole('button', { name: 'Resume' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Overwrite', exact: true }).click();
  await expect.poll(() => readFileSync(join(ftp.root, 'report.pdf')).equals(mine), { timeout: 20_000 }).toBe(true);
});

test('an unfinished upload of the same file is offered Resume, and resumes to the exact bytes', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [{ path: 'report.pdf', content: mine.subarray(0, 1024 * 1024 + 17) }]);
  await connectTo(page, connectPage, files, ftp, ['docs', 'readme.txt', 'report.pdf']);
  await files.uploadViaButton([upload]);
  const dialog = openDialog(page);
  await expect(dialog.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect(dialog).not.toContainText('Resume is not offered');
  await dialog.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => readFileSync(join(ftp.root, 'report.pdf')).equals(mine), { timeout: 20_000 }).toBe(true);
});

test.describe('on a server that hashes (ProFTPD with mod_digest)', () => {
  test.use({ ftpKind: 'proftpd', ftpOptions: { digest: true } });

  test('a resumed upload says its checksum covered the part it sent', async ({ page, ftp, connectPage, files }) => {
    await seedTree(ftp, [{ path: 'report.pdf', content: mine.subarray(0, 1024 * 1024) }]);
    await connectTo(page, connectPage, files, ftp, ['docs', 'readme.txt', 'report.pdf']);
    await files.uploadViaButton([upload]);
    await openDialog(page).getByRole('button', { name: 'Resume' }).click();
    await expect(transferRow(page, 'report.pdf')).toContainText('size verified, MD5 from 1.0 MB on', { timeout: 20_000 });
    expect(readFileSync(join(ftp.root, 'report.pdf')).equals(mine)).toBe(true);
  });
});
