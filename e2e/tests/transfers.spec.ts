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
 * vsftpd paces each data connection to this many bytes per second, so an
 * upload is still running when the test clicks Pause or Cancel however fast
 * this machine is. Pause has less room than the file's 16 s: its button goes
 * once the browser has sent every byte, and the browser runs ahead of the
 * disk by the relay's credit window (8 MiB) plus the loopback buffers (3-4
 * MiB), so about 10 s after the first bytes land. Racing an unpaced upload
 * once let a whole 200 MB file finish before its Cancel, and SIGSTOP to the
 * server's process group misses vsftpd's sessions, which call setsid().
 */
const RATE = 2 * MiB;
const BIG_MIB = 32;

/** Resolves once `path` has its first bytes on the FTP server's disk. */
async function firstBytes(path: string): Promise<void> {
  await expect.poll(() => sizeOnDisk(path), { intervals: [5], timeout: 30_000 }).toBeGreaterThan(0);
}

test.use({ ftpOptions: { maxRate: RATE } });

test('large upload: progress, pause, resume, cancel, verified', async ({ page, ftp, connectPage, files }) => {
  test.setTimeout(180_000);
  const local = mkdtempSync(join(tmpdir(), 'ftpdeck-big-'));
  try {
    // Random throughout, so a resume from any wrong offset could not match by chance. (It used to
    // repeat one 1 MiB block, reversed in place, so every block was the same.)
    const big = join(local, 'video.mkv');
    const other = join(local, 'backup.tar');
    writeFileSync(big, randomBytes(BIG_MIB * MiB));
    writeFileSync(other, randomBytes(BIG_MIB * MiB));
    const total = statSync(big).size;
    await connectTo(page, connectPage, files, ftp);

    const path = join(ftp.root, 'video.mkv');
    await page.getByLabel('Upload files').setInputFiles(big);
    const row = transferRow(page, 'video.mkv');
    await firstBytes(path);
    // Both legs while it runs: what left the browser and what reached the FTP server; the header totals it.
    await expect(row).toContainText(/sent · .* of 32\.0 MB written/);
    await expect(transfersPanel(page).getByRole('progressbar', { name: 'Overall progress' })).toBeVisible();
    await shot(page, '30-transfers-in-progress');
    // Pause: the browser stops sending and cancels the STOR; the server keeps what it got.
    await row.getByRole('button', { name: 'Pause transfer' }).click();
    await expect(row).toContainText(/Paused at .* of 32\.0 MB/);
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
    await page.getByLabel('Upload files').setInputFiles(other);
    const otherRow = transferRow(page, 'backup.tar');
    await firstBytes(join(ftp.root, 'backup.tar'));
    await expect.poll(async () => Number(await otherRow.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await otherRow.getByRole('button', { name: 'Cancel transfer' }).click();
    await expect(otherRow).toContainText('Cancelled');
    await page.waitForTimeout(500);
    expect(sizeOnDisk(join(ftp.root, 'backup.tar'))).toBeLessThan(BIG_MIB * MiB);
  } finally {
    rmSync(local, { recursive: true, force: true });
  }
});
