/**
 * An upload's bytes come from a file only this page holds. While one is
 * active, leaving the page warns (beforeunload) and "Close session" asks
 * first; a No sends nothing to the server. The upload is held active by
 * keeping its upload-start from reaching the server, so nothing depends on
 * how fast the bytes would move.
 */
import type { Page } from '@playwright/test';
import { connectTo, shot, transferRow } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

const file = (name: string, data: string) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(data) });

/** Relays the app's WebSocket, holds back every upload-start, and records the request types that reached the server. */
async function relayHoldingUploads(page: Page): Promise<string[]> {
  const forwarded: string[] = [];
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((msg) => {
      if (typeof msg === 'string') {
        const type = (JSON.parse(msg) as { type?: string }).type ?? '';
        if (type === 'upload-start') return;
        forwarded.push(type);
      }
      server.send(msg);
    });
    server.onMessage((msg) => ws.send(msg));
  });
  return forwarded;
}

test('"Close session" with an active upload asks first; No keeps the session', async ({ page, ftp, connectPage, files }) => {
  const forwarded = await relayHoldingUploads(page);
  await connectTo(page, connectPage, files, ftp);
  await files.uploadViaButton([file('held.txt', 'held back')]);
  await expect(page.getByRole('region', { name: 'Transfers' })).toContainText('held.txt');

  // Asked in the page's own dialog: a browser confirm would freeze the page, uploads included.
  await page.getByRole('button', { name: 'Close session' }).click();
  const question = page.getByRole('alertdialog', { name: 'Close the session?' });
  await expect(question).toContainText('1 upload under way stops where it is.');
  await expect(question.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Close session' })).toBeVisible();
  await expect(transferRow(page, 'held.txt')).not.toContainText('Cancelled');
  expect(forwarded).not.toContain('disconnect');

  await page.getByRole('button', { name: 'Close session' }).click();
  await page.getByRole('alertdialog', { name: 'Close the session?' }).getByRole('button', { name: 'Stop and close' }).click();
  await expect(page.getByText('Not connected')).toBeVisible();
  expect(forwarded).toContain('disconnect');
});

test('leaving the page with an active upload warns first', async ({ page, ftp, connectPage, files }) => {
  await relayHoldingUploads(page);
  await connectTo(page, connectPage, files, ftp);
  await files.uploadViaButton([file('held.txt', 'held back')]);
  await expect(page.getByRole('region', { name: 'Transfers' })).toContainText('held.txt');

  const kinds: string[] = [];
  page.on('dialog', async (d) => {
    kinds.push(d.type());
    await d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => kinds).toEqual(['beforeunload']);
  // Dismissed: the page stays, and with it the upload.
  expect(page.isClosed()).toBe(false);
});

test('closing a tab whose upload is active shows that tab and asks there; Cancel leaves it open', async ({ page, ftp, connectPage, files }) => {
  const forwarded = await relayHoldingUploads(page);
  await connectTo(page, connectPage, files, ftp);
  await files.uploadViaButton([file('held.txt', 'held back')]);
  await expect(transferRow(page, 'held.txt')).toBeVisible();
  const strip = page.getByRole('tablist', { name: 'Sites' });
  const first = strip.getByRole('tab', { name: new RegExp(`^${ftp.user}@127\\.0\\.0\\.1:${ftp.port}`) });
  // Two more tabs; the user is on the last. Both are "New site", so they are told apart by place.
  await page.getByRole('button', { name: 'New tab' }).click();
  await page.getByRole('button', { name: 'New tab' }).click();
  const tabs = strip.getByRole('tab');
  await expect(tabs).toHaveCount(3);
  await expect(tabs.nth(2)).toHaveAttribute('aria-selected', 'true');

  // Delete on the first tab, from the last: the first comes to the front with its question.
  await first.focus();
  await page.keyboard.press('Delete');
  const question = page.getByRole('alertdialog', { name: 'Close this tab?' });
  await expect(question).toContainText('1 upload under way stops where it is.');
  // (The strip and the rest of the tab are inert behind the question, out of the accessibility tree.)
  await expect(page.locator('.tq-name', { hasText: 'held.txt' })).toBeVisible();
  await shot(page, 'close-tab-question');
  await question.getByRole('button', { name: 'Cancel' }).click();
  // Kept: back to the tab the user was on, with the keyboard in the strip where Delete was pressed.
  await expect(tabs).toHaveCount(3);
  await expect(tabs.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.nth(2)).toBeFocused();
  expect(forwarded).not.toContain('disconnect');

  // Closed: the user is still on the tab they were on, not on the closed one's neighbour.
  await first.focus();
  await page.keyboard.press('Delete');
  await question.getByRole('button', { name: 'Stop and close the tab' }).click();
  await expect(tabs).toHaveCount(2);
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => forwarded).toContain('disconnect');
});
