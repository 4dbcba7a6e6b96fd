/**
 * Saved sites live in the browser: a site saved without its password asks
 * for it after a reload; one saved with "Remember password" connects
 * directly. localStorage is checked for exactly that, and sites can be deleted.
 */
import type { Page } from '@playwright/test';
import { shot } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

interface StoredSite {
  name: string;
  host: string;
  port: string;
  user: string;
  password?: string;
}

async function storedSites(page: Page): Promise<StoredSite[]> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('ftpdeck.sites') ?? '[]') as StoredSite[]);
}

test('save sites with and without a password, reconnect from them, delete one', async ({ page, ftp, connectPage, files }) => {
  await page.goto('/');
  await connectPage.host.fill(ftp.host);
  await connectPage.port.fill(String(ftp.port));
  await connectPage.username.fill(ftp.user);
  await connectPage.password.fill(ftp.password);

  // The default name is user@host; the note says the password would be stored unencrypted.
  await connectPage.sitesButton.click();
  await expect(page.getByLabel('Site name', { exact: true })).toHaveAttribute('placeholder', `${ftp.user}@${ftp.host}`);
  await expect(page.getByText('The password is stored in this browser, unencrypted.')).toBeVisible();
  await expect(page.getByLabel('Remember password', { exact: true })).not.toBeChecked();
  await connectPage.saveSite('no password');
  await connectPage.saveSite('with password', true);
  await shot(page, '10-saved-sites');

  const saved = await storedSites(page);
  expect(saved.map((s) => s.name)).toEqual(['no password', 'with password']);
  expect(saved[0]).toMatchObject({ host: ftp.host, port: String(ftp.port), user: ftp.user });
  expect(saved[0]).not.toHaveProperty('password');
  // (The test user's password equals its name, so look for the key, not the value.)
  expect(Object.keys(saved[0] ?? {}).sort()).toEqual(['anonymous', 'dataMode', 'encoding', 'host', 'name', 'port', 'secure', 'user']);
  expect(saved[1]?.password).toBe(ftp.password);

  // After a reload the site without password fills everything but the password.
  await page.reload();
  await connectPage.pickSite('no password');
  await expect(connectPage.host).toHaveValue(ftp.host);
  await expect(connectPage.port).toHaveValue(String(ftp.port));
  await expect(connectPage.username).toHaveValue(ftp.user);
  await expect(connectPage.password).toHaveValue('');
  await connectPage.password.fill(ftp.password);
  await connectPage.connectButton.click();
  await files.expectEntries(['docs', 'readme.txt']);
  await page.getByRole('button', { name: 'Close session' }).click();

  // The site with its password connects directly.
  await page.reload();
  await connectPage.pickSite('with password');
  await expect(connectPage.password).toHaveValue(ftp.password);
  await connectPage.connectButton.click();
  await files.expectEntries(['docs', 'readme.txt']);
  await page.getByRole('button', { name: 'Close session' }).click();

  // Deleting a site removes it from the menu and from storage.
  await connectPage.sitesButton.click();
  await page.getByRole('button', { name: 'Delete site no password', exact: true }).click();
  const list = page.getByRole('list', { name: 'Saved sites' });
  await expect(list.getByRole('button', { name: 'with password', exact: true })).toBeVisible();
  await expect(list.getByRole('button', { name: 'no password', exact: true })).toHaveCount(0);
  expect((await storedSites(page)).map((s) => s.name)).toEqual(['with password']);
});
