/**
 * The transfer type setting, against ProFTPD (which honours TYPE A): in
 * ASCII a Windows text file's CRLF lines are stored as the server's LF, in
 * Auto a text file goes ASCII and a photo binary, and the choice is kept
 * across a reload.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectTo, shot, transferRow } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test.use({ ftpKind: 'proftpd' });

const windowsText = 'line one\r\nline two\r\n';
const file = (name: string, content: string) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });

test('ASCII and Auto transfer types convert text line ends and leave binaries alone', async ({ page, ftp, connectPage, files, transcript }) => {
  await connectTo(page, connectPage, files, ftp);
  const type = page.getByLabel('Transfer type');
  await expect(type).toHaveValue('binary');

  // Binary first: every byte, CRs included.
  await files.uploadViaButton([file('binary.txt', windowsText)]);
  await expect(transferRow(page, 'binary.txt')).toContainText(/Verified|Done/);
  expect(readFileSync(join(ftp.root, 'binary.txt'), 'utf8')).toBe(windowsText);

  await type.selectOption('ascii');
  await files.uploadViaButton([file('ascii.txt', windowsText)]);
  const row = transferRow(page, 'ascii.txt');
  await expect(row).toContainText('Done');
  await expect(row.getByText('ASCII', { exact: true })).toBeVisible();
  expect(readFileSync(join(ftp.root, 'ascii.txt'), 'utf8')).toBe('line one\nline two\n');
  await transcript.expectLine(/^TYPE A$/);

  // Auto: the text goes ASCII, the photo binary.
  await type.selectOption('auto');
  await files.uploadViaButton([file('auto.txt', windowsText), file('photo.jpg', 'JFIF\r\n\r\nbytes')]);
  await expect(transferRow(page, 'photo.jpg')).toContainText(/Verified|Done/);
  await expect(transferRow(page, 'auto.txt')).toContainText('Done');
  expect(readFileSync(join(ftp.root, 'auto.txt'), 'utf8')).toBe('line one\nline two\n');
  expect(readFileSync(join(ftp.root, 'photo.jpg'), 'utf8')).toBe('JFIF\r\n\r\nbytes');
  await shot(page, '16-transfer-type');

  // The setting survives a reload.
  await page.reload();
  await expect(page.getByLabel('Transfer type')).toHaveValue('auto');
});
