/**
 * The server time zone under More options: vsftpd in Asia/Shanghai gives
 * LIST and MDTM in local time, so automatic detection leaves listing times
 * 8 h ahead; choosing UTC+08:00 shows the file's true time, and a saved site
 * keeps the choice. An old file, which LIST shows with a year and no time,
 * keeps its date through the shift and shows no made-up hour.
 */
import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../fixtures/test.ts';

const HOUR = 3_600_000;
// Two days ago at HH:17:37 UTC: recent, so LIST shows its time of day.
const TRUTH = new Date(Math.floor(Date.now() / HOUR) * HOUR - 48 * HOUR + 17 * 60_000 + 37_000);
// The grid shows `YYYY-MM-DD HH:MM` in the browser's time zone, pinned to UTC below.
const shown = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

test.use({ ftpOptions: { timezone: 'Asia/Shanghai' }, timezoneId: 'UTC' });

test('a fixed server time zone corrects listing times, and a saved site keeps it', async ({ page, ftp, connectPage, files, transcript }) => {
  await utimes(join(ftp.root, 'readme.txt'), TRUTH, TRUTH);
  // 18:00 on Nov 21 in Shanghai: LIST says `Nov 21  2020`.
  const old = new Date('2020-11-21T10:00:00Z');
  await writeFile(join(ftp.root, 'old.txt'), 'old\n');
  await utimes(join(ftp.root, 'old.txt'), old, old);
  await page.goto('/');
  await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
  const readme = files.row('readme.txt');
  // Automatic: MDTM is local too, so the listing is the server's wall clock read as UTC.
  await expect(readme).toContainText(shown(TRUTH.getTime() + 8 * HOUR));

  const more = page.getByRole('button', { name: 'More options' });
  const zone = page.getByLabel('Server time zone', { exact: true });
  await more.click();
  await expect(zone).toHaveValue('auto');
  await zone.selectOption({ label: 'UTC+08:00' });
  await page.keyboard.press('Escape');
  await connectPage.connectButton.click();
  await expect(readme).toContainText(shown(TRUTH.getTime()));
  await transcript.expectLine(/Server time zone UTC\+08:00, as configured/);
  // Not `2020-11-20 16:00`: a date without a time is not shifted by the zone.
  await expect(files.row('old.txt').getByRole('gridcell').nth(2)).toHaveText('2020-11-21');

  await connectPage.saveSite('shanghai');
  await page.keyboard.press('Escape');
  await more.click();
  await zone.selectOption('auto');
  await page.keyboard.press('Escape');
  await connectPage.pickSite('shanghai');
  await more.click();
  await expect(zone).toHaveValue('480');
});
