/**
 * FTP Deck on a phone held upright (390 × 844, an iPhone 12 to 15): the whole
 * journey, from the connect form to closing the session, without the page
 * ever scrolling sideways, and with every control it needs on screen and
 * clickable. Below 640 px the app is one column that scrolls down (files,
 * then the side panel), the transfers panel sticks to the bottom edge, the
 * bars wrap and the file list keeps name, size and date. On its side (844 ×
 * 390) the app scrolls down too, with the wide window's bars and columns.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, expectReachableWithin, shot, transferRow, transfersPanel } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const WIDTH = 390;
const MiB = 1024 * 1024;
test.use({ viewport: { width: WIDTH, height: 844 } });

/** A name far wider than a phone: it may be cut on screen, never lost. */
const LONG_NAME = 'quarterly-report-of-the-northern-region-final-version-2026.txt';

/**
 * Neither the document nor the tab's app (the scroller on a phone) is wider
 * than the window. Only the app on screen counts: a hidden site tab has no boxes.
 */
async function expectNoSidewaysScroll(page: Page, stage: string): Promise<void> {
  const wider = await page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll<HTMLElement>('.app')).filter((el) => el.getClientRects().length > 0);
    return [document.documentElement, ...shown]
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
  });
  expect(wider, `${stage}: nothing scrolls sideways`).toEqual([]);
}

/**
 * Presses Tab `stops` times and names each focused control that something
 * else covers at its centre, or for a tall region near its top (the sticky
 * transfers sheet would).
 */
async function coveredFocusStops(page: Page, stops: number): Promise<string[]> {
  const covered = new Set<string>();
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const hidden = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const b = el.getBoundingClientRect();
      // A control's centre; for a focusable region taller than the room above the sheet (the
      // transcript's log), where its top half cannot all be clear, a point just under its top.
      const top = document.elementFromPoint(b.left + b.width / 2, b.top + Math.min(b.height / 2, 16));
      // Off screen altogether (null) is not this check's business: only a control something else covers.
      return top === null || top === el || el.contains(top) ? null : (el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 30) ?? el.tagName);
    });
    if (hidden !== null) covered.add(hidden);
  }
  return [...covered];
}

/** {@link expectReachableWithin} this window. */
function expectReachable(target: Locator, what: string, opts: { whole?: boolean } = {}): Promise<void> {
  return expectReachableWithin(target, what, WIDTH, opts);
}

