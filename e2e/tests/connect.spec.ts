/**
 * Connecting: plain FTP, and explicit FTPS with a self-signed certificate
 * generated at run time — the trust dialog shows the server's real
 * fingerprint, "Trust once" connects, "Always trust" survives a reload.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree, startFtpServer } from '@ftpdeck/test-servers';
import { connectTo, openDialog, shot } from '../fixtures/journeys.ts';
import { expect, seedDefaultTree, test } from '../fixtures/test.ts';

test('connect over plain FTP and close the session', async ({ page, ftp, connectPage, files, transcript }) => {
  await page.goto('/');
  await shot(page, '01-connect');
  await connectTo(page, connectPage, files, ftp);
  // The listing is the server's disk: every name in the root is a row.
  await expect(files.grid.getByRole('row')).toHaveCount(readdirSync(ftp.root).length + 1);
  expect(readFileSync(join(ftp.root, 'readme.txt'), 'utf8')).toBe('hello from the FTP server\n');
  await transcript.expectLine(/^230/);
  await shot(page, '02-browse');
  // From 1024 px up the top bar fits: nothing spills out, every control stays on screen.
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 720 });
    const bar = page.locator('header.topbar');
    expect(await bar.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    for (const control of [page.getByRole('button', { name: 'Close session' }), page.getByLabel('Language'), page.getByLabel('Port', { exact: true })]) {
      await expect(control).toBeInViewport({ ratio: 1 });
    }
    // The port's five digits are not clipped.
    expect(await page.getByLabel('Port', { exact: true }).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    if (width === 1024) await shot(page, '02-browse-1024');
  }
  await page.getByRole('button', { name: 'Close session' }).click();
  await expect(connectPage.connectButton).toBeVisible();
  await expect(files.grid).toHaveCount(0);
});

test('FTPS explicit with an untrusted certificate: trust once, then always trust', async ({ page, connectPage, files }) => {
  const ftps = await startFtpServer('vsftpd', { tls: 'explicit' });
  try {
    await seedDefaultTree(ftps);
    await seedTree(ftps, [{ path: 'secure/only-over-tls.txt', content: 'encrypted\n' }]);
    const fingerprint = ftps.certificate?.fingerprint256;
    expect(fingerprint).toBeTruthy();
    const hex = (s: string) => s.replace(/[^0-9a-f]/gi, '').toUpperCase();

    const connect = async () => {
      await connectPage.page.getByLabel('Protocol', { exact: true }).selectOption('explicit');
      await connectPage.connect({ host: ftps.host, port: ftps.port, user: ftps.user, password: ftps.password });
    };

    await page.goto('/');
    await connect();
    const dialog = openDialog(page);
    await expect(dialog).toBeVisible();
    // The fingerprint on screen is the one of the certificate the server really uses.
    const shown = await dialog.locator('.cert-fp').innerText();
    expect(hex(shown)).toBe(hex(fingerprint as string));
    // Plain words for the reason; Node's code stays visible, small, for support.
    await expect(dialog).toContainText('it is self-signed, so no certificate authority vouches for it');
    await expect(dialog.locator('.cert-code')).toContainText('DEPTH_ZERO_SELF_SIGNED_CERT');
    await shot(page, '03-trust-certificate');
    await dialog.getByRole('button', { name: 'Trust once' }).click();
    await files.expectEntries(['docs', 'readme.txt', 'secure']);
    await files.open('secure');
    await files.expectEntries(['only-over-tls.txt']);

    // "Trust once" is not remembered: a new connect asks again; this time trust always.
    await page.getByRole('button', { name: 'Close session' }).click();
    await connect();
    await expect(openDialog(page)).toBeVisible();
    await openDialog(page).getByRole('button', { name: 'Always trust' }).click();
    await files.expectEntries(['docs', 'readme.txt', 'secure']);

    // After a reload and a fresh connect, no dialog: the pinned fingerprint is sent with the connect.
    await page.getByRole('button', { name: 'Close session' }).click();
    await page.reload();
    await connect();
    await files.expectEntries(['docs', 'readme.txt', 'secure']);
    await expect(openDialog(page)).toHaveCount(0);
  } finally {
    await ftps.stop();
  }
});

test('a virtual host (HOST) chosen under More options reaches the server, and its refusal is explained', async ({ page, connectPage, files, transcript }) => {
  // ProFTPD implements HOST (RFC 7151) and serves no virtual host called "localhost": it answers 504.
  const proftpd = await startFtpServer('proftpd');
  try {
    await seedDefaultTree(proftpd);
    await page.goto('/');
    await page.getByRole('button', { name: 'More options' }).click();
    await page.getByLabel('Select the virtual host (HOST)').check();
    await page.keyboard.press('Escape');
    await connectPage.connect({ host: 'localhost', port: proftpd.port, user: proftpd.user, password: proftpd.password });
    await expect(page.getByRole('heading', { name: 'Couldn’t connect' })).toBeVisible();
    await expect(page.getByText('The server does not serve this virtual host (HOST refused)').first()).toBeVisible();
    await transcript.expectLine(/^HOST localhost/);
    await transcript.expectLine(/^504/);

    // Without the option the same server logs in, and no HOST goes out.
    await page.getByRole('button', { name: 'More options' }).click();
    await page.getByLabel('Select the virtual host (HOST)').uncheck();
    await page.keyboard.press('Escape');
    await connectPage.connectButton.click();
    await files.expectEntries(['docs', 'readme.txt']);
  } finally {
    await proftpd.stop();
  }
});
