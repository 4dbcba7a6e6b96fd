/**
 * The Foundation journey: connect, browse in and back out, upload by button
 * and by drop, and watch the control channel in the transcript.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../fixtures/test.ts';

test('connect, browse, upload by button and by drop, with a live transcript', async ({ page, ftp, connectPage, files, transcript }) => {
  await page.goto('/');
  await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });

  // The remote root is listed.
  await files.expectEntries(['docs', 'readme.txt']);

  // Into a folder by double-click, and back up through the path bar.
  await files.open('docs');
  await files.expectEntries(['guide.txt', 'notes']);
  await files.pathNav.getByRole('button').first().click();
  await files.expectEntries(['docs', 'readme.txt']);

  // Upload through the button; the bytes on the server's disk equal the source.
  const payload = randomBytes(300 * 1024 + 17);
  await files.uploadViaButton([{ name: 'report.bin', mimeType: 'application/octet-stream', buffer: payload }]);
  await files.expectEntries(['report.bin']);
  await expect.poll(() => readFileSync(join(ftp.root, 'report.bin')).equals(payload)).toBe(true);

  // Upload by dropping a file on the list.
  await files.dropFiles([{ name: 'dropped.txt', content: 'dropped from the desktop\n' }]);
  await files.expectEntries(['dropped.txt']);
  await expect.poll(() => readFileSync(join(ftp.root, 'dropped.txt'), 'utf8')).toBe('dropped from the desktop\n');

  // The transcript shows the conversation, in order, with the password masked.
  await transcript.expectLine(`USER ${ftp.user}`);
  await transcript.expectLine('PASS ****');
  await transcript.expectLine(/^230/);
  await transcript.expectLine(/^STOR .*report\.bin$/);
  await transcript.expectLine(/^226/);
  const text = await transcript.text();
  expect(text).not.toContain(`PASS ${ftp.password}`);
  if (ftp.password !== ftp.user) expect(text).not.toContain(ftp.password);
  // In order: each step is found after the one before it.
  let at = 0;
  for (const needle of [`USER ${ftp.user}`, 'PASS ****', '230 ', 'STOR /report.bin', '150 ', '226 ']) {
    const found = text.indexOf(needle, at);
    expect(found, `"${needle}" after position ${at}`).toBeGreaterThanOrEqual(0);
    at = found + needle.length;
  }
});
