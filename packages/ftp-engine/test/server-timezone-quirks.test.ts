/**
 * Time zone detection against what real servers will not do on demand:
 * no MDTM in FEAT, MDTM refused, an MDTM that makes no zone, and a DOS
 * listing from a server west of UTC on a half-hour zone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TranscriptEvent } from '../src/index.ts';
import type { QuirkHandler } from './helpers/quirk-server.ts';
import { setup, stopQuirkServers } from './helpers/quirk-setup.ts';

afterEach(stopQuirkServers);

/** Answers LIST (with or without -a) with `lines`, and MDTM with `mdtm`. */
function server(lines: string[], mdtm: string): QuirkHandler {
  return async (s, verb) => {
    if (verb === 'MDTM') {
      s.reply(mdtm);
      return true;
    }
    if (verb !== 'LIST') return false;
    const data = await s.data();
    s.reply('150 Here it comes');
    data.end(lines.map((l) => `${l}\r\n`).join(''));
    await new Promise((r) => data.once('close', r));
    s.reply('226 Done');
    return true;
  };
}

const DOS = ['03-10-26  09:38AM                 1 dos.txt', '03-09-26  08:00AM       <DIR>          folder'];
const mdtmSent = (received: string[]): string[] => received.filter((c) => c.startsWith('MDTM'));
const zoneLines = (t: TranscriptEvent[]): TranscriptEvent[] => t.filter((e) => e.detail?.type === 'timezone');

