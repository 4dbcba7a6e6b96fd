/**
 * An idle session ends, and the tab says so. This spec runs its own FTP
 * Deck server (the suite's shares one with a 30-minute idle timeout) with
 * FTPDECK_SESSION_IDLE_MS at 4 s: a connected tab the user leaves alone is
 * told the session ended, shows itself disconnected, and connects again with
 * one click on the form it kept. (At 1.5 s it failed once on a loaded CI
 * machine: the server swept the session while its connect was still
 * running, which it no longer does; 4 s leaves room between requests too.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../apps/server/node-flags.mjs';
import { expect, test } from '../fixtures/test.ts';

const SERVER_MAIN = fileURLToPath(new URL('../../apps/server/dist/main.mjs', import.meta.url));

let server: ChildProcess | undefined;
let base = '';

test.beforeAll(async () => {
  // dist/main.mjs is built by the suite's webServer command before any spec runs.
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_MAIN, '--port', '0', '--no-demo'], {
    env: { ...process.env, FTPDECK_SESSION_IDLE_MS: '4000', FTPDECK_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server = child;
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error(`the server exited: ${out}`)));
  });
  base = `http://127.0.0.1:${port}`;
});

test.afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server?.once('exit', r));
  server.kill('SIGTERM');
  await exited;
});

test('a tab left alone is told its session ended, and connects again from the form it kept', async ({ page, ftp, connectPage, files }) => {
  await page.goto(`${base}/`);
  await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
  await files.expectEntries(['docs', 'readme.txt']);

  // Nothing is done in the tab: the server's idle sweep ends the session.
  const ended = 'The session ended after a while without activity';
  await expect(page.getByRole('region', { name: 'Notifications' }).getByText(ended)).toBeVisible({ timeout: 15_000 });
  // The file panel says it too, in place of the listing that is gone, and keeps saying it after the
  // page's socket reconnects (to a fresh session) half a second later. It once said it only until then.
  await page.waitForTimeout(2000);
  await expect(page.getByRole('region', { name: 'Remote site' }).getByText(ended)).toBeVisible();
  await expect(page.getByText('Not connected')).toBeVisible();

  // The form still holds the site; one click connects again.
  await expect(connectPage.host).toHaveValue(ftp.host);
  await connectPage.connectButton.click();
  await files.expectEntries(['docs', 'readme.txt']);
});
