/**
 * A server whose file names are GBK bytes, connected with the default
 * Auto encoding: the names show as byte escapes, a bar offers to read them
 * as GB18030, and one click shows them in Chinese in the same folder. The
 * file then downloads with its bytes, renames on disk to the GBK bytes of
 * the new name, and the connect form follows the choice. Cyrillic names in
 * Windows-1251 get the same offer, under their own charset's name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, openDialog, shot } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

// 测试报告.txt and 中文.txt in GBK: not UTF-8.
const REPORT = Buffer.concat([Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0xb1, 0xa8, 0xb8, 0xe6]), Buffer.from('.txt')]);
const RENAMED = Buffer.concat([Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('.txt')]);
const CONTENT = '季度报告 in GBK bytes\n';

test('names that are not UTF-8: the offer reads them as GB18030, and they work', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [{ path: ['docs', REPORT], content: CONTENT }]);
  const onDisk = (name: Buffer): Buffer => Buffer.concat([Buffer.from(`${ftp.root}/docs/`), name]);
  await connectTo(page, connectPage, files, ftp);
  await files.open('docs');
  await expect(files.pathNav).toContainText('docs');
  // Kept byte for byte, drawn with escapes (a pair of its bytes happens to be valid UTF-8 and reads as a letter).
  await expect(files.grid.getByRole('row').filter({ hasText: '\\xB2\\xE2\\xCA' })).toHaveCount(1);

  const offer = page.getByRole('region', { name: 'File name charset' });
  // It shows what the switch gives before it is made.
  await expect(offer).toContainText('Read as Chinese (GB18030), they would be:');
  await expect(offer).toContainText('测试报告.txt');
  await shot(page, '40-charset-offer');
  await offer.getByRole('button', { name: 'Show names as Chinese (GB18030)' }).click();

  // The same folder, names in Chinese, and no offer left.
  await files.expectEntries(['测试报告.txt', 'guide.txt']);
  await expect(files.pathNav).toContainText('docs');
  await expect(offer).toHaveCount(0);
  await shot(page, '41-charset-switched');

  // Download: the bytes on the server's disk.
  await files.row('测试报告.txt').click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('测试报告.txt');
  expect(readFileSync(await download.path()).equals(readFileSync(onDisk(REPORT)))).toBe(true);

  // Rename: the new name reaches the disk as GBK bytes.
  await files.row('测试报告.txt').click();
  await page.keyboard.press('F2');
  const dialog = openDialog(page);
  await dialog.getByLabel('New name').fill('中文.txt');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await files.expectEntries(['中文.txt']);
  expect(existsSync(onDisk(REPORT))).toBe(false);
  expect(readFileSync(onDisk(RENAMED), 'utf8')).toBe(CONTENT);

  // The connect form follows, so the next connect from it (and Save site) reads names the same way.
  await page.getByRole('button', { name: 'More options' }).click();
  await expect(page.getByLabel('Encoding')).toHaveValue('gb18030');
});

// Отчет.txt, Фото.jpg and Итог.txt in Windows-1251: Cyrillic, not UTF-8.
const cp1251 = (bytes: number[], ext: string): Buffer => Buffer.concat([Buffer.from(bytes), Buffer.from(ext)]);
const OTCHET = cp1251([0xce, 0xf2, 0xf7, 0xe5, 0xf2], '.txt');
const FOTO = cp1251([0xd4, 0xee, 0xf2, 0xee], '.jpg');
const ITOG = cp1251([0xc8, 0xf2, 0xee, 0xe3], '.txt');

test('Cyrillic names in Windows-1251: the offer names the charset, and a rename writes its bytes', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: ['ru', OTCHET], content: 'report\n' },
    { path: ['ru', FOTO], content: 'photo' },
  ]);
  await connectTo(page, connectPage, files, ftp);
  await files.open('ru');
  const offer = page.getByRole('region', { name: 'File name charset' });
  await expect(offer).toContainText('Read as Cyrillic (Windows-1251), they would be:');
  await expect(offer).toContainText('Отчет.txt');
  await offer.getByRole('button', { name: 'Show names as Cyrillic (Windows-1251)' }).click();
  await files.expectEntries(['Отчет.txt', 'Фото.jpg']);

  await files.row('Отчет.txt').click();
  await page.keyboard.press('F2');
  const dialog = openDialog(page);
  await dialog.getByLabel('New name').fill('Итог.txt');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await files.expectEntries(['Итог.txt']);
  const onDisk = (name: Buffer): Buffer => Buffer.concat([Buffer.from(`${ftp.root}/ru/`), name]);
  expect(existsSync(onDisk(OTCHET))).toBe(false);
  expect(readFileSync(onDisk(ITOG), 'utf8')).toBe('report\n');
});
