/**
 * A reload in the middle of an upload: the file was only in the old page,
 * so the new page cannot resume it, but it must not lose track of it. The
 * session comes back, and the transfers list shows the upload as
 * interrupted, with what the server kept. The relay lets the first 1 MiB
 * frame through and holds the rest back, so the upload is mid-way whatever
 * the machine's speed.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { connectTo } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test('a reload mid-upload leaves a row saying the upload was interrupted and what the server kept', async ({ page, ftp, connectPage, files }) => {
  let frames = 0;
  await page.routeWebSocket(/\/ws$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((msg) => {
      // Upload bytes travel in binary frames: the first gets through, the rest never do.
      if (typeof msg !== 'string' && ++frames > 1) return;
      server.send(msg);
    });
    server.onMessage((msg) => ws.send(msg));
  });
  await connectTo(page, connectPage, files, ftp);
  await files.uploadViaButton([{ name: 'big.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(3 * 1024 * 1024, 7) }]);
  const onDisk = (): number => {
    try {
      return statSync(join(ftp.root, 'big.bin')).size;
    } catch {
      return 0;
    }
  };
  await expect.poll(onDisk).toBe(1024 * 1024);

  // Leave anyway (the page warns first), and come back to the same session.
  page.on('dialog', (d) => void d.accept());
  await page.reload();
  await expect(files.row('readme.txt')).toBeVisible();
  const transfers = page.getByRole('region', { name: 'Transfers' });
  await expect(transfers).toContainText('big.bin');
  await expect(transfers).toContainText('Interrupted');
  await expect(transfers).toContainText(/keeps 1(\.0)? MB of 3(\.0)? MB/);
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('The upload of big.bin was interrupted by the reload');
});
