/**
 * Downloads: one file through the browser's download manager, and a ZIP of
 * a folder plus a file whose every entry is compared with the server's disk;
 * and a download that fails, which its row in the transfers panel explains
 * while the app stays where it was, and whose Retry downloads it again. On
 * a server that hashes, the row says the server's checksum matched what
 * the browser received.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, transferRow, transfersPanel } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

/** Every file entry of a ZIP, read by Python's zipfile (an independent implementation). */
function unzip(path: string): Record<string, Buffer> {
  const script = [
    'import base64, json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'bad = z.testzip()',
    'assert bad is None, bad',
    'print(json.dumps({i.filename: base64.b64encode(z.read(i)).decode() for i in z.infolist() if not i.is_dir()}))',
  ].join('\n');
  const out = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as Record<string, string>;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

test('download one file, then a ZIP of a folder and a file', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: 'photo.raw', content: randomBytes(1024 * 1024 + 77) },
    { path: 'docs/notes/deep/data.bin', content: randomBytes(200_000) },
  ]);
  await connectTo(page, connectPage, files, ftp, ['docs', 'photo.raw', 'readme.txt']);

  // One file: the browser downloads exactly the bytes on the server's disk.
  await files.row('photo.raw').click();
  const single = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const download = await single;
  expect(download.suggestedFilename()).toBe('photo.raw');
  const singlePath = await download.path();
  expect(readFileSync(singlePath).equals(readFileSync(join(ftp.root, 'photo.raw')))).toBe(true);

  // A folder and a file: a ZIP whose entries equal the disk, byte for byte.
  await files.row('docs').click();
  await files.row('readme.txt').click({ modifiers: ['Control'] });
  await expect(files.row('docs')).toHaveAttribute('aria-selected', 'true');
  await expect(files.row('readme.txt')).toHaveAttribute('aria-selected', 'true');
  const zipped = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const zip = await zipped;
  expect(zip.suggestedFilename()).toMatch(/\.zip$/);
  const entries = unzip(await zip.path());
  const expected = ['docs/guide.txt', 'docs/notes/todo.txt', 'docs/notes/deep/data.bin', 'readme.txt'];
  expect(Object.keys(entries).sort()).toEqual([...expected].sort());
  for (const name of expected) expect(entries[name]?.equals(readFileSync(join(ftp.root, name))), name).toBe(true);

  // The transcript tells the ZIP as one action, holding its walk and every RETR, on one connection.
  const log = page.getByRole('log', { name: 'Transcript' });
  const group = log.getByRole('group', { name: 'Download 2 items as a ZIP' });
  await expect(group.locator('.tp-text', { hasText: 'RETR /docs/notes/deep/data.bin' })).toBeVisible();
  const texts = await group.locator('.tp-text').allInnerTexts();
  for (const name of expected) expect(texts, texts.join(' | ')).toContain(`RETR /${name}`);
  await expect(log.getByRole('group', { name: 'Download docs' })).toHaveCount(0);
});

test('a download that fails says why in the app, which stays where it was; its Retry gets the file', async ({ page, ftp, connectPage, files }) => {
  const content = randomBytes(1000);
  await seedTree(ftp, [{ path: 'gone.bin', content }]);
  await connectTo(page, connectPage, files, ftp, ['docs', 'gone.bin', 'readme.txt']);
  // Removed behind the listing's back: the link's first lookup finds nothing.
  rmSync(join(ftp.root, 'gone.bin'));
  await files.row('gone.bin').click();
  const started = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const download = await started;
  expect(await download.failure()).not.toBeNull();
  // Its row in the transfers panel says why: one place for every download's outcome, no toast.
  await expect(transferRow(page, 'gone.bin')).toContainText('Failed: The file or folder no longer exists');
  await expect(page.getByRole('region', { name: 'Notifications' })).not.toContainText('gone.bin');
  // Still the app, in the same folder, not a page of JSON.
  await expect(files.row('readme.txt')).toBeVisible();
  expect(new URL(page.url()).pathname).not.toContain('/api/download');

  // The file is back: the row's Retry downloads it again, in the same row.
  await seedTree(ftp, [{ path: 'gone.bin', content }]);
  const again = page.waitForEvent('download');
  await transferRow(page, 'gone.bin').getByRole('button', { name: 'Retry transfer' }).click();
  const retried = await again;
  expect(await retried.failure()).toBeNull();
  expect(readFileSync(await retried.path()).equals(content)).toBe(true);
  await expect(transferRow(page, 'gone.bin')).toContainText('Downloaded');
  await expect(transfersPanel(page).getByRole('listitem')).toHaveCount(1);
});

test.describe('on a server that hashes (ProFTPD with mod_digest)', () => {
  test.use({ ftpKind: 'proftpd', ftpOptions: { digest: true } });

  test("a download says the server's MD5 matched what the browser received", async ({ page, ftp, connectPage, files }) => {
    const content = randomBytes(3 * 1024 * 1024 + 5);
    await seedTree(ftp, [{ path: 'report.pdf', content }]);
    await connectTo(page, connectPage, files, ftp, ['docs', 'readme.txt', 'report.pdf']);
    await files.row('report.pdf').click();
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    expect(readFileSync(await (await saved).path()).equals(content)).toBe(true);
    await expect(transferRow(page, 'report.pdf')).toContainText('Downloaded · 3.0 MB · MD5 verified', { timeout: 20_000 });
    await page.screenshot({ path: '../artifacts/screenshots/download-verified.png' });
  });
});
