/**
 * The server's time zone for LIST times, against real servers running in
 * Asia/Shanghai (UTC+8, no DST): detected from LIST vs MDTM, configured, and
 * the servers whose MDTM is local too, where detection must not shift.
 */
import { seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FtpClient, type FileEntry, type TranscriptEvent } from '../src/index.ts';
import { clientFor, kinds, startServer } from './helpers/servers.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
// Recent (so LIST shows HH:MM), with seconds (so MDTM has some to cut).
const base = Math.floor(Date.now() / 1000) * 1000 - 2 * DAY;
const NEWEST = new Date(base + 37_000);
const OLDER = new Date(base - 9 * DAY + 12_000);
const SUB_FILE = new Date(base - 3 * DAY + 5_000);

const toMinute = (d: Date): string => new Date(Math.floor(d.getTime() / 60_000) * 60_000).toISOString();
const timeOf = (entries: FileEntry[], name: string): string | undefined => {
  const at = entries.find((e) => e.name === name)?.modifiedAt;
  return at ? toMinute(at) : undefined;
};
const mdtms = (t: TranscriptEvent[]): string[] => t.filter((e) => e.kind === 'command' && /^MDTM /i.test(e.text)).map((e) => e.text);
const zoneLines = (t: TranscriptEvent[]): TranscriptEvent[] => t.filter((e) => e.detail?.type === 'timezone');

async function seed(srv: RunningFtpServer): Promise<void> {
  await seedTree(srv, [
    { path: 'newest.txt', content: 'n', mtime: NEWEST },
    { path: 'older.txt', content: 'o', mtime: OLDER },
    { path: 'sub/inner.txt', content: 'i', mtime: SUB_FILE },
    { path: 'empty', dir: true },
  ]);
}

describe.each(kinds(['proftpd']))('%s in Asia/Shanghai, LIST only', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    // FactsAdvertise off: no MLST in FEAT, so the engine lists with LIST and stats with a LIST of the parent.
    srv = await startServer(kind, { timezone: 'Asia/Shanghai', mlst: false });
    await seed(srv);
  });
  afterAll(async () => srv?.stop());

  it('detects UTC+08:00 once from LIST vs MDTM and corrects every LIST time', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      // A listing without a file decides nothing and sends no MDTM.
      expect(await client.list('/empty')).toEqual([]);
      expect(mdtms(transcript)).toEqual([]);

      const sub = await client.list('/sub');
      expect(timeOf(sub, 'inner.txt')).toBe(toMinute(SUB_FILE));
      expect(mdtms(transcript)).toEqual(['MDTM /sub/inner.txt']);
      const zones = zoneLines(transcript);
      expect(zones).toHaveLength(1);
      expect(zones[0]).toMatchObject({ kind: 'status', detail: { type: 'timezone', offsetMinutes: 480, source: 'detected' } });
      expect(zones[0]?.text).toContain('UTC+08:00');
      expect(zones[0]?.text).toContain('inner.txt');

      const root = await client.list();
      expect(timeOf(root, 'newest.txt')).toBe(toMinute(NEWEST));
      expect(timeOf(root, 'older.txt')).toBe(toMinute(OLDER));
      // stat() falls back to a LIST of the parent here, with the same offset.
      const st = await client.stat('older.txt');
      expect(st?.modifiedAt && toMinute(st.modifiedAt)).toBe(toMinute(OLDER));
      // Still the one MDTM of the session, and still one status line.
      expect(mdtms(transcript)).toHaveLength(1);
      expect(zoneLines(transcript)).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('probes the newest file with a time of day', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      await client.list();
      expect(mdtms(transcript)).toEqual(['MDTM newest.txt']);
    } finally {
      await client.close();
    }
  });

  it('uses a configured offset as is, with no MDTM', async () => {
    const { client, transcript } = clientFor(srv, { serverTimezoneOffsetMinutes: 480 });
    await client.connect();
    try {
      const root = await client.list('/');
      expect(timeOf(root, 'newest.txt')).toBe(toMinute(NEWEST));
      expect(timeOf(root, 'older.txt')).toBe(toMinute(OLDER));
      expect(mdtms(transcript)).toEqual([]);
      expect(zoneLines(transcript).map((e) => e.detail)).toEqual([{ type: 'timezone', offsetMinutes: 480, source: 'configured' }]);
    } finally {
      await client.close();
    }
  });
});

