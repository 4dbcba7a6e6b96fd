/**
 * A drop of hundreds of files (Review 23): the transfers panel renders only
 * the rows in view, every file arrives, and a queue of only skipped files
 * still says what happened.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectTo, transfersPanel } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const COUNT = 300;
const files300 = Array.from({ length: COUNT }, (_, i) => ({ name: `f${String(i).padStart(3, '0')}.txt`, content: `file ${i}\n` }));

test('hundreds of dropped files: a windowed panel, every file on disk, and skips counted', async ({ page, ftp, connectPage, files }) => {
  // 300 uploads took 30-60 s here before the folder was re-listed at most once a second (now about 15 s);
  // the limit leaves room beside another test on two cores.
  test.setTimeout(180_000);
  await connectTo(page, connectPage, files, ftp);
  await files.open('docs');
  await files.expectEntries(['guide.txt']);
  const panel = transfersPanel(page);

  await files.dropFiles(files300);
  await expect(panel.getByText(`${COUNT} done`, { exact: true })).toBeVisible({ timeout: 150_000 });
  // Only the rows in the panel's view (plus a few either side) are in the DOM.
  expect(await panel.locator('li.tq-item').count()).toBeLessThan(60);
  const names = readdirSync(join(ftp.root, 'docs')).filter((n) => n.startsWith('f'));
  expect(names).toHaveLength(COUNT);
  for (const { name, content } of [files300[0]!, files300[COUNT - 1]!]) expect(readFileSync(join(ftp.root, 'docs', name), 'utf8')).toBe(content);

  // The same files again, skipped all at once: the header counts them.
  await panel.getByRole('button', { name: 'Clear finished' }).click();
  await files.dropFiles(files300.slice(0, 5));
  const dialog = page.getByRole('alertdialog');
  await dialog.getByLabel(/Do the same for the 4 other files/).check();
  await dialog.getByRole('button', { name: 'Skip' }).click();
  await expect(panel.getByText('5 skipped or cancelled', { exact: true })).toBeVisible();
});
