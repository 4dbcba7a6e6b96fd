/**
 * A server that refuses LIST as unknown and speaks NLST alone (some
 * embedded and locked-down servers), replayed by the scripted loopback
 * server: folders still show their names, the fallback is said once and
 * remembered, and a recursive delete finds out which names are folders.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { QuirkHandler } from './helpers/quirk-server.ts';
import { setup, stopQuirkServers } from './helpers/quirk-setup.ts';

afterEach(stopQuirkServers);

/** `/top` holds a file and a folder with one file in it. */
const TREE: Record<string, string[]> = {
  '/top': ['/top/a.txt', '/top/sub'],
  '/top/sub': ['/top/sub/b.bin'],
};

function nlstOnly(removed: string[], locked: string[] = [], refuseRoot = false): QuirkHandler {
  return async (s, verb, arg) => {
    if (verb === 'LIST' || verb === 'MLSD') {
      s.reply('502 Command not implemented.');
      return true;
    }
    if (verb === 'NLST') {
      const names = TREE[arg || '/top'];
      if (!names) {
        s.reply('550 No such directory.');
        return true;
      }
      await s.serveData(names.filter((n) => !removed.includes(n)).map((n) => `${n}\r\n`).join(''));
      return true;
    }
    if (verb === 'DELE') {
      if (locked.includes(arg)) s.reply('550 Permission denied.');
      else if (TREE[arg]) s.reply('550 Is a directory.');
      else {
        removed.push(arg);
        s.reply('250 Deleted.');
      }
      return true;
    }
    if (verb === 'CWD') {
      const ok = TREE[arg] !== undefined || (arg === '/' && !refuseRoot);
      s.reply(ok ? '250 Directory changed.' : '550 Not a directory.');
      return true;
    }
    if (verb === 'RMD') {
      if (!TREE[arg]) s.reply('550 Not a directory.');
      else {
        removed.push(arg);
        s.reply('250 Removed.');
      }
      return true;
    }
    return false;
  };
}

describe('a server with NLST only', () => {
  it('lists names (last path segment, type unknown), says so once and goes straight to NLST afterwards', async () => {
    const { client, server, transcript } = await setup(nlstOnly([]));
    const first = await client.list('/top');
    expect(first.map((e) => [e.name, e.type, e.size, e.modifiedAt])).toEqual([
      ['a.txt', 'unknown', undefined, undefined],
      ['sub', 'unknown', undefined, undefined],
    ]);
    expect((await client.list('/top/sub')).map((e) => e.name)).toEqual(['b.bin']);
    const listing = server.received.filter((l) => /^(LIST|NLST|MLSD)/.test(l));
    expect(listing).toEqual(['LIST -a /top', 'LIST /top', 'NLST /top', 'NLST /top/sub']);
    const fallbacks = transcript.filter((e) => e.detail?.type === 'fallback' && e.detail.to === 'NLST');
    expect(fallbacks).toHaveLength(1);
    await client.close();
  });

  it('settles what a name is by entering it: stat and isDirectory CWD there and back', async () => {
    const { client, server } = await setup(nlstOnly([]));
    expect(await client.stat('/top/sub')).toMatchObject({ name: 'sub', type: 'dir' });
    expect(await client.stat('/top/a.txt')).toMatchObject({ name: 'a.txt', type: 'unknown' });
    expect(await client.isDirectory('/top/sub')).toBe(true);
    expect(await client.isDirectory('/top/a.txt')).toBe(false);
    // Each successful CWD is followed by one back to where the session was.
    expect(server.received.filter((l) => /^(CWD|PWD)/.test(l))).toEqual([
      'PWD',
      'CWD /top/sub',
      'CWD /',
      'PWD',
      'CWD /top/a.txt',
      'PWD',
      'CWD /top/sub',
      'CWD /',
      'PWD',
      'CWD /top/a.txt',
    ]);
    await client.close();
  });

  it('keeps the listed entry when the way back is refused, and says where isDirectory left the session', async () => {
    const { client } = await setup(nlstOnly([], [], true));
    // stat only wanted to know: the entry as listed, not an error.
    expect(await client.stat('/top/sub')).toMatchObject({ name: 'sub', type: 'unknown' });
    const err = await client.isDirectory('/top/sub').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FTP_ERR_REPLY', ftpCode: 550 });
    expect((err as Error).message).toContain('the working directory is now /top/sub');
    await client.close();
  });

  it('deletes a tree recursively: DELE for files, and a refused DELE marks a folder to empty and RMD', async () => {
    const removed: string[] = [];
    const { client } = await setup(nlstOnly(removed));
    await client.rmdir('/top', { recursive: true });
    expect(removed).toEqual(['/top/a.txt', '/top/sub/b.bin', '/top/sub', '/top']);
    await client.close();
  });

  it('reports a file it may not delete as that, not as a folder it could not remove', async () => {
    const removed: string[] = [];
    const { client } = await setup(nlstOnly(removed, ['/top/a.txt']));
    const err = await client.rmdir('/top', { recursive: true }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FTP_ERR_REPLY', ftpCode: 550, message: 'Cannot delete /top/a.txt: 550 Permission denied.' });
    expect(removed).toEqual([]);
    await client.close();
  });
});
