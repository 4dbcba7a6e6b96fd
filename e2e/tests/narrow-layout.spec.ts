/**
 * FTP Deck in an 800 px wide window: the panels stack and the bars wrap, so
 * the page never scrolls sideways and every control is on screen: Close
 * session, Language, the transcript, and a transfer row's status and buttons.
 */
import { chmodSync, chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { connectTo, expectReachableWithin, shot, transferRow } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const WIDTH = 800;
test.use({ viewport: { width: WIDTH, height: 720 } });

/** {@link expectReachableWithin} this window. */
function expectReachable(target: Locator, what: string): Promise<void> {
  return expectReachableWithin(target, what, WIDTH);
}

test('800 px wide: no sideways scroll, every control on screen', async ({ page, ftp, connectPage, files }) => {
  // A failed upload leaves a row with a status text and a Retry button.
  const locked = join(ftp.root, 'locked');
  mkdirSync(locked);
  chownSync(locked, ftp.fsOwner.uid, ftp.fsOwner.gid);
  chmodSync(locked, 0o555);
  await connectTo(page, connectPage, files, ftp, ['docs', 'locked']);
  await files.open('locked');
  await expect(files.pathNav).toContainText('locked');
  await files.uploadViaButton([{ name: 'narrow.txt', mimeType: 'text/plain', buffer: Buffer.from('narrow\n') }]);
  const row = transferRow(page, 'narrow.txt');
  await expect(row).toContainText('Failed');
  // Its error toast sits above the transfers panel; a narrow window has little room, so read and close it.
  await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Dismiss', exact: true }).click();

  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, 'the page does not scroll sideways').toBeLessThanOrEqual(widths.client);
  await shot(page, 'narrow-800');

  await expectReachable(page.getByRole('button', { name: 'Close session' }), 'Close session');
  await expectReachable(page.getByRole('combobox', { name: 'Language' }), 'Language');
  const log = page.getByRole('log', { name: 'Transcript' });
  await expectReachable(log, 'the transcript');
  expect((await log.boundingBox())!.width, 'the transcript has the window width, not half of it').toBeGreaterThan(WIDTH * 0.8);
  await expect(log).toContainText('STOR');
  await expectReachable(row.getByText(/^Failed/), 'the row status');
  await expectReachable(row.getByRole('button', { name: 'Retry transfer' }), 'the row Retry');
  await expectReachable(page.getByRole('button', { name: 'Retry failed' }), 'Retry failed');
  await expectReachable(page.getByRole('button', { name: 'Clear finished' }), 'Clear finished');
  await expectReachable(files.uploadButton, 'Upload');
});

test.describe('a short window', () => {
  test.use({ viewport: { width: WIDTH, height: 700 } });

  test('800 x 700 with four transfers: the file list keeps four rows and more, the transcript stays', async ({ page, ftp, connectPage, files }) => {
    await connectTo(page, connectPage, files, ftp, ['docs', 'readme.txt']);
    const names = ['one.txt', 'two.txt', 'three.txt', 'four.txt'];
    await files.uploadViaButton(names.map((name) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(`${name}\n`) })));
    for (const name of names) await expect(transferRow(page, name)).toContainText('Done');
    await files.expectEntries(names);
    await shot(page, 'narrow-800x700-transfers');

    // Whole rows of the listing inside the grid's box: before, the panels left room for one and a half.
    const grid = (await files.grid.boundingBox())!;
    let whole = 0;
    for (const name of ['docs', 'readme.txt', ...names]) {
      const row = await files.row(name).boundingBox();
      if (row && row.y >= grid.y && row.y + row.height <= grid.y + grid.height + 0.5) whole += 1;
    }
    expect(whole, 'file rows wholly in view').toBeGreaterThanOrEqual(4);

    // The transfers panel still shows its rows (it scrolls the rest), and the transcript stays on screen.
    await expectReachable(transferRow(page, 'one.txt').getByText(/^Done/), 'the first transfer status');
    await expectReachable(page.getByRole('log', { name: 'Transcript' }), 'the transcript');
    await expectReachable(page.getByRole('button', { name: 'Clear finished' }), 'Clear finished');
  });
});
