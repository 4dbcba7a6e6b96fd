/**
 * An upload's bytes come from a file only this page holds. While one is
 * active, leaving the page warns (beforeunload) and "Close session" asks
 * first; a No sends nothing to the server. The upload is held active by
 * keeping its upload-start from reaching the server, so nothing depends on
 * how fast the bytes would move.
 */
import type { Page } from '@playwright/test';
import { connectTo } from '../fixtures/journeys.ts';
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

  const asked: string[] = [];
  page.once('dialog', async (d) => {
    asked.push(`${d.type()}: ${d.message()}`);
    await d.dismiss();
  });
  await page.getByRole('button', { name: 'Close session' }).click();
  await expect.poll(() => asked).toEqual(['confirm: 1 upload is still running or queued. Close the session and stop it?']);
  await expect(page.getByRole('button', { name: 'Close session' })).toBeVisible();
  expect(forwarded).not.toContain('disconnect');

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Close session' }).click();
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
