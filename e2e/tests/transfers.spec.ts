/**
 * The transfers panel on a large upload: both legs and the overall progress
 * while it runs (screenshot mid-way), pause and resume (the file on disk
 * ends identical to the source), cancel, and "verified" at the end.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectTo, shot, transferRow, transfersPanel } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const MiB = 1024 * 1024;

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

function sizeOnDisk(path: string): number {
  return existsSync(path) ? statSync(path).size : -1;
}

/**
 * Freezes the FTP server (SIGSTOP to its process group) as soon as `path`
 * has its first bytes on disk, checking every 2 ms: an upload is then caught
 * mid-way however fast this machine is. Waiting for the page's progress bar
 * instead (events at most 10 a second, drawn in batches) once let a whole
 * 200 MB upload finish first, and its Cancel had nothing left to stop.
 */
async function freezeOnFirstBytes(path: string, pid: number): Promise<void> {
  const until = Date.now() + 30_000;
  while (sizeOnDisk(path) <= 0) {
    if (Date.now() > until) throw new Error(`${path} got no bytes within 30 s`);
    await new Promise((r) => setTimeout(r, 2));
  }
  process.kill(-pid, 'SIGSTOP');
}

test('large upload: progress, pause, resume, cancel, verified', async ({ page, ftp, connectPage, files }) => {
  test.setTimeout(180_000);
  const local = mkdtempSync(join(tmpdir(), 'ftpdeck-big-'));
  try {
    // Random content in 1 MiB blocks, so a resume from the wrong offset could not match by chance.
    const big = join(local, 'video.mkv');
    const other = join(local, 'backup.tar');
    const block = randomBytes(MiB);
    writeFileSync(big, Buffer.concat(Array.from({ length: 400 }, (_, i) => (i % 2 ? block : block.reverse()))));
    writeFileSync(other, randomBytes(200 * MiB));
    const total = statSync(big).size;
    await connectTo(page, connectPage, files, ftp);

    const path = join(ftp.root, 'video.mkv');
    const frozen = freezeOnFirstBytes(path, ftp.pid);
    await page.getByLabel('Upload files').setInputFiles(big);
    const row = transferRow(page, 'video.mkv');
    // The FTP server is frozen mid-upload: the relay's credit window then holds the browser back too.
    await frozen;
    try {
      // Both legs while it runs: what left the browser and what reached the FTP server; the header totals it.
      await expect(row).toContainText(/sent · .* of 400 MB written/);
      await expect(transfersPanel(page).getByRole('progressbar', { name: 'Overall progress' })).toBeVisible();
      await shot(page, '30-transfers-in-progress');
      // Pause: the browser stops sending and cancels the STOR; the server keeps what it got.
      await row.getByRole('button', { name: 'Pause transfer' }).click();
      await expect(row).toContainText(/Paused at .* of 400 MB/);
    } finally {
      process.kill(-ftp.pid, 'SIGCONT');
    }
    await expect(transfersPanel(page)).toContainText('1 paused');
    await expect.poll(() => sizeOnDisk(path)).toBeGreaterThan(0);
    // The part the server kept is listed at once (nothing else re-listed the folder since connecting).
    await expect(files.row('video.mkv')).toBeVisible();
    // Nothing moves while paused.
    let kept = -2;
    await expect
      .poll(async () => {
        const before = sizeOnDisk(path);
        await new Promise((r) => setTimeout(r, 400));
        const stable = before === sizeOnDisk(path) && before === kept;
        kept = before;
        return stable;
      })
      .toBe(true);
    expect(kept).toBeLessThan(total);
    // The user's pause is not an error: the abort it causes reads as a neutral status line.
    const stopped = page.getByRole('log', { name: 'Transcript' }).locator('.tp-line', { hasText: 'Transfer stopped, as you asked' });
    await expect(stopped).toHaveCount(1);
    await expect(stopped).toHaveClass(/kind-status/);
    await expect(page.getByRole('log', { name: 'Transcript' }).locator('.tp-line.kind-error')).toHaveCount(0);
    await shot(page, '31-transfers-paused');

    // Resume continues from what the server holds and ends identical to the source.
    await row.getByRole('button', { name: 'Resume transfer' }).click();
    await expect(row).toContainText(/verified/, { timeout: 120_000 });
    expect(await sha256(path)).toBe(await sha256(big));
    await shot(page, '32-transfers-done');

    // Cancel: the second upload stops and says so; the server never gets the whole file.
    const otherFrozen = freezeOnFirstBytes(join(ftp.root, 'backup.tar'), ftp.pid);
    await page.getByLabel('Upload files').setInputFiles(other);
    const otherRow = transferRow(page, 'backup.tar');
    await otherFrozen;
    try {
      await expect.poll(async () => Number(await otherRow.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeGreaterThan(0);
      await otherRow.getByRole('button', { name: 'Cancel transfer' }).click();
      await expect(otherRow).toContainText('Cancelled');
    } finally {
      process.kill(-ftp.pid, 'SIGCONT');
    }
    await expect.poll(() => sizeOnDisk(join(ftp.root, 'backup.tar'))).toBeGreaterThanOrEqual(0);
    await page.waitForTimeout(500);
    expect(sizeOnDisk(join(ftp.root, 'backup.tar'))).toBeLessThan(200 * MiB);
  } finally {
    rmSync(local, { recursive: true, force: true });
  }
});
