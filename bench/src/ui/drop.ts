/**
 * The small-file drop of the UI bench: N files of a few bytes dropped onto
 * the file list, timed from the drop until every one is whole on the FTP
 * server's disk and the transfers panel says they are done. Per-file work
 * dominates there (a data connection, STOR, 226 and the size check per
 * file, and in the page a row, transcript lines and store writes per file),
 * so it shows what bulk byte rates hide.
 *
 * The same files go up two other ways in the same run, for scale:
 * - curl, one process and one connection for all of them (`-T "{a,b}"`);
 * - our engine alone, one connection, one file after another.
 * The page runs two uploads at a time, so it can beat both.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { FtpClient } from '@ftpdeck/ftp-engine';
import type { RunningFtpServer } from '@ftpdeck/test-servers';

/** How one way of uploading the files did. */
export interface DropFigures {
  ms: number;
  filesPerSecond: number;
}

const fileName = (i: number): string => `f${String(i).padStart(5, '0')}.txt`;
const content = (i: number): string => `file ${i}\n`;

/** Makes a folder in the server's root that its FTP user can write. */
function serverFolder(ftp: RunningFtpServer, name: string): string {
  const dir = join(ftp.root, name);
  mkdirSync(dir);
  if (process.getuid?.() === 0) chownSync(dir, ftp.fsOwner.uid, ftp.fsOwner.gid);
  return dir;
}

/** Waits until all `count` files are on disk with their whole content (vsftpd creates a file at STOR, before its bytes). */
async function untilOnDisk(dir: string, count: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  const whole = (): number => readdirSync(dir).filter((n) => statSync(join(dir, n)).size === content(Number(n.slice(1, 6))).length).length;
  while (whole() < count) {
    if (performance.now() > deadline) throw new Error(`only ${whole()} of ${count} files arrived whole in ${dir}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const figures = (count: number, ms: number): DropFigures => ({ ms, filesPerSecond: (count / ms) * 1000 });

/**
 * Opens `/<folder>` in the page (which must show the root), drops `count`
 * files on its list and waits until all are on the server's disk.
 */
export async function measurePageDrop(page: Page, ftp: RunningFtpServer, folder: string, count: number): Promise<DropFigures> {
  const dir = serverFolder(ftp, folder);
  // Each run counts its own files as done.
  const panel = page.getByRole('region', { name: 'Transfers' });
  const clear = panel.getByRole('button', { name: 'Clear finished' });
  if ((await clear.isVisible()) && (await clear.isEnabled())) await clear.click();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByRole('row').filter({ hasText: folder }).first().dblclick();
  await page.getByText('This folder is empty').waitFor();
  const files = Array.from({ length: count }, (_, i) => ({ name: fileName(i), content: content(i) }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.content], f.name, { type: 'application/octet-stream' }));
    return dt;
  }, files);
  const grid = page.getByRole('grid');
  await grid.dispatchEvent('dragenter', { dataTransfer });
  await grid.dispatchEvent('dragover', { dataTransfer });
  const started = performance.now();
  await grid.dispatchEvent('drop', { dataTransfer });
  await untilOnDisk(dir, count, 600_000);
  // Done for the user once the transfers panel says so, not when the server has the bytes.
  await panel.getByText(`${count} done`, { exact: true }).waitFor({ timeout: 60_000 });
  const ms = performance.now() - started;
  // The next run starts after this folder's last listing, which shows every file.
  await page.getByRole('row').filter({ hasText: fileName(count - 1) }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Parent folder' }).click();
  return figures(count, ms);
}

/** Writes the files once into a local folder for curl and the engine. */
export function localFiles(count: number): { dir: string; remove(): void } {
  const dir = mkdtempSync('/dev/shm/ftpdeck-uibench-drop-');
  for (let i = 0; i < count; i += 1) writeFileSync(join(dir, fileName(i)), content(i));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** curl uploads all files over one connection (its `{a,b,…}` glob), login included. */
export function measureCurlDrop(ftp: RunningFtpServer, local: string, folder: string, count: number): DropFigures {
  const dir = serverFolder(ftp, folder);
  const names = Array.from({ length: count }, (_, i) => fileName(i)).join(',');
  const started = performance.now();
  const r = spawnSync('curl', ['--silent', '--show-error', '--happy-eyeballs-timeout-ms', '10', '-T', `${local}/{${names}}`, `ftp://${ftp.user}:${ftp.password}@${ftp.host}:${ftp.port}/${folder}/`]);
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`curl failed (${r.status}): ${r.stderr.toString()}`);
  if (readdirSync(dir).length !== count) throw new Error(`curl left ${readdirSync(dir).length} of ${count} files`);
  return figures(count, ms);
}

/** Our engine alone: one connection, one file after another, login included. */
export async function measureEngineDrop(ftp: RunningFtpServer, local: string, folder: string, count: number): Promise<DropFigures> {
  const dir = serverFolder(ftp, folder);
  const client = new FtpClient({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password, connectionLabel: 'bench' });
  const started = performance.now();
  try {
    await client.connect();
    for (let i = 0; i < count; i += 1) await client.upload(join(local, fileName(i)), `/${folder}/${fileName(i)}`);
  } finally {
    await client.close();
  }
  const ms = performance.now() - started;
  if (readdirSync(dir).length !== count) throw new Error(`the engine left ${readdirSync(dir).length} of ${count} files`);
  return figures(count, ms);
}
