/**
 * A certificate that differs from the one the user chose to always trust is
 * not "unknown": the dialog says it CHANGED, shows the trusted and the new
 * fingerprint, and Cancel is the default (Enter connects nowhere). Trusting
 * the new one stays possible and replaces the pin.
 */
import { startFtpServer } from '@ftpdeck/test-servers';
import { openDialog, shot } from '../fixtures/journeys.ts';
import { expect, seedDefaultTree, test } from '../fixtures/test.ts';

const hex = (s: string) => s.replace(/[^0-9a-f]/gi, '').toUpperCase();
const OLD = 'AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99';

test('a changed certificate says so, defaults to Cancel, and can still be trusted anew', async ({ page, connectPage, files }) => {
  const ftps = await startFtpServer('vsftpd', { tls: 'explicit' });
  try {
    await seedDefaultTree(ftps);
    const now = ftps.certificate?.fingerprint256 ?? '';
    expect(now).toBeTruthy();
    await page.goto('/');
    // The user trusted this site's certificate earlier; the server has since got another one.
    await page.evaluate(([key, fp]) => localStorage.setItem('ftpdeck.trustedCerts', JSON.stringify({ [key as string]: fp })), [`${ftps.host}:${ftps.port}`, OLD]);
    const connect = async () => {
      await page.getByLabel('Protocol', { exact: true }).selectOption('explicit');
      await connectPage.connect({ host: ftps.host, port: ftps.port, user: ftps.user, password: ftps.password });
    };
    await connect();
    const dialog = openDialog(page);
    await expect(dialog).toContainText('The server’s certificate has CHANGED');
    await expect(dialog).toContainText('Trusted fingerprint (before)');
    const fps = await dialog.locator('.cert-fp').allInnerTexts();
    expect(fps.map(hex)).toEqual([hex(OLD), hex(now)]);
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await shot(page, 'cert-changed');

    // Enter takes the safe way out: nothing is trusted, nothing connects.
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(files.grid).toHaveCount(0);
    expect(await page.evaluate(() => localStorage.getItem('ftpdeck.trustedCerts'))).toContain(OLD);

    await connect();
    await dialog.getByRole('button', { name: 'Always trust the new one' }).click();
    await files.expectEntries(['docs', 'readme.txt']);
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('ftpdeck.trustedCerts'))) ?? '{}') as Record<string, string>;
    expect(hex(stored[`${ftps.host}:${ftps.port}`] ?? '')).toBe(hex(now));
  } finally {
    await ftps.stop();
  }
});
