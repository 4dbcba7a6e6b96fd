/**
 * Downloads in the transfers panel: the browser's own download manager gets
 * the bytes, and the panel shows each download the page started, its
 * progress and how it ended. Its Cancel stops the RETR on the FTP server;
 * Close session stops it too, after asking, and the row says why.
 * vsftpd paces every data connection, so the big download is still running
 * when the test looks at it and stops it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, shot, transferRow, transfersPanel } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const MiB = 1024 * 1024;

test.use({ ftpOptions: { maxRate: 2 * MiB } });

test('downloads show in the transfers panel, Cancel there stops one, and Close session says why', async ({ page, ftp, connectPage, files }) => {
  test.setTimeout(90_000);
  await seedTree(ftp, [
    { path: 'small.bin', content: randomBytes(600 * 1024) },
    { path: 'big.iso', content: randomBytes(32 * MiB) },
  ]);
  await connectTo(page, connectPage, files, ftp, ['docs', 'big.iso', 'readme.txt', 'small.bin']);

  // A download that runs to its end: the row says so, and the browser has the server's bytes.
  await files.row('small.bin').click();
  const first = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const small = await first;
  const smallRow = transferRow(page, 'small.bin');
  await expect(smallRow).toContainText('Downloaded · 600 KB', { timeout: 30_000 });
  expect(readFileSync(await small.path()).equals(readFileSync(join(ftp.root, 'small.bin')))).toBe(true);
  await expect(transfersPanel(page)).toContainText('1 done');

  // A big one, paced: it climbs, with its size, rate and time left.
  await files.row('big.iso').click();
  const second = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const big = await second;
  const bigRow = transferRow(page, 'big.iso');
  await expect(bigRow).toContainText(/of 32\.0 MB received · .*\/s · .* left/);
  await expect.poll(async () => Number(await bigRow.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  await expect(bigRow.getByRole('progressbar')).toHaveAttribute('aria-valuetext', /% received$/);
  await shot(page, '33-download-in-panel');

  // Cancel in the panel: the server stops the RETR, and the browser's download ends as failed.
  await bigRow.getByRole('button', { name: 'Cancel transfer' }).click();
  await expect(bigRow).toContainText(/Stopped at .* of 32\.0 MB/);
  expect(await big.failure()).not.toBeNull();
  const log = page.getByRole('log', { name: 'Transcript' });
  await expect(log.locator('.tp-text', { hasText: /^ABOR$/ })).toHaveCount(1);
  // The user's own doing: a neutral status, no error line and no error toast.
  await expect(log.locator('.tp-line', { hasText: 'Transfer stopped, as you asked' })).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Notifications' })).not.toContainText('failed');
  await expect(transfersPanel(page)).toContainText('1 skipped or cancelled');

  // The session goes on: a new download of the same file starts at once.
  await files.row('small.bin').click();
  const third = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  await third;
  await expect(transfersPanel(page)).toContainText('2 done', { timeout: 30_000 });

  // Close session while a download runs: asked first, then a stop that says why. Chromium fetches
  // the cut download again on its own; its link went with the session, so that starts nothing.
  await transfersPanel(page).getByRole('button', { name: 'Clear finished' }).click();
  await files.row('big.iso').click();
  const fourth = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const closing = await fourth;
  const again = transferRow(page, 'big.iso');
  await expect(again).toContainText(/received/);
  await page.getByRole('button', { name: 'Close session' }).click();
  const question = page.getByRole('alertdialog', { name: 'Close the session?' });
  await expect(question).toContainText('1 download fails in the browser.');
  await question.getByRole('button', { name: 'Stop and close' }).click();
  await expect(again).toContainText(/Stopped at .* of 32\.0 MB: the session was closed or connected again/);
  expect(await closing.failure()).not.toBeNull();
  await page.waitForTimeout(1000);
  await expect(again).not.toContainText('attempt');
  await expect(transfersPanel(page).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Notifications' })).not.toContainText('failed');
});
