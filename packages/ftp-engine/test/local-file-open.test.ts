/**
 * A local file named by path is opened while the commands before the
 * transfer (SIZE, TYPE, EPSV and the data connection) are answered, not
 * before them: its thread-pool round trips then overlap round trips to the
 * server. What must still hold: a bad local path fails before the transfer
 * command (no REST, RETR, STOR or APPE), with the data connection closed
 * unused and the session usable; and a failure of those commands leaves the
 * local side as a refused download leaves it (a file it created is removed,
 * an existing one is untouched) and holds no descriptor open. Replayed by
 * the scripted server; the assertions are the transcript, the local disk
 * and /proc/self/fd.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FtpErrorCodes, type TranscriptEvent } from '../src/index.ts';
import { isOpen } from './helpers/fds.ts';
import { quirkTestsWithTempDir, setup } from './helpers/quirk-setup.ts';
import { clientFor, startServer } from './helpers/servers.ts';
import type { QuirkHandler } from './helpers/quirk-server.ts';

const tempDir = quirkTestsWithTempDir('ftpdeck-open-');

/** Refuses TYPE A (login's TYPE I goes through), so an ASCII transfer fails before its data command. */
const refuseTypeA: QuirkHandler = (s, verb, arg) => {
  if (verb !== 'TYPE' || arg.toUpperCase() !== 'A') return false;
  s.reply('504 Command not implemented for that parameter');
  return true;
};

/** The verbs the client sent after logging in. */
function verbsSent(transcript: TranscriptEvent[]): string[] {
  return transcript.filter((e) => e.kind === 'command').map((e) => e.text.split(' ')[0]!);
}

/** Whether every data connection the client opened was closed again. */
function dataClosedUnused(transcript: TranscriptEvent[]): boolean {
  const opened = transcript.filter((e) => e.text.startsWith('Data connection open')).length;
  const closed = transcript.filter((e) => e.text.startsWith('Data connection closed')).length;
  return opened === closed;
}

describe('local files named by path, opened while the server answers', () => {
  it('fails a download into a folder that is not there before RETR, and closes the data connection', async () => {
    const { client, transcript } = await setup(() => false);
    const start = transcript.length;
    await expect(client.download('f', join(tempDir(), 'no-such-folder', 'x.bin'))).rejects.toMatchObject({ code: FtpErrorCodes.LOCAL_STREAM });
    expect(verbsSent(transcript.slice(start)).filter((v) => ['REST', 'RETR'].includes(v))).toEqual([]);
    expect(dataClosedUnused(transcript.slice(start))).toBe(true);
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('fails an upload from a file that is not there before STOR, and closes the data connection', async () => {
    const { client, transcript } = await setup(() => false);
    const start = transcript.length;
    await expect(client.upload(join(tempDir(), 'missing.bin'), 'f')).rejects.toMatchObject({ code: FtpErrorCodes.LOCAL_STREAM });
    expect(verbsSent(transcript.slice(start)).filter((v) => ['REST', 'STOR', 'APPE'].includes(v))).toEqual([]);
    expect(dataClosedUnused(transcript.slice(start))).toBe(true);
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('removes a file it created, and leaves an existing one as it was, when TYPE A is refused', async () => {
    const { client } = await setup(refuseTypeA);
    const fresh = join(tempDir(), 'fresh.bin');
    await expect(client.download('f', fresh, { type: 'ascii' })).rejects.toMatchObject({ ftpCode: 504 });
    await expect(stat(fresh)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await isOpen(fresh)).toBe(false);
    const kept = join(tempDir(), 'kept.txt');
    await writeFile(kept, 'local original');
    await expect(client.download('f', kept, { type: 'ascii' })).rejects.toMatchObject({ ftpCode: 504 });
    expect(await readFile(kept, 'utf8')).toBe('local original');
    expect(await isOpen(kept)).toBe(false);
    await client.close();
  });

  it('closes an upload’s source when TYPE A is refused', async () => {
    const { client } = await setup(refuseTypeA);
    const source = join(tempDir(), 'source.bin');
    await writeFile(source, 'to be sent');
    await expect(client.upload(source, 'f', { type: 'ascii' })).rejects.toMatchObject({ ftpCode: 504 });
    expect(await isOpen(source)).toBe(false);
    await client.close();
  });
});

describe('closing lines for data connections opened and not used, in active mode', () => {
  it('gives the connection pyftpdlib opens at PORT a closing line when RETR is refused', async () => {
    const srv = await startServer('pyftpdlib');
    try {
      const { client, transcript } = clientFor(srv, { dataMode: 'active' });
      await client.connect();
      await expect(client.download('missing.bin', join(tempDir(), 'x.bin'))).rejects.toMatchObject({ ftpCode: 550 });
      const opened = transcript.filter((e) => e.text.startsWith('Data connection open'));
      expect(opened.length).toBeGreaterThan(0);
      expect(dataClosedUnused(transcript)).toBe(true);
      await client.close();
    } finally {
      await srv.stop();
    }
  });
});
