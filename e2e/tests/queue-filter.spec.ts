/**
 * The transfers panel's counts as filters, in an 800 x 700 window, where the
 * panel holds about one row: after a drop whose files mostly went through,
 * "3 failed" lists the three that did not, so each row's Retry is in view
 * without scrolling past the finished ones. A retried row leaves that list;
 * when the last one has gone through, the panel lists every row again.
 */
import { chmodSync, chownSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectTo, shot, transferRow, transfersPanel } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test.use({ viewport: { width: 800, height: 700 } });

const GOOD = ['a1.txt', 'a2.txt', 'a3.txt', 'a4.txt', 'a5.txt', 'a6.txt'];
const BAD = ['b1.txt', 'b2.txt', 'b3.txt'];
const body = (name: string) => Buffer.from(`contents of ${name}\n`);
const asFiles = (names: string[]) => names.map((name) => ({ name, mimeType: 'text/plain', buffer: body(name) }));

test('a count lists only its rows, and every row again once they have all moved on', async ({ page, ftp, connectPage, files }) => {
  // A folder the FTP user may list but not write: every STOR into it gets a real 553.
  const locked = join(ftp.root, 'locked');
  mkdirSync(locked);
  chownSync(locked, ftp.fsOwner.uid, ftp.fsOwner.gid);
  chmodSync(locked, 0o555);
  await connectTo(page, connectPage, files, ftp, ['docs', 'locked']);
  const panel = transfersPanel(page);
  const list = panel.getByRole('list', { name: 'Transfers' });

  // The good files first, so the failed rows come last, below the panel's fold.
  await files.open('docs');
  await expect(files.pathNav).toContainText('docs');
  await files.uploadViaButton(asFiles(GOOD));
  await expect(panel.getByRole('button', { name: '6 done', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Parent folder' }).click();
  await files.open('locked');
  await expect(files.pathNav).toContainText('locked');
  await files.uploadViaButton(asFiles(BAD));
  await expect(panel.getByRole('button', { name: '3 failed', exact: true })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(9);
  await expect(transferRow(page, 'b1.txt')).not.toBeInViewport();

  const failed = panel.getByRole('button', { name: '3 failed', exact: true });
  await expect(failed).toHaveAttribute('aria-pressed', 'false');
  await failed.click();
  await expect(failed).toHaveAttribute('aria-pressed', 'true');
  await expect(list.getByRole('listitem')).toHaveCount(3);
  for (const name of BAD) await expect(transferRow(page, name)).toHaveCount(1);
  // The first failed row's Retry is on screen as the list opens, with nothing over it.
  const firstRetry = transferRow(page, 'b1.txt').getByRole('button', { name: 'Retry transfer' });
  await expect(firstRetry).toBeInViewport();
  await firstRetry.click({ trial: true });
  await shot(page, 'queue-filter-failed');

  // One retried row goes through and leaves the failed list; the others stay.
  chmodSync(locked, 0o755);
  await firstRetry.click();
  await expect(panel.getByRole('button', { name: '2 failed', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(panel.getByRole('button', { name: '7 done', exact: true })).toBeVisible();

  // The rest retried: no failed row is left. The pressed count stays at 0 and the list says so.
  await panel.getByRole('button', { name: 'Retry failed' }).click();
  await expect(panel.getByRole('button', { name: '9 done', exact: true })).toBeVisible();
  await expect(panel.getByRole('button', { name: '0 failed', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByText(/^None left here/)).toBeVisible();
  await expect(list).toBeHidden();
  for (const name of BAD) expect(readFileSync(join(locked, name))).toEqual(body(name));
  for (const name of GOOD) expect(readFileSync(join(ftp.root, 'docs', name))).toEqual(body(name));
  await panel.getByRole('button', { name: 'Show all 9' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(9);
  // The focus had nowhere to stay (the 0 count went too): the panel's title button has it.
  await expect(panel.getByRole('button', { name: 'Transfers' })).toBeFocused();

  // The full list keeps its place: scrolled down, filtered, and back, it is where it was.
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const bottom = await list.evaluate((el) => el.scrollTop);
  expect(bottom).toBeGreaterThan(0);
  const done = panel.getByRole('button', { name: '9 done', exact: true });
  await done.click();
  await expect(done).toHaveAttribute('aria-pressed', 'true');
  await done.click();
  await expect(done).toHaveAttribute('aria-pressed', 'false');
  await expect(done).toBeFocused();
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(bottom);
});
