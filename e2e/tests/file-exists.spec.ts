/**
 * The "file exists" dialog: overwrite, resume a partial remote file, upload
 * under another name, skip, and "apply to all" for the rest of a batch.
 * Every outcome is read back from the server's disk.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, openDialog, shot, transferRow } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const file = (name: string, data: Buffer | string) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(data) });

test('overwrite, rename and skip', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: 'report.txt', content: 'old report\n' },
    { path: 'photo.jpg', content: 'original photo' },
    { path: 'keep.txt', content: 'keep me\n' },
  ]);
  await connectTo(page, connectPage, files, ftp, ['report.txt', 'photo.jpg', 'keep.txt']);
  const dialog = openDialog(page);

  // Overwrite.
  await files.uploadViaButton([file('report.txt', 'new report, longer than before\n')]);
  await expect(dialog).toContainText('“report.txt” already exists');
  await expect(dialog).toContainText('11 B'); // the server's size
  await shot(page, '10-file-exists');
  // The server's file is shorter than ours, so resume is offered here too; choose overwrite.
  await dialog.getByRole('button', { name: 'Overwrite', exact: true }).click();
  await expect.poll(() => readFileSync(join(ftp.root, 'report.txt'), 'utf8')).toBe('new report, longer than before\n');

  // Rename: the suggestion is "photo (1).jpg" and it is editable.
  await files.uploadViaButton([file('photo.jpg', 'second photo')]);
  const name = dialog.getByLabel('New name');
  await expect(name).toHaveValue('photo (1).jpg');
  await name.fill('photo-copy.jpg');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect.poll(() => existsSync(join(ftp.root, 'photo-copy.jpg'))).toBe(true);
  await expect.poll(() => readFileSync(join(ftp.root, 'photo-copy.jpg'), 'utf8')).toBe('second photo');
  expect(readFileSync(join(ftp.root, 'photo.jpg'), 'utf8')).toBe('original photo');
  await files.expectEntries(['photo-copy.jpg']);

  // Skip: nothing changes on disk; the transfer says so.
  await files.uploadViaButton([file('keep.txt', 'should never arrive\n')]);
  await expect(dialog.getByRole('button', { name: 'Resume' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Skip' }).click();
  await expect(page.getByText('Skipped: the name exists')).toBeVisible();
  expect(readFileSync(join(ftp.root, 'keep.txt'), 'utf8')).toBe('keep me\n');
});

test('resume a partial remote file', async ({ page, ftp, connectPage, files, transcript }) => {
  const payload = randomBytes(700 * 1024 + 3);
  const partial = payload.subarray(0, 256 * 1024 + 11);
  await seedTree(ftp, [{ path: 'docs/big.bin', content: partial }]);
  await connectTo(page, connectPage, files, ftp);
  await files.open('docs');
  await files.expectEntries(['big.bin']);
  await files.uploadViaButton([file('big.bin', payload)]);
  const dialog = openDialog(page);
  await expect(dialog).toContainText('Resume keeps the 256 KB');
  await dialog.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => readFileSync(join(ftp.root, 'docs/big.bin')).equals(payload), { timeout: 20_000 }).toBe(true);
  // Only the missing part crossed the data connection: the upload continued at the server's size.
  await transcript.expectLine(new RegExp(`^(REST ${partial.length}|APPE )`));
  await expect(transferRow(page, 'big.bin')).toContainText('verified');
});

test('apply to all: one answer for the whole batch', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: 'a.txt', content: 'old a' },
    { path: 'b.txt', content: 'old b' },
    { path: 'c.txt', content: 'old c' },
  ]);
  await connectTo(page, connectPage, files, ftp, ['a.txt', 'b.txt', 'c.txt']);
  await files.uploadViaButton([file('a.txt', 'new a'), file('b.txt', 'new b'), file('c.txt', 'new c'), file('d.txt', 'new d')]);
  const dialog = openDialog(page);
  const all = dialog.getByLabel(/Do the same for the 3 other files/);
  await all.check();
  await dialog.getByRole('button', { name: 'Overwrite', exact: true }).click();
  for (const n of ['a', 'b', 'c', 'd']) {
    await expect.poll(() => (existsSync(join(ftp.root, `${n}.txt`)) ? readFileSync(join(ftp.root, `${n}.txt`), 'utf8') : '')).toBe(`new ${n}`);
  }
  // No second question was asked.
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('4 done', { exact: true })).toBeVisible();
});

test('overwrite only the files whose size differs, or that are newer, for the rest of the batch', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: 'same.txt', content: 'same!' },
    { path: 'grew.txt', content: 'abc' },
    { path: 'stale.txt', content: 'stale' },
    { path: 'future.txt', content: 'future' },
  ]);
  const onDisk = (name: string) => readFileSync(join(ftp.root, name), 'utf8');
  // The server's copies: one older than anything uploaded now, one dated in the future.
  utimesSync(join(ftp.root, 'stale.txt'), new Date('2001-01-01T00:00:00Z'), new Date('2001-01-01T00:00:00Z'));
  utimesSync(join(ftp.root, 'future.txt'), new Date('2099-01-01T00:00:00Z'), new Date('2099-01-01T00:00:00Z'));
  await connectTo(page, connectPage, files, ftp, ['same.txt', 'grew.txt', 'stale.txt', 'future.txt']);
  const dialog = openDialog(page);

  // Size: the first file's answer decides it (same size: skipped) and the next (longer: overwritten).
  await files.uploadViaButton([file('same.txt', 'SAME!'), file('grew.txt', 'abcdef')]);
  const policies = dialog.getByRole('group', { name: 'Overwrite by comparing' });
  await expect(policies).toContainText('For this file and the 1 other in this upload:');
  await shot(page, '11-file-exists-policies');
  await policies.getByRole('button', { name: 'Overwrite if size differs' }).click();
  await expect.poll(() => onDisk('grew.txt')).toBe('abcdef');
  expect(onDisk('same.txt')).toBe('same!');
  await expect(dialog).toHaveCount(0);

  // Date: files picked now are newer than 2001, not than 2099.
  await files.uploadViaButton([file('stale.txt', 'fresh'), file('future.txt', 'mine')]);
  await policies.getByRole('button', { name: 'Overwrite if newer' }).click();
  await expect.poll(() => onDisk('stale.txt')).toBe('fresh');
  expect(onDisk('future.txt')).toBe('future');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Skipped: the name exists')).toHaveCount(2);
});
