/**
 * Site tabs keep their UI: every open tab keeps its own mounted app, so what
 * a tab's panels hold (console history, an unsent command, the transcript
 * search) is still there after a trip to another tab; and what the user does
 * in one tab (a window shortcut, a dialog, the file chooser) acts on that
 * tab's site only.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree, startFtpServer } from '@ftpdeck/test-servers';
import { connectTo, openDialog } from '../fixtures/journeys.ts';
import { expect, insightTest as test } from '../fixtures/test.ts';

test('a tab keeps its console and transcript search across a switch; shortcuts act on the tab on screen', async ({ page, ftp, connectPage, files, transcript, consolePanel }) => {
  const other = await startFtpServer('pyftpdlib');
  try {
    await seedTree(other, [{ path: 'site-b-only/index.html', content: '<h1>B</h1>\n' }]);
    const tabs = page.getByRole('tablist', { name: 'Sites' });
    const tabA = tabs.getByRole('tab', { name: `${ftp.user}@127.0.0.1:${ftp.port}` });
    const tabB = tabs.getByRole('tab', { name: `${other.user}@127.0.0.1:${other.port}` });
    const search = page.getByRole('searchbox', { name: 'Search transcript' });

    // Tab 1: a command run in the console, a second one typed but not sent, a transcript search.
    await connectTo(page, connectPage, files, ftp);
    await consolePanel.open();
    const syst = await consolePanel.send('SYST');
    await expect(syst).toContainText('215 UNIX Type: L8');
    await consolePanel.input.fill('STAT');
    await transcript.open();
    await search.fill('SYST');
    // The search narrows the log to the console's SYST.
    await expect(transcript.log.getByText('SYST', { exact: true }).first()).toBeVisible();
    await expect(transcript.log.getByText(/^USER /)).toHaveCount(0);

    // Tab 2: another site.
    await page.getByRole('button', { name: 'New tab' }).click();
    await connectPage.connect({ host: other.host, port: other.port, user: other.user, password: other.password });
    await files.expectEntries(['site-b-only']);
    await expect(tabB).toHaveAttribute('aria-selected', 'true');
    // Tab 2's panels are its own: an empty search, no console history.
    await expect(search).toHaveValue('');
    await consolePanel.tab.click();
    await expect(consolePanel.output.getByRole('listitem')).toHaveCount(0);
    await expect(consolePanel.input).toHaveValue('');

    // Window-level shortcuts with the focus on the tab strip: they reach tab 2 only.
    await tabB.focus();
    await page.keyboard.press('Control+a');
    await expect(files.row('site-b-only')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('F7');
    await expect(openDialog(page)).toHaveCount(1);
    await openDialog(page).getByLabel('Folder name').fill('made-in-tab-2');
    await openDialog(page).getByRole('button', { name: 'Create' }).click();
    await files.expectEntries(['made-in-tab-2', 'site-b-only']);
    expect(statSync(join(other.root, 'made-in-tab-2')).isDirectory()).toBe(true);
    expect(existsSync(join(ftp.root, 'made-in-tab-2'))).toBe(false);

    // Ctrl+U opens tab 2's file chooser, so the file lands on tab 2's server.
    await tabB.focus();
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Control+u');
    await (await chooser).setFiles([{ name: 'from-tab-2.txt', mimeType: 'text/plain', buffer: Buffer.from('tab two\n') }]);
    await expect.poll(() => (existsSync(join(other.root, 'from-tab-2.txt')) ? readFileSync(join(other.root, 'from-tab-2.txt'), 'utf8') : null)).toBe('tab two\n');
    expect(existsSync(join(ftp.root, 'from-tab-2.txt'))).toBe(false);

    // Back in tab 1: its listing untouched (no new folder, nothing selected, no dialog), its panels as left.
    await tabA.click();
    await expect(tabA).toHaveAttribute('aria-selected', 'true');
    await files.expectEntries(['docs', 'readme.txt']);
    await expect(files.row('made-in-tab-2')).toHaveCount(0);
    await expect(files.grid.locator('[role="row"][aria-selected="true"]')).toHaveCount(0);
    await expect(openDialog(page)).toHaveCount(0);
    await expect(search).toHaveValue('SYST');
    await expect(transcript.log.getByText('SYST', { exact: true }).first()).toBeVisible();
    await expect(transcript.log.getByText(/^USER /)).toHaveCount(0);
    await consolePanel.tab.click();
    await expect(consolePanel.output.getByRole('listitem').filter({ hasText: '> SYST' })).toContainText('215 UNIX Type: L8');
    await expect(consolePanel.input).toHaveValue('STAT');
  } finally {
    await other.stop();
  }
});
