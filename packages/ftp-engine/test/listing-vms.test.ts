/**
 * An OpenVMS server, replayed by the scripted loopback server: SYST says
 * VMS, `LIST -a` is refused (VMS reads `-a` as a file name), and `LIST`
 * sends a VMS directory listing with a two-line entry. The engine sends
 * nothing VMS-specific; the listing parser does the work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { setup, stopQuirkServers } from './helpers/quirk-setup.ts';

afterEach(stopQuirkServers);

const LISTING = [
  'Directory DISK$USER:[USERS.FTP]',
  '',
  'FILE.TXT;2          4/5     21-NOV-2026 07:35:08.12  [USER,FTP]  (RWED,RWED,RE,)',
  'FILE.TXT;1          3/5     20-NOV-2026 18:00:00.00  [USER,FTP]  (RWED,RWED,RE,)',
  'SUBDIR.DIR;1        1/3      2-JAN-2025 09:00        [USER,FTP]  (RWE,RWE,RE,E)',
  'VERYLONGFILENAME.EXTENSION;12',
  '                    170/171 21-NOV-2026 07:35        [1,4]       (RWED,RWED,RE,)',
  '',
  'Total of 4 files, 178/184 blocks.',
].join('\r\n');

describe('OpenVMS server', () => {
  it('lists a VMS directory: versions dropped, .DIR folders, 512-byte blocks, owner and protection', async () => {
    const { client, server, transcript } = await setup(async (s, verb, arg) => {
      if (verb === 'SYST') {
        s.reply('215 VMS V5.5');
        return true;
      }
      if (verb !== 'LIST') return false;
      if (arg.startsWith('-a')) {
        s.reply('550 -A: file not found');
        return true;
      }
      await s.serveData(`${LISTING}\r\n`);
      return true;
    });
    expect(client.features().system).toBe('VMS V5.5');
    const entries = await client.list();
    expect(entries.map((e) => [e.name, e.type, e.size, e.modifiedAt?.toISOString(), e.owner, e.group, e.permissions])).toEqual([
      ['FILE.TXT', 'file', 4 * 512, '2026-11-21T07:35:08.000Z', 'FTP', 'USER', '(RWED,RWED,RE,)'],
      ['SUBDIR', 'dir', 512, '2025-01-02T09:00:00.000Z', 'FTP', 'USER', '(RWE,RWE,RE,E)'],
      ['VERYLONGFILENAME.EXTENSION', 'file', 170 * 512, '2026-11-21T07:35:00.000Z', '4', '1', '(RWED,RWED,RE,)'],
    ]);
    // Header, trailer and blank lines are framing, not unread entries.
    expect(transcript.some((e) => e.detail?.type === 'listing-unread')).toBe(false);
    // Nothing VMS-specific goes to the server: no SITE command after SYST.
    expect(server.received.some((l) => l.startsWith('SITE'))).toBe(false);
    expect(server.received.filter((l) => l.startsWith('LIST'))).toEqual(['LIST -a', 'LIST']);
    await client.close();
  });
});
