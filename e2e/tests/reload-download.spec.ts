/**
 * A reload while the browser downloads: the download goes on in the
 * browser's own download manager, and the reloaded page, back in the same
 * server session, takes its row up again: the same row goes on to its end
 * (and, failing, still has its Retry), and one that ended while no page
 * was connected says so instead of vanishing. vsftpd paces the data
 * connection, so the download is still running when the page reloads.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, transferRow, transfersPanel } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const MiB = 1024 * 1024;

test.use({ ftpOptions: { maxRate: 2 * MiB } });

test('a download running at a reload goes on in its row to the end, and one that fails then keeps its Retry', async ({ page, ftp, connectPage, files }) => {
  test.setTimeout(90_000);
  await seedTree(ftp, [
    { path: 'big.iso', content: randomBytes(8 * MiB) },
    { path: 'huge.iso', content: randomBytes(32 * MiB) },
  ]);
  await connectTo(page, connectPage, files, ftp, ['docs', 'big.iso', 'huge.iso', 'readme.txt']);
  const panel = transfersPanel(page);

  await files.row('big.iso').click();
  const started = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const download = await started;
  await expect(transferRow(page, 'big.iso')).toContainText(/received/);

  await page.reload();
  await expect(files.row('readme.txt')).toBeVisible();
  // The same row, climbing again from the server's progress, to done: no second row.
  await expect(transferRow(page, 'big.iso')).toContainText(/of 8\.0 MB received/);
  await expect(transferRow(page, 'big.iso')).toContainText('Downloaded', { timeout: 30_000 });
  expect(readFileSync(await download.path()).equals(readFileSync(join(ftp.root, 'big.iso')))).toBe(true);
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await expect(panel.getByText('1 done', { exact: true })).toBeVisible();

  // Another, running at a reload, then cut short: the file shrinks under vsftpd's RETR, and is gone
  // for the browser's own fetch again. It fails in its row, which still knows what it asked for.
  await files.row('huge.iso').click();
  const second = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  await second;
  await expect(transferRow(page, 'huge.iso')).toContainText(/received/);
  await page.reload();
  await expect(files.row('readme.txt')).toBeVisible();
  await expect(transferRow(page, 'huge.iso')).toContainText(/of 32\.0 MB received/);
  truncateSync(join(ftp.root, 'huge.iso'), 0);
  rmSync(join(ftp.root, 'huge.iso'));
  await expect(transferRow(page, 'huge.iso')).toContainText('Failed', { timeout: 30_000 });
  await expect(transferRow(page, 'huge.iso').getByRole('button', { name: 'Retry transfer' })).toBeVisible();
  await expect(panel.getByRole('listitem')).toHaveCount(2);
});

test('a download that ends while the reloaded page is not yet connected says so, rather than vanishing', async ({ page, ftp, connectPage, files }) => {
  test.setTimeout(90_000);
  await seedTree(ftp, [{ path: 'big.iso', content: randomBytes(4 * MiB) }]);
  // While `holding`, the page's socket is closed as it opens: the page tries again, with its backoff.
  let holding = false;
  await page.routeWebSocket(/\/ws$/, (ws) => {
    if (holding) {
      ws.close();
      return;
    }
    const server = ws.connectToServer();
    ws.onMessage((msg) => server.send(msg));
    server.onMessage((msg) => ws.send(msg));
  });
  await connectTo(page, connectPage, files, ftp, ['docs', 'big.iso', 'readme.txt']);

  await files.row('big.iso').click();
  const started = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const download = await started;
  await expect(transferRow(page, 'big.iso')).toContainText(/received/);

  holding = true;
  await page.reload();
  // Its end went to no page: the server ended it while the reloaded page had no socket.
  expect(readFileSync(await download.path()).equals(readFileSync(join(ftp.root, 'big.iso')))).toBe(true);
  holding = false;
  await expect(files.row('readme.txt')).toBeVisible({ timeout: 30_000 });
  await expect(transferRow(page, 'big.iso')).toContainText('Ended while this page was not connected');
  await expect(transfersPanel(page).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Notifications' })).not.toContainText('failed');
});