test('390 px wide: the whole journey without sideways scroll, every control on screen', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: `docs/${LONG_NAME}`, content: 'long name\n' },
    // Uploads into this folder fail: the row gets a status text and a Retry button.
    { path: 'locked', dir: true, mode: 0o555 },
  ]);

  // The connect form, and its More options popover, fit the window.
  await page.goto('/');
  await expect(connectPage.connectButton).toBeVisible();
  await expectNoSidewaysScroll(page, 'connect form');
  for (const [field, name] of [
    [connectPage.host, 'Host'],
    [connectPage.port, 'Port'],
    [connectPage.username, 'Username'],
    [connectPage.password, 'Password'],
  ] as const) {
    await expectReachable(field, name);
  }
  await expectReachable(connectPage.connectButton, 'Connect', { whole: true });
  await expectReachable(connectPage.sitesButton, 'Sites');
  const more = page.getByRole('button', { name: 'More options' });
  await expectReachable(more, 'More options');
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expectReachable(page.getByLabel('Encoding', { exact: true }), 'Encoding (in More options)');
  await expectReachable(page.getByLabel('Data connection', { exact: true }), 'Data connection (in More options)', { whole: true });
  await expectReachable(page.getByLabel('Anonymous login', { exact: true }), 'Anonymous login (in More options)');
  await expectNoSidewaysScroll(page, 'More options open');
  await shot(page, 'phone-connect-more');
  await page.keyboard.press('Escape');
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await expectReachable(page.getByRole('combobox', { name: 'Language' }), 'Language');

  // Connected: the root listing.
  await connectTo(page, connectPage, files, ftp, ['docs', 'locked', 'readme.txt']);
  await expectNoSidewaysScroll(page, 'connected');
  // The filled-in fields show their whole values: five port digits at the phone's 16 px text.
  await expectReachable(connectPage.host, 'Host, filled', { whole: true });
  await expectReachable(connectPage.port, 'Port, filled', { whole: true });
  await expectReachable(page.getByRole('button', { name: 'Close session' }), 'Close session', { whole: true });
  await expectReachable(files.uploadButton, 'Upload', { whole: true });
  await expectReachable(files.row('readme.txt'), 'a file row');
  await shot(page, 'phone-connected');

  // Open a folder: the long name fits its cell and keeps its whole text in the title.
  await files.open('docs');
  await expect(files.pathNav).toContainText('docs');
  await files.expectEntries(['notes', 'guide.txt', LONG_NAME]);
  await expectNoSidewaysScroll(page, 'docs');
  const longRow = files.row(LONG_NAME);
  await expectReachable(longRow, 'the long-named row');
  await expectReachable(longRow.getByRole('gridcell').first(), 'the long name cell');
  await expect(longRow.getByRole('gridcell').first()).toHaveAttribute('title', LONG_NAME);
  await expect(longRow).toHaveAccessibleName(new RegExp(LONG_NAME.replace(/[.-]/g, '\\$&')));
  await expectReachable(files.grid.getByRole('columnheader', { name: 'Name' }), 'the Name column');
  await expectReachable(files.grid.getByRole('columnheader', { name: 'Size' }), 'the Size column');
  await expectReachable(files.grid.getByRole('columnheader', { name: 'Modified' }), 'the Modified column');
  await expectReachable(files.row('guide.txt').getByRole('gridcell').nth(2), 'the date of guide.txt', { whole: true });

  // Download through the toolbar: the browser gets the bytes on the server's disk.
  await files.row('guide.txt').click();
  const download = page.getByRole('button', { name: 'Download', exact: true });
  await expectReachable(download, 'Download');
  const downloaded = page.waitForEvent('download');
  await download.click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toBe('guide.txt');
  expect(readFileSync(await file.path()).equals(readFileSync(join(ftp.root, 'docs', 'guide.txt')))).toBe(true);

  // Upload through the toolbar button: the bytes reach the server's disk.
  const body = Buffer.from('uploaded from a phone-sized window\n');
  await files.uploadViaButton([{ name: 'phone.txt', mimeType: 'text/plain', buffer: body }]);
  const done = transferRow(page, 'phone.txt');
  await expect(done).toContainText('Done');
  expect(readFileSync(join(ftp.root, 'docs', 'phone.txt')).equals(body)).toBe(true);
  await files.expectEntries(['phone.txt']);
  await expectNoSidewaysScroll(page, 'uploaded');
  await expectReachable(done.getByText(/^Done/), 'the done row status');
  await shot(page, 'phone-uploaded');

  // A failed upload: its status and Retry, and the panel's bulk buttons.
  const up = page.getByRole('button', { name: 'Parent folder', exact: true });
  await expectReachable(up, 'Parent folder');
  await up.click();
  await files.open('locked');
  await expect(files.pathNav).toContainText('locked');
  await files.uploadViaButton([{ name: 'refused.txt', mimeType: 'text/plain', buffer: Buffer.from('refused\n') }]);
  const failed = transferRow(page, 'refused.txt');
  await expect(failed).toContainText('Failed');
  const dismiss = page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Dismiss', exact: true });
  await expectReachable(dismiss, 'the error toast Dismiss');
  await expectNoSidewaysScroll(page, 'failed upload with its toast');
  await shot(page, 'phone-failed-toast');
  await dismiss.click();
  await expectReachable(failed.getByText(/^Failed/), 'the failed row status');
  await expectReachable(failed.getByRole('button', { name: 'Retry transfer' }), 'the row Retry');
  await expectReachable(page.getByRole('button', { name: 'Retry failed' }), 'Retry failed', { whole: true });
  await expectReachable(page.getByRole('button', { name: 'Clear finished' }), 'Clear finished', { whole: true });
  await expectReachable(page.getByRole('combobox', { name: 'Transfer type' }), 'Transfer type');
  await expectNoSidewaysScroll(page, 'failed upload');

  // The transcript: below the files, the window's width, with the server's replies.
  await page.getByRole('tab', { name: 'Transcript' }).click();
  const log = page.getByRole('log', { name: 'Transcript' });
  await expectReachable(log, 'the transcript');
  expect((await log.boundingBox())!.width, 'the transcript has the window width').toBeGreaterThan(WIDTH * 0.9);
  const reply = log.getByText(/^226 /).last();
  await reply.scrollIntoViewIfNeeded();
  await expectReachable(reply, 'a 226 reply line');
  await expectNoSidewaysScroll(page, 'transcript');
  await shot(page, 'phone-transcript');
  for (const tab of ['Sequence', 'Console', 'Server', 'Transcript']) {
    const control = page.getByRole('tab', { name: tab });
    await expectReachable(control, `the ${tab} tab`, { whole: true });
    await control.click();
    await expectNoSidewaysScroll(page, `the ${tab} panel`);
  }
  // Keyboard users: each control Tab reaches in the transcript is scrolled clear of the transfers sheet.
  expect(await coveredFocusStops(page, 30), 'focused controls under the transfers sheet').toEqual([]);

  // Chinese: the same controls, named in Chinese, still fit.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expectNoSidewaysScroll(page, 'Chinese');
  await expectReachable(page.getByRole('combobox', { name: '语言' }), '语言 (Language)');
  await expectReachable(page.getByRole('button', { name: '上传', exact: true }), '上传 (Upload)', { whole: true });
  const failedZh = page.getByRole('region', { name: '传输' }).getByRole('listitem').filter({ has: page.getByText('refused.txt', { exact: true }) });
  await expectReachable(failedZh.getByRole('button', { name: '重试传输' }), '重试传输 (row Retry)');
  await expectReachable(page.getByRole('button', { name: '清除已完成' }), '清除已完成 (Clear finished)', { whole: true });
  await expectReachable(page.getByRole('log', { name: '会话记录' }), '会话记录 (the transcript)');
  const close = page.getByRole('button', { name: '关闭会话' });
  await expectReachable(close, '关闭会话 (Close session)', { whole: true });
  await shot(page, 'phone-chinese');

  // Close the session: back to the connect form, still one column.
  await close.click();
  await expect(page.getByRole('status').filter({ hasText: '未连接' })).toBeVisible();
  await expect(page.getByRole('grid', { name: '远程文件' })).toHaveCount(0);
  await expectNoSidewaysScroll(page, 'closed');
  await expectReachable(page.getByRole('button', { name: '连接', exact: true }), '连接 (Connect)', { whole: true });
  await expectReachable(page.getByRole('combobox', { name: '语言' }), '语言 after closing');
  await shot(page, 'phone-closed');
});

