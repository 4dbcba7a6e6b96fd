/**
 * A browser set to block site data ("Block all cookies" in Chromium, some
 * enterprise policies) throws a SecurityError on every touch of
 * localStorage and sessionStorage. The app must still start and work; it
 * only remembers nothing (no last site, no session across a reload, no
 * finished rows).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectTo, transfersPanel } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test('with site storage blocked, the app starts, connects, uploads and downloads', async ({ page, ftp, connectPage, files }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    for (const name of ['localStorage', 'sessionStorage'] as const) {
      Object.defineProperty(window, name, {
        configurable: true,
        get() {
          throw new DOMException(`Access to '${name}' is denied for this document.`, 'SecurityError');
        },
      });
    }
  });
  await connectTo(page, connectPage, files, ftp);
  await files.open('docs');
  await expect(files.pathNav).toContainText('docs');
  await files.uploadViaButton([{ name: 'kept.txt', mimeType: 'text/plain', buffer: Buffer.from('stored without storage\n') }]);
  await expect(transfersPanel(page).getByRole('button', { name: '1 done', exact: true })).toBeVisible();
  expect(readFileSync(join(ftp.root, 'docs', 'kept.txt'), 'utf8')).toBe('stored without storage\n');
  await files.row('kept.txt').click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  expect(readFileSync((await (await download).path()) as string, 'utf8')).toBe('stored without storage\n');
  expect(errors).toEqual([]);
});