describe('server time zone detection, scripted', () => {
  it('detects UTC-03:30 from a DOS listing and shifts its times', async () => {
    const { client, transcript, server: srv } = await setup(server(DOS, '213 20260310130841'), { feat: ['MDTM', 'SIZE'] });
    const entries = await client.list('/pub');
    expect(mdtmSent(srv.received)).toEqual(['MDTM /pub/dos.txt']);
    expect(entries.find((e) => e.name === 'dos.txt')?.modifiedAt?.toISOString()).toBe('2026-03-10T13:08:00.000Z');
    expect(entries.find((e) => e.name === 'folder')?.modifiedAt?.toISOString()).toBe('2026-03-09T11:30:00.000Z');
    expect(zoneLines(transcript).map((e) => [e.text, e.detail])).toEqual([
      [
        'Server time zone UTC-03:30, from LIST time vs MDTM of dos.txt; LIST times are shifted accordingly',
        { type: 'timezone', offsetMinutes: -210, source: 'detected' },
      ],
    ]);
    await client.close();
  });

  it('sends no MDTM when FEAT lists features but not MDTM', async () => {
    const { client, transcript, server: srv } = await setup(server(DOS, '213 20260310130800'), { feat: ['SIZE'] });
    const entries = await client.list();
    await client.list();
    expect(mdtmSent(srv.received)).toEqual([]);
    expect(entries.find((e) => e.name === 'dos.txt')?.modifiedAt?.toISOString()).toBe('2026-03-10T09:38:00.000Z');
    expect(zoneLines(transcript)).toEqual([]);
    await client.close();
  });

  it('tries once when there was no FEAT to ask, and keeps 0 after a refusal', async () => {
    const { client, transcript, server: srv } = await setup(server(DOS, '550 Not allowed'));
    const first = await client.list();
    await client.list();
    expect(mdtmSent(srv.received)).toEqual(['MDTM dos.txt']);
    expect(first.find((e) => e.name === 'dos.txt')?.modifiedAt?.toISOString()).toBe('2026-03-10T09:38:00.000Z');
    expect(zoneLines(transcript)).toEqual([]);
    await client.close();
  });

  it('keeps 0 when LIST and MDTM are not a whole quarter hour apart', async () => {
    const { client, transcript, server: srv } = await setup(server(DOS, '213 20260310093100'), { feat: ['MDTM'] });
    const entries = await client.list();
    await client.list();
    expect(mdtmSent(srv.received)).toHaveLength(1);
    expect(entries.find((e) => e.name === 'dos.txt')?.modifiedAt?.toISOString()).toBe('2026-03-10T09:38:00.000Z');
    expect(zoneLines(transcript)).toEqual([]);
    await client.close();
  });

  it('waits for a listing with a usable file: folders and dated-only lines do not count', async () => {
    const lines = ['drwxr-xr-x 2 u g 4096 Mar 09 08:00 folder', '-rw-r--r-- 1 u g 1 Jan 02  2019 old.txt'];
    const { client, server: srv } = await setup(server(lines, '213 20190102000000'), { feat: ['MDTM'] });
    await client.list();
    await client.list();
    expect(mdtmSent(srv.received)).toEqual([]);
    await client.close();
  });

  it('uses an old file only until a recent one settles it: a daylight-saving change in between must not shift today', async () => {
    // A Europe/Berlin-like server: the old file was written in summer (UTC+2), the recent one in winter (UTC+1).
    const now = Date.now();
    const old = new Date(now - 40 * DAY);
    const recent = new Date(now - 2 * DAY);
    const wall = (d: Date, offsetMinutes: number): string => unixTime(new Date(d.getTime() + offsetMinutes * 60_000));
    const mdtm = (d: Date): string => `213 ${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}`;
    const listings: Record<string, string[]> = {
      '/summer': [`-rw-r--r-- 1 u g 1 ${wall(old, 120)} old.txt`],
      '/winter': [`-rw-r--r-- 1 u g 1 ${wall(recent, 60)} new.txt`],
    };
    const answers: Record<string, string> = { '/summer/old.txt': mdtm(old), '/winter/new.txt': mdtm(recent) };
    const { client, transcript, server: srv } = await setup(
      async (s, verb, arg) => {
        if (verb === 'MDTM') {
          s.reply(answers[arg] ?? '550 No such file');
          return true;
        }
        if (verb !== 'LIST') return false;
        const lines = listings[arg.replace(/^-a\s*/, '')] ?? [];
        await s.serveData(lines.map((l) => `${l}\r\n`).join(''));
        return true;
      },
      { feat: ['MDTM'] },
    );
    const summer = await client.list('/summer');
    expect(summer[0]?.modifiedAt?.toISOString()).toBe(minute(old));
    const winter = await client.list('/winter');
    expect(winter[0]?.modifiedAt?.toISOString()).toBe(minute(recent));
    await client.list('/winter');
    await client.list('/summer');
    // Two questions: the old file's answer was used but left open; the recent one settled it.
    expect(mdtmSent(srv.received)).toEqual(['MDTM /summer/old.txt', 'MDTM /winter/new.txt']);
    expect(zoneLines(transcript).map((e) => e.detail)).toEqual([
      { type: 'timezone', offsetMinutes: 120, source: 'detected' },
      { type: 'timezone', offsetMinutes: 60, source: 'detected' },
    ]);
    await client.close();
  });

  it('decides nothing from a file being written (MDTM within two minutes of now), and asks about another later', async () => {
    const now = Date.now();
    const busy = new Date(now - 30_000);
    const settledFile = new Date(now - DAY);
    const wall = (d: Date): string => unixTime(new Date(d.getTime() + 480 * 60_000));
    const mdtm = (d: Date): string => `213 ${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}`;
    const listings: Record<string, string[]> = {
      '/a': [`-rw-r--r-- 1 u g 1 ${wall(busy)} growing.log`],
      '/b': [`-rw-r--r-- 1 u g 1 ${wall(settledFile)} done.txt`],
    };
    const answers: Record<string, string> = { '/a/growing.log': mdtm(new Date(busy.getTime() + 61_000)), '/b/done.txt': mdtm(settledFile) };
    const { client, server: srv } = await setup(
      async (s, verb, arg) => {
        if (verb === 'MDTM') {
          s.reply(answers[arg] ?? '550 No such file');
          return true;
        }
        if (verb !== 'LIST') return false;
        await s.serveData((listings[arg.replace(/^-a\s*/, '')] ?? []).map((l) => `${l}\r\n`).join(''));
        return true;
      },
      { feat: ['MDTM'] },
    );
    await client.list('/a');
    const b = await client.list('/b');
    expect(b[0]?.modifiedAt?.toISOString()).toBe(minute(settledFile));
    expect(mdtmSent(srv.received)).toEqual(['MDTM /a/growing.log', 'MDTM /b/done.txt']);
    await client.close();
  });
});

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Nov 21 07:35`: a recent Unix LIST time for the wall clock `d` is read as (UTC fields). */
function unixTime(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `d` cut to the minute, as an ISO string (LIST shows no seconds). */
function minute(d: Date): string {
  return new Date(Math.floor(d.getTime() / 60_000) * 60_000).toISOString();
}
