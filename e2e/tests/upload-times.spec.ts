/**
 * "Keep file times": with the box ticked, an uploaded file gets its own
 * modification time on the server (read back from the server's disk), not
 * the time of the upload; the setting survives a reload. Unticked, the
 * server's file has the time of its upload.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectTo, transferRow } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const LOCAL_TIME = new Date('2019-03-04T05:06:07Z');

test('an upload keeps its file time when asked to, and the choice is remembered', async ({ page, ftp, connectPage, files }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ftpdeck-times-'));
  try {
    const local = join(dir, 'minutes.txt');
    writeFileSync(local, 'minutes of the meeting\n');
    utimesSync(local, LOCAL_TIME, LOCAL_TIME);
    const copy = join(dir, 'agenda.txt');
    writeFileSync(copy, 'agenda\n');
    utimesSync(copy, LOCAL_TIME, LOCAL_TIME);
    await connectTo(page, connectPage, files, ftp, ['docs', 'readme.txt']);

    // Off by default: the server's file has the time of the upload.
    const keep = page.getByRole('checkbox', { name: 'Keep file times', exact: true });
    await expect(keep).not.toBeChecked();
    const before = Date.now() - 60_000;
    let chooser = page.waitForEvent('filechooser');
    await files.uploadButton.click();
    await (await chooser).setFiles(copy);
    await expect(transferRow(page, 'agenda.txt')).toContainText('Done', { timeout: 20_000 });
    expect(statSync(join(ftp.root, 'agenda.txt')).mtime.getTime()).toBeGreaterThan(before);

    await keep.check();
    chooser = page.waitForEvent('filechooser');
    await files.uploadButton.click();
    await (await chooser).setFiles(local);
    await expect(transferRow(page, 'minutes.txt')).toContainText('Done', { timeout: 20_000 });
    const onServer = join(ftp.root, 'minutes.txt');
    expect(readFileSync(onServer).equals(readFileSync(local))).toBe(true);
    expect(statSync(onServer).mtime.toISOString()).toBe(LOCAL_TIME.toISOString());
    // The file list shows the server's new time too.
    await expect(files.row('minutes.txt')).toContainText('2019');
    await page.screenshot({ path: '../artifacts/screenshots/upload-times.png' });

    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Keep file times', exact: true })).toBeChecked();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
