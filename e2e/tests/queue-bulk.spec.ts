/**
 * The transfers panel's bulk buttons and the toasts beside it: uploads the
 * server refuses (a folder the FTP user cannot write) fail one by one, their
 * error toasts fold after three and never cover a row's Retry, and one
 * "Retry failed" sends them all again once the folder is writable; "Clear
 * finished" empties the panel.
 */
import { chmodSync, chownSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectTo, shot, transferRow, transfersPanel } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const NAMES = ['one.txt', 'two.txt', 'three.txt', 'four.txt'];
const body = (name: string) => Buffer.from(`contents of ${name}\n`);

test('failed uploads: toasts stay clear of Retry, and Retry failed sends them all', async ({ page, ftp, connectPage, files }) => {
  // A folder the FTP user may list but not write: every STOR into it gets a real 553.
  const locked = join(ftp.root, 'locked');
  mkdirSync(locked);
  chownSync(locked, ftp.fsOwner.uid, ftp.fsOwner.gid);
  chmodSync(locked, 0o555);
  await connectTo(page, connectPage, files, ftp, ['docs', 'locked']);
  await files.open('locked');
  await expect(files.pathNav).toContainText('locked');

  await files.uploadViaButton(NAMES.map((name) => ({ name, mimeType: 'text/plain', buffer: body(name) })));
  const panel = transfersPanel(page);
  await expect(panel.getByText('4 failed', { exact: true })).toBeVisible();

  // Four error toasts: the newest three show, the oldest folds into one line.
  const region = page.getByRole('region', { name: 'Notifications' });
  await expect(region.getByRole('alert')).toHaveCount(3);
  await expect(region.getByText('1 earlier notification')).toBeVisible();
  await shot(page, 'queue-bulk-failed-toasts');

  // Every row's Retry is the element under its own centre, not a toast over it.
  for (const name of NAMES) {
    const retry = transferRow(page, name).getByRole('button', { name: 'Retry transfer' });
    await expect(retry).toBeVisible();
    const hit = await retry.evaluate((button) => {
      const r = button.getBoundingClientRect();
      const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return top === button || button.contains(top);
    });
    expect(hit, `Retry of ${name} is reachable`).toBe(true);
    // Playwright's own actionability check: nothing would intercept the click.
    await retry.click({ trial: true });
  }

  // The folder becomes writable; one click retries all four, each as its own Retry would.
  chmodSync(locked, 0o755);
  await panel.getByRole('button', { name: 'Retry failed' }).click();
  await expect(panel.getByText('4 done', { exact: true })).toBeVisible();
  for (const name of NAMES) expect(readFileSync(join(locked, name))).toEqual(body(name));
  await expect(panel.getByRole('button', { name: 'Retry failed' })).toBeDisabled();

  // The failures' toasts went with the retry: the rows say how it went.
  await expect(region.getByRole('alert')).toHaveCount(0);
  await expect(region.getByText('1 earlier notification')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Clear finished' }).click();
  await expect(panel.getByText('No transfers yet')).toBeVisible();
});
