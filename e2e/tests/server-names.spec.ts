/**
 * Names the server chooses cannot disguise themselves: a right-to-left
 * override that would show `invoice‮fdp.exe` as "invoiceexe.pdf", and bytes
 * no charset of the session decodes, are drawn as marked escapes in the
 * grid, while every request still carries the real name (a download gets
 * the file's bytes, a rename changes exactly that file on disk).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, openDialog, shot } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const SPOOF = 'invoice\u202Efdp.exe';
// 你好 in GBK: not UTF-8, so under `auto` each byte is kept as it came.
const GBK = Buffer.concat([Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from('.txt')]);

test('hidden characters in names are shown, and the real name is what gets used', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: SPOOF, content: 'MZ not really\n' },
    { path: [GBK], content: 'gbk\n' },
  ]);
  await connectTo(page, connectPage, files, ftp, ['readme.txt']);

  const spoofRow = files.grid.getByRole('row').filter({ hasText: 'invoice\\u202Efdp.exe' });
  await expect(spoofRow).toHaveCount(1);
  const escape = spoofRow.locator('.server-escape');
  await expect(escape).toHaveText('\\u202E');
  await expect(escape).toHaveAttribute('title', /U\+202E/);
  // The override is not in the page as a character, so it reorders nothing.
  expect(await spoofRow.locator('.fl-name-text').textContent()).toBe('invoice\\u202Efdp.exe');

  const gbkRow = files.grid.getByRole('row').filter({ hasText: '\\xC4\\xE3\\xBA\\xC3.txt' });
  await expect(gbkRow).toHaveCount(1);
  await expect(gbkRow.locator('.server-escape').first()).toHaveAttribute('title', /0xC4/);
  await shot(page, '15-hidden-characters');

  // Download: the request names the real file.
  await spoofRow.click();
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const download = await pending;
  // Chromium itself saves it without the override (as `invoice_fdp.exe`).
  expect(download.suggestedFilename()).not.toContain('\u202E');
  expect(readFileSync(await download.path(), 'utf8')).toBe('MZ not really\n');

  // Rename: RNFR carries the real name, and the dialog's field holds it too.
  await spoofRow.click();
  await page.keyboard.press('F2');
  const dialog = openDialog(page);
  await expect(dialog.getByLabel('New name')).toHaveValue(SPOOF);
  await dialog.getByLabel('New name').fill('invoice.pdf.exe');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await files.expectEntries(['invoice.pdf.exe']);
  expect(existsSync(join(ftp.root, SPOOF))).toBe(false);
  expect(readFileSync(join(ftp.root, 'invoice.pdf.exe'), 'utf8')).toBe('MZ not really\n');
});