describe.each(kinds(['proftpd']))('%s in UTC, LIST only', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind, { mlst: false });
    await seed(srv);
  });
  afterAll(async () => srv?.stop());

  it('finds offset 0: times unchanged, no status line, one MDTM per session', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      const first = await client.list();
      const second = await client.list('/sub');
      expect(timeOf(first, 'newest.txt')).toBe(toMinute(NEWEST));
      expect(timeOf(second, 'inner.txt')).toBe(toMinute(SUB_FILE));
      expect(mdtms(transcript)).toHaveLength(1);
      expect(zoneLines(transcript)).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe.each(kinds(['vsftpd']))('%s with use_localtime in Asia/Shanghai', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind, { timezone: 'Asia/Shanghai' });
    await seed(srv);
  });
  afterAll(async () => srv?.stop());

  // vsftpd's use_localtime puts MDTM in local time too, so LIST and MDTM
  // agree and the server looks like UTC: no automatic correction is
  // possible. Detection must then stay at 0 (never a wrong shift), and the
  // configured option is the remedy.
  it('detects 0 (MDTM is local too) and leaves LIST times as printed', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      const root = await client.list();
      expect(mdtms(transcript)).toEqual(['MDTM newest.txt']);
      expect(zoneLines(transcript)).toEqual([]);
      // The wall clock read as UTC: 8 hours ahead of the true time.
      expect(timeOf(root, 'newest.txt')).toBe(toMinute(new Date(NEWEST.getTime() + 8 * HOUR)));
    } finally {
      await client.close();
    }
  });

  it('is corrected by the configured offset', async () => {
    const { client, transcript } = clientFor(srv, { serverTimezoneOffsetMinutes: 480 });
    await client.connect();
    try {
      const root = await client.list();
      expect(timeOf(root, 'newest.txt')).toBe(toMinute(NEWEST));
      expect(timeOf(root, 'older.txt')).toBe(toMinute(OLDER));
      expect(mdtms(transcript)).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe.each(kinds(['proftpd', 'pure-ftpd']))('%s in Asia/Shanghai (MLSD)', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind, { timezone: 'Asia/Shanghai' });
    await seed(srv);
  });
  afterAll(async () => srv?.stop());

  it('needs nothing: MLSD times are UTC, and no MDTM is sent', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      const root = await client.list();
      expect(transcript.some((e) => e.kind === 'command' && e.text.startsWith('MLSD'))).toBe(true);
      expect(timeOf(root, 'newest.txt')).toBe(toMinute(NEWEST));
      expect(mdtms(transcript)).toEqual([]);
      expect(zoneLines(transcript)).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe('serverTimezoneOffsetMinutes validation', () => {
  const make = (v: unknown): FtpClient =>
    // Deliberately ill-typed values, as a JavaScript caller could pass them.
    new FtpClient({ host: '127.0.0.1', serverTimezoneOffsetMinutes: v as number });

  it('accepts auto and whole minutes within ±15 h', () => {
    for (const v of ['auto', 0, 480, -210, 900, -900, undefined]) expect(() => make(v)).not.toThrow();
  });

  it('refuses anything else with FTP_ERR_INVALID_ARGUMENT', () => {
    for (const v of [901, -901, 1.5, Number.NaN, Infinity, '480', 'utc']) {
      expect(() => make(v)).toThrow(expect.objectContaining({ code: 'FTP_ERR_INVALID_ARGUMENT' }));
    }
  });
});
