/**
 * The file list under a finger: rows tall enough to hit (40 px), and a
 * long press on a row opening the row's menu, as a right-click does. The
 * touches are real ones (CDP Input.dispatchTouchEvent), so the browser
 * makes the pointer events itself.
 */
import type { Page } from '@playwright/test';
import { connectTo } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** A finger on (x, y) for `ms`, then lifted. */
async function press(page: Page, x: number, y: number, ms: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await page.waitForTimeout(ms);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test('touch: 40 px rows, and a long press opens the row menu', async ({ page, ftp, connectPage, files }) => {
  await connectTo(page, connectPage, files, ftp);
  const row = files.row('readme.txt');
  const box = await row.boundingBox();
  expect(box?.height).toBe(40);
  const x = (box?.x ?? 0) + 40;
  const y = (box?.y ?? 0) + 20;

  // A tap selects, and opens no menu.
  await press(page, x, y, 50);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('menu')).toHaveCount(0);

  // A long press on another row: that row alone is selected, and its menu opens under the finger.
  const docs = files.row('docs');
  const docsBox = await docs.boundingBox();
  await press(page, (docsBox?.x ?? 0) + 40, (docsBox?.y ?? 0) + 20, 800);
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  await expect(docs).toHaveAttribute('aria-selected', 'true');
  await expect(row).toHaveAttribute('aria-selected', 'false');
  await expect(menu.getByRole('menuitem', { name: /^Rename/ })).toBeEnabled();
  // Lifting the finger did not also open the folder.
  await expect(files.row('readme.txt')).toBeVisible();

  // A long press below the rows opens the folder's menu, as a right-click there does.
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  const grid = await files.grid.boundingBox();
  await press(page, (grid?.x ?? 0) + 100, (grid?.y ?? 0) + (grid?.height ?? 0) - 40, 800);
  await expect(menu.getByRole('menuitem', { name: /^New folder/ })).toBeVisible();
  await expect(docs).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Escape');
  // The page may have scrolled (a phone's page scrolls as a whole): measure again.
  const docsNow = await docs.boundingBox();
  await press(page, (docsNow?.x ?? 0) + 40, (docsNow?.y ?? 0) + 20, 800);
  await expect(menu.getByRole('menuitem', { name: /^Rename/ })).toBeVisible();

  // The menu acts on the pressed row; tapped like the rest.
  const rename = await menu.getByRole('menuitem', { name: /^Rename/ }).boundingBox();
  await press(page, (rename?.x ?? 0) + 20, (rename?.y ?? 0) + (rename?.height ?? 0) / 2, 50);
  await expect(page.getByRole('dialog').getByLabel('New name')).toHaveValue('docs');
});