/**
 * Its whole text on screen: neither cut at the side nor clamped below, and
 * inside its row (which has a fixed height, so it cannot spill onto the next).
 * A finger cannot open the tooltip that also holds it.
 */
async function expectWholeStatus(row: Locator, status: Locator, what: string): Promise<void> {
  await expectReachable(status, what);
  const cut = await status.evaluate((el) => ({ wide: el.scrollWidth > el.clientWidth, tall: el.scrollHeight > el.clientHeight }));
  expect(cut, `${what} shows its whole text`).toEqual({ wide: false, tall: false });
  const [inner, outer] = [await status.boundingBox(), await row.boundingBox()];
  expect(inner!.y + inner!.height, `${what} ends inside its row`).toBeLessThanOrEqual(outer!.y + outer!.height);
}

test.describe('transfer rows on a phone', () => {
  // vsftpd paces the download, so it is still running when the test reads its row.
  test.use({ ftpOptions: { maxRate: 2 * MiB } });

  test('390 px wide: a transfer row shows its whole status, downloads and uploads alike', async ({ page, ftp, connectPage, files }) => {
    await seedTree(ftp, [
      { path: 'big.iso', content: randomBytes(32 * MiB) },
      { path: 'locked', dir: true, mode: 0o555 },
    ]);
    await connectTo(page, connectPage, files, ftp, ['big.iso', 'docs', 'locked', 'readme.txt']);

    // A running download: received, of, rate and time left, all of it.
    await files.row('big.iso').click();
    const started = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download', exact: true }).click();
    const big = await started;
    const download = transferRow(page, 'big.iso');
    const receiving = download.getByText(/of 32\.0 MB received · .*\/s · .* left$/);
    await expect(receiving).toBeVisible();
    await expectWholeStatus(download, receiving, 'the running download status');
    await shot(page, 'phone-download-running');

    // Stopped in the panel: where, and what the browser makes of it.
    await download.getByRole('button', { name: 'Cancel transfer' }).click();
    const stopped = download.getByText(/^Stopped at .* of 32\.0 MB: the browser's download ends as failed$/);
    await expect(stopped).toBeVisible();
    expect(await big.failure()).not.toBeNull();
    await expectWholeStatus(download, stopped, 'the stopped download status');

    // A refused upload: the reason and the server's own words, which run to three lines here.
    await files.open('locked');
    await expect(files.pathNav).toContainText('locked');
    await files.uploadViaButton([{ name: 'refused.txt', mimeType: 'text/plain', buffer: Buffer.from('refused\n') }]);
    const upload = transferRow(page, 'refused.txt');
    const failed = upload.getByText(/^Failed: .*The server said: /);
    await expect(failed).toBeVisible();
    await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Dismiss', exact: true }).click();
    await expectWholeStatus(upload, failed, 'the failed upload status');
    await expectReachable(upload.getByRole('button', { name: 'Retry transfer' }), 'the row Retry');
    await expectNoSidewaysScroll(page, 'transfer rows');
    await shot(page, 'phone-transfer-rows');
  });

  // Cancel all in the sticky sheet left the page where it was: before, scrolling the button into
  // view (as a click, a screen reader or Tab does) moved the app down by the scroll padding that
  // keeps the files clear of the sheet (331 px here), and the top bar, the toolbar and the file
  // list's head went off the top, leaving the files pane's empty lower part above the sheet.
  test('390 px wide: Cancel all in the transfers sheet does not scroll the page', async ({ page, ftp, connectPage, files }) => {
    const names = ['a.iso', 'b.iso', 'c.iso', 'd.iso'];
    await seedTree(ftp, names.map((name) => ({ path: name, content: randomBytes(32 * MiB) })));
    await connectTo(page, connectPage, files, ftp, ['docs', 'readme.txt', ...names]);
    for (const name of names) {
      await files.row(name).click();
      await page.getByRole('button', { name: 'Download', exact: true }).click();
      await expect(transferRow(page, name)).toBeVisible();
    }
    // The fourth may not have begun yet (here it started only once one of the others ended): the first three are running.
    for (const name of names.slice(0, 3)) await expect(transferRow(page, name)).toContainText(/received/);

    const app = page.locator('.app').filter({ visible: true });
    const scrollTop = (): Promise<number> => app.evaluate((el) => el.scrollTop);
    const head = files.grid.getByRole('columnheader', { name: 'Name' });
    await expect(head).toBeInViewport();
    const before = await scrollTop();

    await transfersPanel(page).getByRole('button', { name: 'Cancel all' }).click();
    expect(await scrollTop(), 'scrollTop right after Cancel all').toBe(before);
    await expect(transfersPanel(page)).toContainText('4 skipped or cancelled');
    // The transcript under the files grows by an ABOR and its replies for each running download.
    const abort = page.getByRole('log', { name: 'Transcript' }).locator('.tp-text', { hasText: /^ABOR$/ });
    await expect.poll(() => abort.count()).toBeGreaterThanOrEqual(3);
    expect(await scrollTop(), 'scrollTop once the ABOR lines are in').toBe(before);
    // The top bar's session button, the toolbar and the file list's head are still on screen, above the sheet.
    await expect(page.getByRole('button', { name: 'Close session' })).toBeInViewport();
    await expect(files.uploadButton).toBeInViewport();
    await expect(head).toBeInViewport();
    expect((await head.boundingBox())!.y, 'the file list head is above the sheet').toBeLessThan((await transfersPanel(page).boundingBox())!.y);
    await shot(page, 'phone-cancel-all');

    // A row that takes the focus (as one does from its own Cancel button when that goes) leaves the page where it was too.
    await transferRow(page, 'a.iso').focus();
    expect(await scrollTop(), 'scrollTop with a transfer row focused').toBe(before);
  });
});

/**
 * A phone on its side (844 × 390, an iPhone 12 to 15): wider than a phone
 * upright, so the bars keep their one-line layout, but too short to fit the
 * bars, the files, the transcript and the transfers into one screen. The app
 * scrolls down instead (before, the file list got no rows at all and the
 * transfers header lay over the transcript's filters).
 */
test.describe('a phone on its side', () => {
  const SIDE = { width: 844, height: 390 };
  test.use({ viewport: SIDE });

  test('844 × 390: the files show rows, the transcript its controls, the transfers panel overlaps neither', async ({ page, ftp, connectPage, files }) => {
    const names = Array.from({ length: 12 }, (_, i) => `photo-${String(i + 1).padStart(2, '0')}.jpg`);
    await seedTree(ftp, [...names.map((name) => ({ path: name, content: `${name}\n` })), { path: 'locked', dir: true, mode: 0o555 }]);
    await connectTo(page, connectPage, files, ftp, ['docs', 'locked', 'readme.txt', 'photo-01.jpg']);
    // A refused upload: a row with a status and a Retry button, and the panel's bulk buttons.
    await files.open('locked');
    await expect(files.pathNav).toContainText('locked');
    await files.uploadViaButton([{ name: 'sideways.txt', mimeType: 'text/plain', buffer: Buffer.from('sideways\n') }]);
    const failed = transferRow(page, 'sideways.txt');
    await expect(failed).toContainText('Failed');
    await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Dismiss', exact: true }).click();
    await page.getByRole('button', { name: 'Parent folder', exact: true }).click();
    await files.expectEntries(['docs', 'locked', 'photo-01.jpg']);
    await expectNoSidewaysScroll(page, 'on its side');
    await shot(page, 'phone-side');

    // The files, scrolled to: the toolbar, the path, the column heads and rows, whole ones, clear of the transfers sheet.
    const panel = transfersPanel(page);
    await page.getByRole('region', { name: 'Remote site' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await expectReachableWithin(files.uploadButton, 'Upload', SIDE.width);
    await expectReachableWithin(files.pathNav, 'the path', SIDE.width);
    const grid = (await files.grid.boundingBox())!;
    const sheetTop = (await panel.boundingBox())!.y;
    let whole = 0;
    for (const name of ['docs', 'locked', 'readme.txt', ...names]) {
      const row = await files.row(name).boundingBox();
      if (row && row.y >= grid.y && row.y + row.height <= Math.min(grid.y + grid.height, sheetTop) + 0.5) whole += 1;
    }
    expect(whole, 'file rows wholly in view above the transfers panel').toBeGreaterThanOrEqual(4);
    await expectReachableWithin(files.row('photo-01.jpg'), 'a file row', SIDE.width);
    await shot(page, 'phone-side-files');

    // The transfers panel: the failed row's status and Retry, and the bulk buttons.
    await expectReachableWithin(failed.getByText(/^Failed/), 'the failed row status', SIDE.width);
    await expectReachableWithin(failed.getByRole('button', { name: 'Retry transfer' }), 'the row Retry', SIDE.width);
    for (const name of ['Retry failed', 'Clear finished']) await expectReachableWithin(panel.getByRole('button', { name }), name, SIDE.width);

    // The transcript's controls, each scrolled to, lie clear of the transfers panel and take a tap.
    const log = page.getByRole('log', { name: 'Transcript' });
    const controls: [Locator, string][] = [
      [page.getByRole('searchbox', { name: 'Search transcript' }), 'the transcript search'],
      [page.getByRole('group', { name: 'Line kinds' }), 'the line-kind filters'],
      [page.getByRole('combobox', { name: 'Connection' }), 'the connection filter'],
      [log, 'the transcript'],
    ];
    for (const [control, what] of controls) {
      await control.scrollIntoViewIfNeeded();
      const [box, sheet] = [(await control.boundingBox())!, (await panel.boundingBox())!];
      expect(box.y + Math.min(box.height, 24), `${what} is above the transfers panel, not under it`).toBeLessThanOrEqual(sheet.y);
      await expectReachableWithin(control, what, SIDE.width);
    }
    await expect(log).toContainText('STOR');
    await shot(page, 'phone-side-transcript');

    // Keyboard users: each control Tab reaches from the transcript on is scrolled clear of the transfers sheet.
    await page.getByRole('searchbox', { name: 'Search transcript' }).focus();
    expect(await coveredFocusStops(page, 30), 'focused controls under the transfers sheet').toEqual([]);
    await expectNoSidewaysScroll(page, 'on its side, scrolled');
  });
});
