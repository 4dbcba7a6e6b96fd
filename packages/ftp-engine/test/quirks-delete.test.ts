/**
 * Recursive delete on servers that misreport links: Globus GridFTP keeps
 * `type=dir` for a link and names it in `UNIX.slink`; pyftpdlib's MLSD,
 * Twisted's and aioftp's LIST show a link as a plain folder. The scripted
 * server answers as they do (a folder refuses DELE, a link takes it) and
 * records every command, so the test can say what was and was not deleted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { QuirkHandler } from './helpers/quirk-server.ts';
import { setup, stopQuirkServers } from './helpers/quirk-setup.ts';

afterEach(stopQuirkServers);

/** Answers DELE with `dele` and RMD with 250; false for any other verb (the scripted server's default then answers). */
function answerDelete(s: Parameters<QuirkHandler>[0], verb: string, dele: string): boolean {
  if (verb === 'DELE') s.reply(dele);
  else if (verb === 'RMD') s.reply('250 Done');
  else return false;
  return true;
}

describe('recursive delete and links', () => {
  it('deletes a GridFTP link (UNIX.slink) as a link, never walking into what it points to', async () => {
    const { client, server } = await setup(
      async (s, verb, arg) => {
        if (verb === 'MLSD') {
          if (arg === 'del') {
            await s.serveData(
              [
                'Type=file;Size=3;Modify=20261121120000;UNIX.mode=0644; a.txt',
                'Type=dir;Size=4096;Modify=20261121120000;UNIX.mode=0777;UNIX.slink=/srv/victim; lnk',
              ].join('\r\n') + '\r\n',
            );
          } else {
            await s.serveData('Type=file;Size=9;Modify=20261121120000; important.txt\r\n');
          }
          return true;
        }
        return answerDelete(s, verb, arg === 'del' ? '550 Is a directory' : '250 Done');
      },
      { feat: ['MLST type*;size*;modify*;UNIX.mode*;UNIX.slink*;', 'EPSV'] },
    );
    await client.rmdir('del', { recursive: true });
    const sent = server.received.filter((l) => /^(MLSD|DELE|RMD)/.test(l));
    expect(sent).toEqual(['DELE del', 'MLSD del', 'DELE del/a.txt', 'DELE del/lnk', 'RMD del']);
    await client.close();
  });

  it('removes a link that MLSD lists as a folder (pyftpdlib) with DELE, never listing what it points to', async () => {
    const { client, server } = await setup(
      async (s, verb, arg) => {
        if (verb === 'MLSD') {
          if (arg === 'del') await s.serveData('type=file;size=3;modify=20261121120000; a.txt\r\ntype=dir;modify=20261121120000; linkdir\r\n');
          else await s.serveData('type=file;size=4;modify=20261121120000; important.txt\r\n');
          return true;
        }
        // `del` is a folder; `del/linkdir` is a link, which unlink removes.
        return answerDelete(s, verb, arg === 'del' ? '550 Is a directory' : '250 Done');
      },
      { feat: ['MLST type*;size*;modify*;', 'EPSV'] },
    );
    const notices: unknown[] = [];
    client.on('transcript', (e: { kind: string; detail?: { type: string } }) => {
      if (e.kind === 'status' && e.detail?.type === 'recursive-delete') notices.push(e.detail);
    });
    await client.rmdir('del', { recursive: true });
    // One notice, before the first DELE, says why folders get DELE.
    expect(notices).toEqual([{ type: 'recursive-delete', path: 'del' }]);
    const sent = server.received.filter((l) => /^(MLSD|DELE|RMD)/.test(l));
    expect(sent).toEqual(['DELE del', 'MLSD del', 'DELE del/a.txt', 'DELE del/linkdir', 'RMD del']);
    await client.close();
  });

  it('stops with FTP_ERR_LINK_LOOP when a folder lists what a folder above it lists (a link shown as a folder, DELE refused)', async () => {
    const { client, server } = await setup(async (s, verb, arg) => {
      if (verb === 'LIST') {
        // `t/loop -> .` on a server that lists the link as a folder: every level looks the same.
        if (arg.includes('t')) await s.serveData('drwxr-xr-x    2 ftp      ftp          4096 Nov 21 12:00 loop\r\n');
        else await s.serveData('');
        return true;
      }
      // A server that will not DELE the link either: only the digests stop the walk.
      return answerDelete(s, verb, '550 Permission denied');
    });
    await expect(client.rmdir('t', { recursive: true })).rejects.toMatchObject({ code: 'FTP_ERR_LINK_LOOP', message: expect.stringMatching(/t\/loop lists exactly what a folder 1 level above/) });
    const lists = server.received.filter((l) => l.startsWith('LIST'));
    expect(lists.length).toBeLessThanOrEqual(3);
    expect(server.received.some((l) => l.startsWith('RMD'))).toBe(false);
    // The session is still usable.
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('stops with FTP_ERR_TOO_DEEP when the server invents a new folder at every level', async () => {
    let level = 0;
    const { client, server } = await setup(async (s, verb) => {
      if (verb === 'LIST') {
        level += 1;
        await s.serveData(`drwxr-xr-x    2 ftp      ftp          4096 Nov 21 12:00 d${level}\r\n`);
        return true;
      }
      return answerDelete(s, verb, '550 Is a directory');
    });
    await expect(client.rmdir('t', { recursive: true })).rejects.toMatchObject({ code: 'FTP_ERR_TOO_DEEP' });
    expect(server.received.filter((l) => l.startsWith('LIST -a')).length).toBe(128);
    expect(server.received.some((l) => l.startsWith('RMD'))).toBe(false);
    expect(await client.pwd()).toBe('/');
    await client.close();
  });
});
