/**
 * A big recursive delete through the UI, on vsftpd: the bar above the file list counts
 * it as it goes, Stop leaves exactly what it had not reached on disk, and a
 * second delete removes the rest while browsing works (the delete has a
 * connection of its own).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree, serverTreePaths } from '@ftpdeck/test-servers';
import { connectTo, openDialog } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const FOLDERS = 100;
const FILES = 10_000;

test('a big delete shows progress, leaves browsing free, and stops on request', async ({ page, ftp, connectPage, files }) => {
  test.setTimeout(120_000);
  await seedTree(
    ftp,
    Array.from({ length: FILES }, (_, i) => ({ path: `archive/d${i % FOLDERS}/f${i}.log`, content: `${i}\n` })),
  );
  const total = FILES + FOLDERS + 1;
  await connectTo(page, connectPage, files, ftp);
  const dialog = openDialog(page);
  const notifications = page.getByRole('region', { name: 'Notifications' });
  const running = page.getByRole('group', { name: 'Deletes in progress' });

  await files.row('archive').click();
  await page.keyboard.press('Delete');
  await dialog.getByRole('button', { name: /^Delete [\d,]+\+? items$/ }).click();
  await expect(running).toContainText('Deleting archive');
  // Stop as soon as the count moves: on a fast machine the whole delete
  // once finished while the test browsed first (stopped after all 10,101).
  await expect(running).toContainText(/[1-9][\d,]* removed/);
  await running.getByRole('button', { name: 'Stop this delete: Deleting archive' }).click();
  const stopped = notifications.getByText(/^Stopped deleting after [\d,]+ items?$/);
  await expect(stopped).toBeVisible();
  await expect(running).toHaveCount(0);
  const removed = Number((await stopped.textContent())?.match(/after ([\d,]+)/)?.[1]?.replaceAll(',', ''));
  expect(removed).toBeGreaterThan(0);
  expect(removed).toBeLessThan(total);
  // Exactly what the toast counted went; the rest is on disk.
  expect(serverTreePaths(ftp, '/archive').length + 1).toBe(total - removed);

  // Deleting again removes the rest. Browsing is not held up behind it: a
  // folder opens while it runs (the delete has a connection of its own).
  await files.row('archive').click();
  await page.keyboard.press('Delete');
  await dialog.getByRole('button', { name: /^Delete [\d,]+\+? items$/ }).click();
  await expect(running).toContainText('Deleting archive');
  await files.open('docs');
  await files.expectEntries(['guide.txt']);
  await page.getByRole('button', { name: 'Parent folder' }).click();
  await expect(notifications.getByText('Deleted archive')).toBeVisible({ timeout: 60_000 });
  expect(existsSync(join(ftp.root, 'archive'))).toBe(false);
  await expect(files.row('archive')).toHaveCount(0);
});
