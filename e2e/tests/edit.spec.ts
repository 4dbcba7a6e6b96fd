/**
 * Edit: a remote text file opens in the editor, and Save writes it back
 * as the same kind of bytes (CRLF lines, a BOM, GBK), checked on the FTP
 * server's disk. A file changed on the server since it was opened is not
 * replaced without a yes, and closing with unsaved text asks first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, shot } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// 测试 in GBK.
const GBK_TEST = Buffer.from([0xb2, 0xe2, 0xca, 0xd4]);

test('Edit saves a file back with its BOM, CRLF lines and charset, and asks before replacing a newer version', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: 'site.conf', content: Buffer.concat([BOM, Buffer.from('listen = 80\r\nname = 测试\r\n')]) },
    { path: 'legacy.txt', content: Buffer.concat([GBK_TEST, Buffer.from('\r\n')]) },
  ]);
  const onDisk = (name: string) => readFileSync(join(ftp.root, name));
  await connectTo(page, connectPage, files, ftp, ['docs', 'readme.txt', 'site.conf', 'legacy.txt']);

  // Open from the context menu.
  await files.row('site.conf').click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: /^Edit/ }).click();
  const editor = page.getByRole('dialog', { name: 'Edit “site.conf”' });
  const text = editor.getByRole('textbox', { name: 'Contents of site.conf' });
  await expect(text).toHaveValue('listen = 80\nname = 测试\n');
  await expect(editor).toContainText('Line ends: CRLF');
  await expect(editor).toContainText('Byte-order mark kept');
  await expect(text).toBeFocused();

  // Type a line and save with Ctrl+S: the file keeps its BOM and CRLF ends.
  await text.press('Control+End');
  await text.pressSequentially('port = 21\n');
  await expect(editor.getByRole('status')).toHaveText('Unsaved changes');
  await shot(page, '60-editor');
  await text.press('Control+s');
  await expect(editor.getByRole('status')).toHaveText(/^Saved/);
  expect(onDisk('site.conf').equals(Buffer.concat([BOM, Buffer.from('listen = 80\r\nname = 测试\r\nport = 21\r\n')]))).toBe(true);

  // Someone else changes the file: the next save asks, and "Keep editing" writes nothing.
  await seedTree(ftp, [{ path: 'site.conf', content: 'changed elsewhere\n' }]);
  await text.pressSequentially('# mine\n');
  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  const changed = editor.getByRole('alertdialog', { name: 'Changed on the server' });
  await expect(changed).toContainText('The file changed on the server since you opened it');
  await changed.getByRole('button', { name: 'Keep editing' }).click();
  await expect(changed).toHaveCount(0);
  expect(onDisk('site.conf').toString()).toBe('changed elsewhere\n');
  // Asked again on the next save; "Save anyway" replaces it.
  await text.press('Control+s');
  await changed.getByRole('button', { name: 'Save anyway' }).click();
  await expect(editor.getByRole('status')).toHaveText(/^Saved/);
  expect(onDisk('site.conf').equals(Buffer.concat([BOM, Buffer.from('listen = 80\r\nname = 测试\r\nport = 21\r\n# mine\r\n')]))).toBe(true);

  // Escape closes a saved file at once, and focus goes back to the list.
  await text.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(files.grid).toBeFocused();
  // The saves ran through the queue like any upload.
  await expect(page.getByRole('region', { name: 'Transfers' })).toContainText('site.conf');

  // F4 on a GBK file: not UTF-8, so the editor asks for the encoding first.
  await files.row('legacy.txt').click();
  await page.keyboard.press('F4');
  const legacy = page.getByRole('dialog', { name: 'Edit “legacy.txt”' });
  await expect(legacy).toContainText('This file is not UTF-8');
  await legacy.getByLabel('Encoding').selectOption('gbk');
  const legacyText = legacy.getByRole('textbox', { name: 'Contents of legacy.txt' });
  await expect(legacyText).toHaveValue('测试\n');
  await legacyText.press('Control+End');
  await legacyText.pressSequentially('测试');
  // The encoding cannot change under typed text.
  await expect(legacy.getByLabel('Encoding')).toBeDisabled();
  await legacyText.press('Control+s');
  await expect(legacy.getByRole('status')).toHaveText(/^Saved/);
  expect(onDisk('legacy.txt').equals(Buffer.concat([GBK_TEST, Buffer.from('\r\n'), GBK_TEST]))).toBe(true);

  // Closing with unsaved text asks; "Discard changes" closes and writes nothing.
  await legacyText.pressSequentially('x');
  await legacyText.press('Escape');
  const discard = legacy.getByRole('alertdialog', { name: 'Unsaved changes' });
  await expect(discard).toContainText('Close without saving your changes?');
  await discard.getByRole('button', { name: 'Discard changes' }).click();
  await expect(legacy).toHaveCount(0);
  expect(onDisk('legacy.txt').equals(Buffer.concat([GBK_TEST, Buffer.from('\r\n'), GBK_TEST]))).toBe(true);
});

test('Edit refuses a binary file, and is disabled for a folder and an image', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: 'data.txt', content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]) },
    { path: 'pic.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
  ]);
  await connectTo(page, connectPage, files, ftp, ['docs', 'readme.txt', 'data.txt', 'pic.png']);
  const menu = page.getByRole('menu');
  for (const name of ['docs', 'pic.png']) {
    await files.row(name).click({ button: 'right' });
    await expect(menu.getByRole('menuitem', { name: /^Edit/ })).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Escape');
  }
  await files.row('data.txt').click({ button: 'right' });
  await menu.getByRole('menuitem', { name: /^Edit/ }).click();
  const editor = page.getByRole('dialog', { name: 'Edit “data.txt”' });
  await expect(editor).toContainText('This file holds binary data');
  await expect(editor.getByRole('textbox')).toHaveCount(0);
  await expect(editor.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
});
