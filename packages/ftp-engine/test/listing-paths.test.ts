/**
 * Folders whose path LIST would misread: spaces (split by ls-based servers
 * such as inetutils and netkit ftpd), wildcards (expanded by vsftpd, ProFTPD
 * and Pure-FTPd) and a leading dash (read as options). The engine lists them
 * from inside (CWD, LIST, CWD back); checked against real servers, with
 * siblings whose names a misread path would match. None of our four real
 * servers splits at spaces, so a scripted server replays inetutils ftpd,
 * which runs `ls` on the words of the argument.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, kinds, startServer } from './helpers/servers.ts';
import { setup, stopQuirkServers } from './helpers/quirk-setup.ts';

const names = (entries: { name: string }[]): string[] => entries.map((e) => e.name).sort();

describe.each(kinds())('%s: listing paths that LIST would misread', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [
      { path: 'docs/in-docs.txt', content: 'a' },
      { path: 'docs old/b.txt', content: 'bb' },
      { path: 'docs old/sub/c.txt', content: 'c' },
      { path: 'old/in-old.txt', content: 'o' },
      { path: 'x [1] *?/d.txt', content: 'd' },
      { path: 'x 1 ab/in-x.txt', content: 'x' },
      { path: '-dash/f.txt', content: 'f' },
    ]);
  });
  afterAll(async () => srv?.stop());

  it('lists exactly the folder named, and leaves the working directory where it was', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      const home = await client.pwd();
      expect(names(await client.list('/docs old'))).toEqual(['b.txt', 'sub']);
      expect(names(await client.list('/docs old/sub'))).toEqual(['c.txt']);
      expect(names(await client.list('/x [1] *?'))).toEqual(['d.txt']);
      expect(names(await client.list('-dash'))).toEqual(['f.txt']);
      expect(await client.stat('/docs old/b.txt')).toMatchObject({ type: 'file', size: 2 });
      expect(await client.pwd()).toBe(home);
      // MLSD takes its path literally; LIST servers (vsftpd) get the visit, said once.
      const mlsd = (await client.features()).features.has('MLST');
      expect(transcript.filter((e) => e.detail?.type === 'fallback' && e.detail.to === 'CWD path, LIST')).toHaveLength(mlsd ? 0 : 1);
      expect(transcript.some((e) => e.kind === 'command' && e.text === 'CWD /docs old')).toBe(!mlsd);
    } finally {
      await client.close();
    }
  });

  it('deletes such a folder recursively without touching its look-alike siblings', async () => {
    const { client } = clientFor(srv);
    await client.connect();
    try {
      await client.rmdir('/docs old', { recursive: true });
      expect(existsSync(join(srv.root, 'docs old'))).toBe(false);
      expect(existsSync(join(srv.root, 'docs/in-docs.txt'))).toBe(true);
      expect(existsSync(join(srv.root, 'old/in-old.txt'))).toBe(true);
    } finally {
      await client.close();
    }
  });
});

describe('a server that runs ls on the words of the LIST argument (inetutils, netkit ftpd)', () => {
  afterEach(stopQuirkServers);

  const folders: Record<string, string> = {
    '/docs': '-rw-r--r--    1 ftp ftp   1 Nov 21 12:00 in-docs.txt\r\n',
    '/docs old': '-rw-r--r--    1 ftp ftp   2 Nov 21 12:00 b.txt\r\ndrwxr-xr-x    2 ftp ftp  4096 Nov 21 12:00 sub\r\n',
    '/docs old/sub': '-rw-r--r--    1 ftp ftp   1 Nov 21 12:00 c.txt\r\n',
  };

  function startSplittingServer() {
    let cwd = '/';
    return setup(async (s, verb, arg) => {
      if (verb === 'PWD') {
        s.reply(`257 "${cwd}" is current directory.`);
        return true;
      }
      if (verb === 'CWD') {
        const to = arg.startsWith('/') ? arg : `${cwd === '/' ? '' : cwd}/${arg}`;
        if (to !== '/' && folders[to] === undefined) {
          s.reply(`550 ${arg}: No such file or directory.`);
          return true;
        }
        cwd = to;
        s.reply('250 CWD command successful.');
        return true;
      }
      if (verb === 'LIST') {
        // ls gets the words: `-a /docs old` lists /docs and complains about `old`.
        const words = arg.split(' ').filter((w) => w !== '' && !w.startsWith('-'));
        const listed = words.length === 0 ? [cwd] : words;
        await s.serveData(listed.map((w) => folders[w] ?? `ls: ${w}: No such file or directory\r\n`).join(''));
        return true;
      }
      return false;
    });
  }

  it('lists a folder with spaces from inside it, not its look-alike', async () => {
    const { client, server } = await startSplittingServer();
    expect(names(await client.list('/docs old'))).toEqual(['b.txt', 'sub']);
    expect(names(await client.list('/docs old/sub'))).toEqual(['c.txt']);
    expect(names(await client.list('/docs'))).toEqual(['in-docs.txt']);
    expect(await client.pwd()).toBe('/');
    expect(server.received.filter((l) => /^(CWD|LIST)/.test(l))).toEqual([
      'CWD /docs old',
      'LIST -a',
      'CWD /',
      'CWD /docs old/sub',
      'LIST -a',
      'CWD /',
      'LIST -a /docs',
    ]);
    await client.close();
  });

  it('still sends the path when it cannot go in (a file, or no such folder)', async () => {
    const { client, server } = await startSplittingServer();
    expect(await client.list('/no such')).toEqual([]);
    expect(server.received.filter((l) => /^(CWD|LIST)/.test(l))).toEqual(['CWD /no such', 'LIST -a /no such']);
    await client.close();
  });
});
