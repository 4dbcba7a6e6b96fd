// The `timezone` and `mlst` options: what LIST, MDTM and FEAT really say.
import { describe, expect, it } from 'vitest';
import { RawFtpControl, seedTree, serverKindsForTests, startFtpServer, UnsupportedServerOptionError } from './index.ts';
import type { FtpServerKind, RunningFtpServer } from './index.ts';
import { trackedStart } from './tracked.ts';
import { rawReceive } from './raw-data.ts';

const available = new Set(serverKindsForTests());
const start = trackedStart();

// Recent, so LIST prints `Mon DD HH:MM`; Asia/Shanghai is UTC+8 all year.
const MTIME = new Date(Math.floor(Date.now() / 1000) * 1000 - 3 * 86_400_000);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');
/** `Nov 18 21:38` as `ls` prints the UTC fields of `d`. */
const lsTime = (d: Date): RegExp => new RegExp(`${MONTHS[d.getUTCMonth()]}\\s+${d.getUTCDate()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} f\\.txt`);
const mdtmOf = (d: Date): string => d.toISOString().replace(/[-:T]/g, '').slice(0, 14);

/** LIST line and MDTM answer for f.txt, with MLST-in-FEAT. */
async function look(server: RunningFtpServer): Promise<{ list: string; mdtm: string; mlst: boolean }> {
  await seedTree(server, [{ path: 'f.txt', content: 'x', mtime: MTIME }]);
  const { control } = await RawFtpControl.open(server.host, server.port);
  try {
    await control.login(server.user, server.password);
    const feat = await control.send('FEAT');
    const list = (await rawReceive(control, 'LIST')).data.toString();
    const mdtm = await control.send('MDTM f.txt');
    return { list, mdtm: mdtm.text, mlst: /^\s*MLST/m.test(feat.text) };
  } finally {
    await control.close();
  }
}

const EIGHT_HOURS = 8 * 3_600_000;
// What each kind does with a zone: LIST is always local; MDTM stays UTC only on some.
const mdtmStaysUtc: Partial<Record<FtpServerKind, boolean>> = { proftpd: true, 'pure-ftpd': true, vsftpd: false, pyftpdlib: false };

describe.each((['proftpd', 'pure-ftpd', 'vsftpd', 'pyftpdlib'] as const).filter((k) => available.has(k)))('%s timezone', (kind) => {
  it('lists in UTC by default', async () => {
    const seen = await look(await start(kind));
    expect(seen.list).toMatch(lsTime(MTIME));
    expect(seen.mdtm).toBe(`213 ${mdtmOf(MTIME)}`);
  });

  it('lists in Asia/Shanghai local time with timezone set', async () => {
    const seen = await look(await start(kind, { timezone: 'Asia/Shanghai' }));
    const local = new Date(MTIME.getTime() + EIGHT_HOURS);
    expect(seen.list).toMatch(lsTime(local));
    expect(seen.mdtm).toBe(`213 ${mdtmOf(mdtmStaysUtc[kind] ? MTIME : local)}`);
  });
});

describe('mlst option', () => {
  it.each((['proftpd', 'pyftpdlib'] as const).filter((k) => available.has(k)))('%s: mlst false leaves MLST out of FEAT', async (kind) => {
    expect((await look(await start(kind))).mlst).toBe(true);
    expect((await look(await start(kind, { mlst: false }))).mlst).toBe(false);
  });
});

describe('unsupported combinations', () => {
  it('refuses what a kind cannot do, before starting anything', async () => {
    await expect(startFtpServer('demo', { timezone: 'Asia/Shanghai' })).rejects.toBeInstanceOf(UnsupportedServerOptionError);
    await expect(startFtpServer('pure-ftpd', { mlst: false })).rejects.toBeInstanceOf(UnsupportedServerOptionError);
    await expect(startFtpServer('vsftpd', { mlst: true })).rejects.toBeInstanceOf(UnsupportedServerOptionError);
    await expect(startFtpServer('proftpd', { timezone: 'Mars/Olympus_Mons' })).rejects.toThrow(/no zone file/);
    await expect(startFtpServer('proftpd', { timezone: 'America' })).rejects.toThrow(/no zone file/);
    await expect(startFtpServer('proftpd', { timezone: '../../etc/passwd' })).rejects.toThrow(/not an IANA zone name/);
  });
});
