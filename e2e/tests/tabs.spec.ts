/**
 * Several sites open at once: each site tab is its own session (own
 * WebSocket, store, transfers, transcript). An upload keeps running in a
 * background tab; each tab's changes land on its own server's disk.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree, startFtpServer } from '@ftpdeck/test-servers';
import { connectTo, openDialog, shot } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test('two sites in two tabs, an upload running in the background', async ({ page, ftp, connectPage, files, transcript }) => {
  const other = await startFtpServer('pyftpdlib');
  try {
    await seedTree(other, [{ path: 'site-b-only/index.html', content: '<h1>B</h1>\n' }]);
    const tabs = page.getByRole('tablist', { name: 'Sites' });
    const tab = (name: string | RegExp) => tabs.getByRole('tab', { name });

    // Tab 1: site A.
    await connectTo(page, connectPage, files, ftp);
    await expect(tab(`${ftp.user}@127.0.0.1:${ftp.port}`)).toHaveAttribute('aria-selected', 'true');

    // A large upload starts in tab 1…
    const payload = randomBytes(48 * 1024 * 1024);
    await files.uploadViaButton([{ name: 'large.bin', mimeType: 'application/octet-stream', buffer: payload }]);

    // …and a new tab opens on an empty connect form, its own session.
    await page.getByRole('button', { name: 'New tab' }).click();
    await expect(tab('New site')).toHaveAttribute('aria-selected', 'true');
    await expect(files.grid).toHaveCount(0);
    await connectPage.connect({ host: other.host, port: other.port, user: other.user, password: other.password });
    await files.expectEntries(['site-b-only']);
    await expect(files.row('readme.txt')).toHaveCount(0);
    await expect(tab(`${other.user}@127.0.0.1:${other.port}`)).toHaveAttribute('aria-selected', 'true');
    await transcript.expectLine(/^230/);
    // The tab names the site; the top bar says the state, with the address in its tooltip, not again.
    const status = page.locator('header.topbar').getByRole('status');
    await expect(status).toHaveText('Connected');
    await expect(status).toHaveAttribute('title', `Connected to ${other.user}@127.0.0.1:${other.port}`);
    // pyftpdlib leaves MLSD's unix.mode fact off until asked; the engine asks (OPTS MLST), so the
    // column shows the real Unix mode rather than the perm letters (eldfmMTcp).
    const perms = files.row('site-b-only').locator('.fl-perms');
    await expect(perms).toHaveText(/^[r-][w-][x-][r-][w-][x-][r-][w-][x-]$/);
    await shot(page, '40-tabs');

    // A folder made in tab 2 exists on server B only.
    await page.getByRole('button', { name: 'New folder' }).click();
    await openDialog(page).getByLabel('Folder name').fill('made-in-tab-2');
    await openDialog(page).getByRole('button', { name: 'Create' }).click();
    await files.expectEntries(['made-in-tab-2']);
    expect(statSync(join(other.root, 'made-in-tab-2')).isDirectory()).toBe(true);
    expect(existsSync(join(ftp.root, 'made-in-tab-2'))).toBe(false);

    // Back in tab 1: its listing, its transfers; the upload finished while the tab was in the background.
    await tab(`${ftp.user}@127.0.0.1:${ftp.port}`).click();
    await files.expectEntries(['docs', 'readme.txt']);
    await expect.poll(() => (existsSync(join(ftp.root, 'large.bin')) ? readFileSync(join(ftp.root, 'large.bin')).equals(payload) : false), { timeout: 30_000 }).toBe(true);
    await files.expectEntries(['large.bin']);
    expect(existsSync(join(other.root, 'large.bin'))).toBe(false);

    // Closing tab 2 (Delete on the focused tab; the mouse's × is hidden from the accessibility tree) leaves tab 1 alone.
    await tab(`${other.user}@127.0.0.1:${other.port}`).focus();
    await page.keyboard.press('Delete');
    await expect(tabs.getByRole('tab')).toHaveCount(1);
    await files.expectEntries(['docs', 'readme.txt', 'large.bin']);
  } finally {
    await other.stop();
  }
});

test('many tabs: they narrow to fit, and New tab stays in reach', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 600 });
  await page.goto('/');
  const tabs = page.getByRole('tablist', { name: 'Sites' });
  const newTab = page.getByRole('button', { name: 'New tab' });
  for (let i = 0; i < 11; i++) await newTab.click();
  await expect(tabs.getByRole('tab')).toHaveCount(12);
  // Past what fits even narrowed, the strip scrolls, and the button stays at its right edge.
  await expect(newTab).toBeInViewport({ ratio: 1 });
  await newTab.click();
  await expect(tabs.getByRole('tab')).toHaveCount(13);
  const last = tabs.getByRole('tab').last();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toBeInViewport();
  // …and clear of the New tab button that floats over the strip's end.
  const [tabBox, buttonBox] = await Promise.all([last.boundingBox(), newTab.boundingBox()]);
  expect((tabBox?.x ?? Infinity) + (tabBox?.width ?? 0)).toBeLessThanOrEqual(buttonBox?.x ?? 0);
  // No tab is cut: the strip is as tall as its tallest tab (the scrollbar goes below, not over).
  const [strip, tab] = await Promise.all([tabs.evaluate((e) => e.clientHeight), last.evaluate((e) => e.parentElement?.offsetHeight ?? 0)]);
  expect(strip).toBeGreaterThanOrEqual(tab);
});
