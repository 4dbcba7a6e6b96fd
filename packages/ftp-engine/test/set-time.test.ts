/**
 * setLastModified on the server's disk: MFMT where offered, else the
 * two-argument MDTM, which vsftpd with use_localtime reads in its own zone;
 * with `fresh` the engine learns that zone from the file just written and
 * shifts the time it sends, so the file ends with the time asked for.
 */
import { seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientFor, kinds, sourceOf, startServer, type Kind } from './helpers/servers.ts';

const WANTED = new Date('2019-03-04T05:06:07Z');
const mtimeOf = (srv: RunningFtpServer, name: string): string => statSync(join(srv.root, name)).mtime.toISOString();

describe('setting a file time', () => {
  let srv: RunningFtpServer | undefined;
  afterEach(async () => {
    await srv?.stop();
    srv = undefined;
  });

  const cases: Array<[Kind, string | undefined]> = [
    ...kinds().map((k): [Kind, undefined] => [k, undefined]),
    ['vsftpd', 'Asia/Shanghai'],
    ['vsftpd', 'America/St_Johns'],
    ['vsftpd', 'Asia/Kathmandu'],
  ];
  it.each(cases)('%s (zone %s) ends with the time asked for', async (kind, timezone) => {
    srv = await startServer(kind, timezone ? { timezone } : {});
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      await client.upload(sourceOf(Buffer.from('just written')), 'new.txt');
      await client.setLastModified('new.txt', WANTED, { fresh: true });
      expect(mtimeOf(srv, 'new.txt')).toBe(WANTED.toISOString());
      // A zone learnt from a fresh file serves later calls on older files too.
      await seedTree(srv, [{ path: 'old.txt', content: 'old' }]);
      await client.setLastModified('old.txt', WANTED);
      expect(mtimeOf(srv, 'old.txt')).toBe(WANTED.toISOString());
      const said = transcript.filter((e) => e.kind === 'status' && e.text.startsWith('MDTM times are in'));
      const zone = { 'Asia/Shanghai': 'UTC+08:00', 'America/St_Johns': 'UTC-03:30', 'Asia/Kathmandu': 'UTC+05:45' }[timezone ?? ''];
      if (kind === 'vsftpd' && zone) expect(said.map((e) => e.text)).toEqual([expect.stringContaining(zone)]);
      else expect(said).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('takes a server clock some minutes off ours for no zone: a UTC server gets the time asked for', async () => {
    srv = await startServer('vsftpd');
    const { client, transcript } = clientFor(srv);
    await client.connect();
    // Our clock 14 minutes behind the server's: the new file's MDTM reads 14 minutes "ahead", which no zone is.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() - 14 * 60_000 });
    try {
      await client.upload(sourceOf(Buffer.from('just written')), 'skewed.txt');
      await client.setLastModified('skewed.txt', WANTED, { fresh: true });
      expect(mtimeOf(srv, 'skewed.txt')).toBe(WANTED.toISOString());
      expect(transcript.filter((e) => e.kind === 'status' && e.text.startsWith('MDTM times are in'))).toEqual([]);
    } finally {
      vi.useRealTimers();
      await client.close();
    }
  });
});
