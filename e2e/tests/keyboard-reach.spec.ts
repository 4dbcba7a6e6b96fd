/**
 * Keyboard reach (Review 22): the context menu opens from the keyboard, a
 * dialog keeps focus (the site tab strip is out of reach while it is open),
 * and the transcript is one tab stop however long it grows.
 */
import { connectTo } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test('Shift+F10 opens the menu of the active row, a dialog keeps focus, and the transcript is one tab stop', async ({ page, ftp, connectPage, files }) => {
  await connectTo(page, connectPage, files, ftp);
  // Some history in the transcript: every folder visit adds lines with buttons.
  for (let i = 0; i < 3; i++) {
    await files.open('docs');
    await files.expectEntries(['guide.txt']);
    await page.keyboard.press('Backspace');
    await files.expectEntries(['readme.txt']);
  }

  // Back from docs, the row of the folder just left is the active one.
  await expect(files.grid).toBeFocused();
  await expect(files.grid).toHaveAttribute('aria-activedescendant', /row/);
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu');
  await expect(menu).toBeVisible();
  // The folder just left (docs) is the active row: its menu, first item focused.
  await expect(menu).toHaveAccessibleName('Entry actions');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(files.grid).toBeFocused();

  // Rename (F2): Shift+Tab never leaves the dialog for the tab strip above it.
  await page.keyboard.press('F2');
  const dialog = page.getByRole('dialog', { name: /^Rename/ });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(files.grid).toBeFocused();

  // From the list to the transfers panel: the transcript's lines are not one stop each.
  let presses = 0;
  const transfers = page.getByRole('button', { name: 'Transfers' });
  while (!(await transfers.evaluate((el) => el === document.activeElement)) && presses < 60) {
    await page.keyboard.press('Tab');
    presses++;
  }
  await expect(transfers).toBeFocused();
  // Inside the log, the arrows reach its lines.
  const log = page.getByRole('log', { name: 'Transcript' });
  await log.focus();
  await page.keyboard.press('ArrowUp');
  await expect(log.getByRole('button', { name: 'Explain this line' }).last()).toBeFocused();
});
