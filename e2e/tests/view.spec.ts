/**
 * View: a text file or an image opens in a new browser tab instead of
 * downloading. The tab is sandboxed (an opaque origin, no scripts), so a
 * hostile server's file cannot act as this app; types a tab cannot show,
 * and folders, are download-only.
 */
import { crc32, deflateSync } from 'node:zlib';
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

/** A valid 3×2 PNG, red, built here so the test needs no binary fixture. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(3, 0);
  header.writeUInt32BE(2, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.from([0, 255, 0, 0, 255, 0, 0, 255, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat([row, row]))), chunk('IEND', Buffer.alloc(0))]);
}

/** One second of silence as 8 kHz, 16-bit mono PCM WAV. */
function wav(): Buffer {
  const samples = Buffer.alloc(16_000);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(36 + samples.length, 4);
  head.write('WAVEfmt ', 8, 'latin1');
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20); // PCM
  head.writeUInt16LE(1, 22); // mono
  head.writeUInt32LE(8000, 24);
  head.writeUInt32LE(16_000, 28); // bytes per second
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36, 'latin1');
  head.writeUInt32LE(samples.length, 40);
  return Buffer.concat([head, samples]);
}

const HTML = '<script>document.title = "ran"</script><h1>not run</h1>\n';

test('View shows text, an image and audio in a new tab, text and images sandboxed; other types download only', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: 'pic.png', content: png() },
    { path: 'hush.wav', content: wav() },
    { path: 'utf8.txt', content: 'Zoë 测试 Отчет\n' },
    { path: 'page.html', content: HTML },
    { path: 'blob.bin', content: 'binary' },
  ]);
  await connectTo(page, connectPage, files, ftp, ['docs', 'readme.txt', 'pic.png', 'hush.wav', 'utf8.txt', 'page.html', 'blob.bin']);
  const menu = page.getByRole('menu');
  const viewVia = async (name: string) => {
    await files.row(name).click({ button: 'right' });
    const opened = page.context().waitForEvent('page');
    await menu.getByRole('menuitem', { name: /^View/ }).click();
    const tab = await opened;
    await tab.waitForLoadState();
    await expect.poll(() => tab.url()).toContain('/api/download/');
    return tab;
  };

  // Text, shown as text.
  const text = await viewVia('readme.txt');
  await expect(text.locator('body')).toHaveText('hello from the FTP server');
  const response = await page.request.get(text.url());
  expect(response.headers()['content-type']).toBe('text/plain; charset=utf-8');
  expect(response.headers()['content-disposition']).toMatch(/^inline; /);
  expect(response.headers()['content-security-policy']).toMatch(/^sandbox;/);
  // The tab is not this app's origin.
  expect(await text.evaluate(() => window.origin)).toBe('null');
  await text.close();

  // UTF-8 text reads as UTF-8 (Chromium never guesses it without a charset).
  const utf8 = await viewVia('utf8.txt');
  await expect(utf8.locator('body')).toHaveText('Zoë 测试 Отчет');
  await utf8.close();

  // HTML is shown as its source, and its script never runs.
  const html = await viewVia('page.html');
  await expect(html.locator('body')).toHaveText(HTML.trim());
  expect(await html.title()).not.toBe('ran');
  await html.close();

  // An image, drawn.
  const image = await viewVia('pic.png');
  await expect.poll(() => image.locator('img').evaluate((img: HTMLImageElement) => `${img.naturalWidth}x${img.naturalHeight}`)).toBe('3x2');
  // The tab is titled by the file's name, which the link ends in, not by the ticket.
  expect(await image.title()).toMatch(/^pic\.png /);
  await image.close();

  // Audio plays in the browser's own player: it loads, with its length.
  const audio = await viewVia('hush.wav');
  await expect.poll(() => audio.locator('video, audio').evaluate((m: HTMLMediaElement) => (m.readyState >= 1 ? Math.round(m.duration) : -1))).toBe(1);
  await audio.close();

  // A type no tab shows, and a folder: View is there but off.
  for (const name of ['blob.bin', 'docs']) {
    await page.keyboard.press('Escape');
    await files.row(name).click({ button: 'right' });
    await expect(menu.getByRole('menuitem', { name: /^View/ })).toHaveAttribute('aria-disabled', 'true');
  }
});
