/**
 * A reload keeps the transfers panel's finished rows: an upload that was
 * done, a download that failed (its file deleted behind the listing's
 * back) and an upload the server refused (a folder the FTP user cannot
 * write) come back with their status, in their order. The failed download
 * can still be retried, since the row kept what it asked for; the failed
 * upload cannot, since its file stayed with the old page, and says so.
 * "Clear finished" clears what the tab keeps too: after another reload the
 * panel is empty.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, transferRow, transfersPanel } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test('finished transfer rows survive a reload, until Clear finished', async ({ page, ftp, connectPage, files }) => {
  const content = randomBytes(1000);
  await seedTree(ftp, [{ path: 'gone.bin', content }]);
  // A folder the FTP user may list but not write: a STOR into it gets a real 553.
  const locked = join(ftp.root, 'locked');
  mkdirSync(locked);
  chownSync(locked, ftp.fsOwner.uid, ftp.fsOwner.gid);
  chmodSync(locked, 0o555);
  await connectTo(page, connectPage, files, ftp, ['docs', 'gone.bin', 'locked', 'readme.txt']);
  const panel = transfersPanel(page);

  await files.uploadViaButton([{ name: 'kept.txt', mimeType: 'text/plain', buffer: Buffer.from('kept\n') }]);
  await expect(transferRow(page, 'kept.txt')).toContainText('Done');

  // Removed behind the listing's back: the download fails, and its row says why.
  rmSync(join(ftp.root, 'gone.bin'));
  await files.row('gone.bin').click();
  const started = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  expect(await (await started).failure()).not.toBeNull();
  await expect(transferRow(page, 'gone.bin')).toContainText('Failed: The file or folder no longer exists');

  await files.open('locked');
  await expect(files.pathNav).toContainText('locked');
  await files.uploadViaButton([{ name: 'refused.txt', mimeType: 'text/plain', buffer: Buffer.from('no\n') }]);
  await expect(transferRow(page, 'refused.txt')).toContainText('Failed');
  await expect(panel.getByText('2 failed', { exact: true })).toBeVisible();

  await page.reload();
  // The session came back (it lists the folder it was in), and so did the rows.
  await expect(files.pathNav).toContainText('locked');
  await expect(panel.getByRole('listitem')).toHaveCount(3);
  await expect(panel.getByRole('listitem')).toContainText(['kept.txt', 'gone.bin', 'refused.txt']);
  await expect(transferRow(page, 'kept.txt')).toContainText('Done');
  await expect(transferRow(page, 'gone.bin')).toContainText('Failed: The file or folder no longer exists');
  await expect(transferRow(page, 'refused.txt')).toContainText('553');
  await expect(transferRow(page, 'refused.txt')).toContainText('this page no longer has the file: add it again to retry');
  await expect(transferRow(page, 'refused.txt').getByRole('button', { name: 'Retry transfer' })).toHaveCount(0);
  await expect(panel.getByText('1 done', { exact: true })).toBeVisible();
  await expect(panel.getByText('2 failed', { exact: true })).toBeVisible();

  // The kept download asks for its path again, and continues its row.
  await seedTree(ftp, [{ path: 'gone.bin', content }]);
  const again = page.waitForEvent('download');
  await transferRow(page, 'gone.bin').getByRole('button', { name: 'Retry transfer' }).click();
  const retried = await again;
  expect(await retried.failure()).toBeNull();
  expect(readFileSync(await retried.path()).equals(content)).toBe(true);
  await expect(transferRow(page, 'gone.bin')).toContainText('Downloaded');
  await expect(panel.getByRole('listitem')).toHaveCount(3);

  await panel.getByRole('button', { name: 'Clear finished' }).click();
  await expect(panel.getByText('No transfers yet')).toBeVisible();
  await page.reload();
  await expect(files.pathNav).toContainText('locked');
  await expect(panel.getByText('No transfers yet')).toBeVisible();
  await expect(panel.getByRole('listitem')).toHaveCount(0);
});
