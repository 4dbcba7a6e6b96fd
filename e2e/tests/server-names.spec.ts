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

test('hidden characters in names are shown, and the real name is what gets used', async ({ page, ftp, connectPage, files, transcript }) => {
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

  // Nowhere on the page, in text or in any attribute, is an override left to act:
  // grid, transcript and its groups, the delete and permission dialogs, the sequence view.
  const bidiAnywhere = () =>
    page.evaluate(() => {
      const bidi = /[\u202a-\u202e\u2066-\u2069]/;
      const found: string[] = [];
      if (bidi.test(document.body.textContent ?? '')) found.push('text');
      for (const el of Array.from(document.querySelectorAll('*'))) {
        for (const attr of Array.from(el.attributes)) if (bidi.test(attr.value)) found.push(`${el.tagName}[${attr.name}]`);
      }
      return found;
    });
  expect(await bidiAnywhere()).toEqual([]);
  await spoofRow.click();
  await page.keyboard.press('Delete');
  await expect(openDialog(page)).toContainText('invoice\\u202Efdp.exe');
  expect(await bidiAnywhere()).toEqual([]);
  await page.keyboard.press('Escape');
  await spoofRow.click({ button: 'right' });
  await page.getByRole('menuitem', { name: /Change permissions/ }).click();
  await expect(openDialog(page)).toBeVisible();
  expect(await bidiAnywhere()).toEqual([]);
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Sequence' }).click();
  expect(await bidiAnywhere()).toEqual([]);
  await page.getByRole('tab', { name: 'Transcript' }).click();

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
  // The field holds the real name, so the dialog spells it out beneath.
  await expect(dialog.getByRole('note')).toContainText('invoice\\u202Efdp.exe');
  await dialog.getByLabel('New name').fill('invoice.pdf.exe');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await files.expectEntries(['invoice.pdf.exe']);
  expect(existsSync(join(ftp.root, SPOOF))).toBe(false);
  expect(readFileSync(join(ftp.root, 'invoice.pdf.exe'), 'utf8')).toBe('MZ not really\n');

  // The transcript now holds RETR and RNFR with the real name, and the sequence view draws them.
  await transcript.expectLine(/RNFR \/invoice\\u202Efdp\.exe/);
  expect(await bidiAnywhere()).toEqual([]);
  await page.getByRole('tab', { name: 'Sequence' }).click();
  expect(await bidiAnywhere()).toEqual([]);
});

test('a space at either end of a name is marked, and the real name is still what gets used', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [{ path: ' lead.txt', content: 'leading\n' }, { path: 'trail.txt ', content: 'trailing\n' }]);
  await connectTo(page, connectPage, files, ftp, ['readme.txt']);
  const lead = files.grid.getByRole('row').filter({ hasText: '\u2423lead.txt' });
  await expect(lead).toHaveCount(1);
  await expect(lead.locator('.server-escape')).toHaveAttribute('title', /start or end of the name/);
  const trail = files.grid.getByRole('row').filter({ hasText: 'trail.txt\u2423' });
  await expect(trail).toHaveCount(1);
  // The download asks for the name with its space.
  await trail.click();
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  expect(readFileSync(await (await pending).path(), 'utf8')).toBe('trailing\n');
});
