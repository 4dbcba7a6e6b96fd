/**
 * Protocol insight against real FTP servers: the transcript explains what it
 * shows, and what it explains is what really happened on the wire.
 */
import type { Page } from '@playwright/test';
import { expect, insightTest as test } from '../fixtures/test.ts';

const SHOTS = '../artifacts/screenshots';

// A laptop-sized window, so the screenshots show an explanation next to its line.
test.use({ viewport: { width: 1440, height: 960 } });

/** Picks passive or active in the connect form's "More options". */
async function chooseDataMode(page: Page, mode: 'passive' | 'active'): Promise<void> {
  await page.getByRole('button', { name: 'More options' }).click();
  await page.getByLabel('Data connection', { exact: true }).selectOption(mode);
  await page.keyboard.press('Escape');
}

/** The one number a sentence like "…port 30001…" or "…127.0.0.1:30001…" names after `marker`. */
function numberAfter(text: string, marker: RegExp): number {
  const m = marker.exec(text);
  expect(m, `${marker} in "${text}"`).not.toBeNull();
  return Number(m?.[1]);
}

test.describe('transcript explanations', () => {
  test('the decoded 229 port is the port the passive data connection really used', async ({ page, ftp, connectPage, files, transcript }) => {
    // vsftpd answers EPSV, so the engine never needs PASV here; the 229 decode is what a learner sees.
    await page.goto('/');
    await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
    await files.expectEntries(['docs', 'readme.txt']);

    const decoded = await transcript.explain(/^229 /);
    await expect(decoded).toContainText('Decoded');
    const epsvPort = numberAfter(await decoded.innerText(), /listens on port (\d+)/);

    const opened = await transcript.explain(/^Data connection open \(passive\)/);
    const usedPort = numberAfter(await opened.innerText(), /connected to [\d.]+:(\d+)/);
    expect(usedPort).toBe(epsvPort);
    // And it is one of the ports this vsftpd was really configured to hand out.
    expect(epsvPort).toBeGreaterThanOrEqual(ftp.passivePorts[0]);
    expect(epsvPort).toBeLessThanOrEqual(ftp.passivePorts[1]);

    // Lines sit under the action that caused them.
    await expect(transcript.log.locator('.tp-group', { hasText: 'STOR' })).toHaveCount(0);
    await expect(transcript.log.getByRole('group', { name: `Connect to ${ftp.host}` })).toContainText(`USER ${ftp.user}`);
    // Both explanations in view: the 229 decode and the data connection that used its port.
    await transcript.line(/^229 /).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/transcript-explained.png` });
  });

  test.describe('on a server that refuses EPSV', () => {
    test.use({ ftpKind: 'proftpd', ftpOptions: { denyEpsv: true } });

    test('the decoded 227 port is the port the passive data connection really used', async ({ page, ftp, connectPage, files, transcript }) => {
      // ProFTPD refuses EPSV here, so the engine falls back to PASV and the server answers a real 227.
      await page.goto('/');
      await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
      await files.expectEntries(['docs', 'readme.txt']);

      const decoded = await transcript.explain(/^227 /);
      const text = await decoded.innerText();
      const pasvPort = numberAfter(text, /port (\d+) \(\d+×256\+\d+ = \d+\)/);
      // The arithmetic shown is right: p1×256+p2 equals the port it names.
      const [, p1, p2, sum] = /(\d+)×256\+(\d+) = (\d+)/.exec(text) ?? [];
      expect(Number(p1) * 256 + Number(p2)).toBe(Number(sum));
      expect(Number(sum)).toBe(pasvPort);

      const opened = await transcript.explain(/^Data connection open \(passive\)/);
      const usedPort = numberAfter(await opened.innerText(), /connected to [\d.]+:(\d+)/);
      expect(usedPort).toBe(pasvPort);
      expect(pasvPort).toBeGreaterThanOrEqual(ftp.passivePorts[0]);
      expect(pasvPort).toBeLessThanOrEqual(ftp.passivePorts[1]);
    });
  });

  test('the PORT arithmetic names the port the server connected to in active mode', async ({ page, ftp, connectPage, files, transcript }) => {
    await page.goto('/');
    await chooseDataMode(page, 'active');
    await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
    await files.expectEntries(['docs', 'readme.txt']);

    const decoded = await transcript.explain(/^PORT \d+,\d+,\d+,\d+,\d+,\d+$/);
    const text = await decoded.innerText();
    const m = /(\d+)×256\+(\d+) = (\d+)/.exec(text);
    expect(m, text).not.toBeNull();
    const [p1, p2, port] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
    // The arithmetic shown is right…
    expect(p1 * 256 + p2).toBe(port);
    // …and agrees with the PORT argument on the wire.
    const portLine = await transcript.line(/^PORT /).locator('.tp-text').innerText();
    expect(portLine.split(',').slice(-2).map(Number)).toEqual([p1, p2]);

    // The server really connected to that port: the data-open line names our listening end.
    const opened = await transcript.explain(/^Data connection open \(active\)/);
    expect(numberAfter(await opened.innerText(), /to the client's [\d.]+:(\d+)/)).toBe(port);
  });

  test('a wrong password gets the 530 explained, with cause and fix', async ({ page, ftp, connectPage, transcript }) => {
    await page.goto('/');
    await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: `${ftp.password}-wrong` });
    await transcript.expectLine(/^530 /);
    expect(await transcript.tooltip(/^530 /)).toBe('530: Not logged in');
    const panel = await transcript.explain(/^530 /);
    await expect(panel.getByRole('heading')).toHaveText('530 — Not logged in');
    await expect(panel).toContainText('The login failed, or the command requires a login first.');
    await expect(panel).toContainText('Wrong user name or password');
    await expect(panel).toContainText('Check the credentials.');
    // The digit-by-digit reading: 5 = permanent negative, 3 = authentication.
    await expect(panel.getByRole('list', { name: /530/ }).getByRole('listitem')).toHaveCount(3);
  });

  test('the support export never holds the password, and masks the account and host on request', async ({ page, ftp, connectPage, files, transcript }) => {
    await page.goto('/');
    await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
    await files.expectEntries(['docs', 'readme.txt']);
    await transcript.expectLine(/^226 /);

    const full = await transcript.exportText();
    expect(full).toContain('Server software (SYST): UNIX Type: L8');
    expect(full).toMatch(/Data connection mode: Passive\S* \(EPSV\)/);
    expect(full).toContain(`USER ${ftp.user}`);
    expect(full).toContain('PASS ****');
    expect(full).not.toContain(`PASS ${ftp.password}`);
    if (ftp.password !== ftp.user) expect(full).not.toContain(ftp.password);

    await transcript.setExportOption('Include account name', false);
    await transcript.setExportOption('Include host', false);
    const masked = await transcript.exportText();
    expect(masked).toContain('USER [account]');
    expect(masked).not.toContain(ftp.user);
    expect(masked).not.toContain(ftp.host);
    expect(masked).not.toContain(ftp.host.split('.').join(','));
    expect(masked).not.toContain(ftp.password);

    // The download is the same redacted text, as a .txt file.
    const file = await transcript.downloadExport();
    expect(file.name).toMatch(/\.txt$/);
    expect(file.text).toContain('USER [account]');
    expect(file.text).not.toContain(ftp.user);
    expect(file.text).not.toContain(ftp.password);
    expect(file.text).toContain('PASS ****');
  });
});

test.describe('grouping by user action', () => {
  test('an upload groups TYPE I, EPSV, STOR, 150 and 226 under "Upload <name>", and its ladder shows the bytes going up', async ({ page, ftp, connectPage, files, transcript, sequence }) => {
    await page.goto('/');
    await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
    await files.expectEntries(['docs', 'readme.txt']);
    await files.uploadViaButton([{ name: 'report.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(70_000, 7) }]);
    await files.expectEntries(['report.bin']);

    const group = transcript.log.getByRole('group', { name: 'Upload report.bin' });
    await expect(group.locator('.tp-text', { hasText: /^226 / })).toBeVisible();
    const texts = await group.locator('.tp-text').allInnerTexts();
    const order = ['TYPE I', 'EPSV', 'STOR /report.bin', '150 ', '226 '].map((needle) => texts.findIndex((t) => t.startsWith(needle)));
    expect(order.every((i) => i >= 0), texts.join(' | ')).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Collapsing hides the lines; the header stays.
    await group.getByRole('button', { name: 'Upload report.bin' }).click();
    await expect(group.locator('.tp-text')).toHaveCount(0);
    await group.getByRole('button', { name: 'Upload report.bin' }).click();

    // "Sequence" on the group draws that upload: 70,000 bytes from client to server.
    await group.getByRole('button', { name: 'Sequence', exact: true }).click();
    await expect(sequence.panel).toBeVisible();
    await expect(sequence.diagram.locator('g[data-kind="data"]')).toHaveAttribute('data-from', 'client');
    await expect(sequence.diagram.locator('g[data-kind="data"] text')).toHaveText(/70,000 bytes|70000 bytes/);
  });
});

test.describe('sequence view', () => {
  test('passive and active transfers draw different ladders', async ({ page, ftp, connectPage, files, sequence }) => {
    await page.goto('/');
    await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
    await files.expectEntries(['docs', 'readme.txt']);
    await sequence.open();
    await expect(sequence.caption).toContainText("Passive mode: the client connects to the server's port");
    expect(await sequence.firstConnectFrom()).toBe('client');
    const passiveLabel = await sequence.firstConnectLabel();
    await page.screenshot({ path: `${SHOTS}/sequence-passive.png` });

    await page.getByRole('button', { name: 'Close session' }).click();
    await expect(page.getByRole('button', { name: 'Close session' })).toHaveCount(0);
    await chooseDataMode(page, 'active');
    await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
    await files.expectEntries(['docs', 'readme.txt']);
    await sequence.open();
    await expect(sequence.caption).toContainText("Active mode: the server connects to the client's port");
    expect(await sequence.firstConnectFrom()).toBe('server');
    // Same kind of arrow, opposite direction: the passive one goes to the server's port, this one to ours.
    const activeLabel = await sequence.firstConnectLabel();
    expect(activeLabel).toMatch(/^TCP connect → :\d+$/);
    expect(activeLabel).not.toBe(passiveLabel);
    await page.screenshot({ path: `${SHOTS}/sequence-active.png` });
  });
});

test.describe('command console', () => {
  test('refuses PORT with the reason, runs SYST with the 215 explained', async ({ page, ftp, connectPage, files, consolePanel }) => {
    await page.goto('/');
    await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
    await files.expectEntries(['docs', 'readme.txt']);
    await consolePanel.open();

    const refused = await consolePanel.send('PORT 1,2,3,4,5,6');
    await expect(refused.getByRole('alert')).toContainText('Not sent');
    await expect(refused.getByRole('alert')).toContainText('bounce');
    // Nothing went to the server: the input keeps the refused line for editing.
    await expect(consolePanel.input).toHaveValue('PORT 1,2,3,4,5,6');

    // TYPE is the engine's to set: the console says so before sending (the engine refuses it too).
    const type = await consolePanel.send('TYPE A');
    await expect(type.getByRole('alert')).toContainText('Not sent');
    await expect(type.getByRole('alert')).toContainText('TYPE is set by FTP Deck before each transfer');
    await consolePanel.input.fill('');

    // A change made from the console shows in the file list, with no manual refresh.
    const mkd = await consolePanel.send('MKD made-in-console');
    await expect(mkd).toContainText('257');
    await files.expectEntries(['docs', 'made-in-console', 'readme.txt']);

    const syst = await consolePanel.send('SYST');
    await expect(syst).toContainText('215 UNIX Type: L8');
    await expect(syst.locator('.fd-explain h4')).toContainText('215');
    await page.screenshot({ path: `${SHOTS}/console.png` });

    // The Server tab reads FEAT: vsftpd advertises REST STREAM and SIZE, so resume and SIZE verification are on.
    await page.getByRole('tab', { name: 'Server' }).click();
    const server = page.getByRole('tabpanel', { name: 'Server' });
    await expect(server.locator('[data-capability="resume"]')).toHaveAttribute('data-supported', 'true');
    await expect(server.locator('[data-capability="size"]')).toHaveAttribute('data-supported', 'true');
    await expect(server).toContainText('Uploads are verified by comparing the remote SIZE with the local size.');
    await expect(server).toContainText('Change permissions is available');
    await page.screenshot({ path: `${SHOTS}/server.png` });
  });
});
