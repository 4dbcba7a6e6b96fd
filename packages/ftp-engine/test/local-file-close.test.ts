/**
 * A local file named by path is closed as soon as the data side is through
 * (read to its end for an upload, every byte written for a download), while
 * the server's final reply is still on its way, not after it. Replayed by
 * the scripted server, which holds its 226 back; what is asserted is the
 * process's open descriptors (/proc/self/fd) in that window, and the bytes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOpen } from './helpers/fds.ts';
import { quirkTestsWithTempDir, setup } from './helpers/quirk-setup.ts';
import type { QuirkHandler } from './helpers/quirk-server.ts';

const tempDir = quirkTestsWithTempDir('ftpdeck-close-');

/** Waits up to a second for `check` to hold. */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

/** Answers the transfer command, moves the data, then waits for `release` before its 226. */
function slowFinal(verb: 'RETR' | 'STOR', payload: Buffer, seen: { bytes: Buffer[] }, release: Promise<void>): QuirkHandler {
  return async (s, v) => {
    if (v !== verb) return false;
    const data = await s.data();
    s.reply('150 Opening data connection');
    if (verb === 'RETR') data.end(payload);
    else data.on('data', (c: Buffer) => seen.bytes.push(c));
    await new Promise((r) => data.once('close', r));
    await release;
    s.reply('226 Transfer complete');
    return true;
  };
}

describe('local files named by path', () => {
  it('closes an upload’s source once it is read, before the 226', async () => {
    const payload = Buffer.alloc(300_000, 5);
    const file = join(tempDir(), 'up.bin');
    await writeFile(file, payload);
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    const seen = { bytes: [] as Buffer[] };
    const { client } = await setup(slowFinal('STOR', payload, seen, held));
    const upload = client.upload(file, 'up.bin');
    // Every byte is with the server, which has not said 226 yet: the file is closed already.
    expect(await eventually(async () => Buffer.concat(seen.bytes).length === payload.length && !(await isOpen(file)))).toBe(true);
    release();
    const r = await upload;
    expect(r.bytes).toBe(payload.length);
    expect(Buffer.concat(seen.bytes).equals(payload)).toBe(true);
    await client.close();
  });

  it('closes a download’s file once every byte is written, before the 226', async () => {
    const payload = Buffer.alloc(300_000, 6);
    const file = join(tempDir(), 'down.bin');
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    const { client } = await setup(slowFinal('RETR', payload, { bytes: [] }, held));
    const download = client.download('f', file);
    const written = async (): Promise<number> => (await readFile(file).catch(() => Buffer.alloc(0))).length;
    expect(await eventually(async () => (await written()) === payload.length && !(await isOpen(file)))).toBe(true);
    release();
    expect((await download).bytes).toBe(payload.length);
    expect((await readFile(file)).equals(payload)).toBe(true);
    await client.close();
  });
});
