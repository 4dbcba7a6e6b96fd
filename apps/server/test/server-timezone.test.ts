/**
 * The connect form's server time zone reaches every FTP connection of the
 * session. Against real vsftpd in Asia/Shanghai, which lists AND answers MDTM
 * in local time, so automatic detection finds offset 0 and times come out
 * 8 h ahead; `serverTimezone: 480` corrects the browsing listing and the
 * listing a folder ZIP makes on a transfer connection.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import type { WireEntry } from '@ftpdeck/protocol';
import { buildApp } from '../src/app.ts';
import { listenOnLoopback } from './support/listen.ts';
import { zipUnixTime } from './support/zipRead.ts';
import { testConfig } from '../src/config.ts';
import { TestWsClient } from './wsClient.ts';

const HOUR = 3_600_000;
// Recent, so LIST shows a time of day (HH:MM) rather than a year.
const TRUTH = new Date(Math.floor(Date.now() / 1000) * 1000 - 2 * 24 * HOUR + 37_000);
const minuteOf = (ms: number): number => Math.floor(ms / 60_000) * 60_000;

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd', { timezone: 'Asia/Shanghai' });
  await seedTree(ftp, [{ path: 'tz/stamp.txt', content: 'stamp\n', mtime: TRUTH }]);
  app = await buildApp(testConfig({ sessionGraceMs: 50 }));
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

async function connectWith(extra: Record<string, unknown>): Promise<TestWsClient> {
  const { client } = await TestWsClient.open(`ws://${base}/ws`);
  await client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password, ...extra } });
  return client;
}

async function listedTime(client: TestWsClient): Promise<number> {
  const { entries } = await client.request('list', { path: '/tz' });
  const at = (entries as WireEntry[]).find((e) => e.name === 'stamp.txt')?.modifiedAt;
  expect(at).toBeDefined();
  return Date.parse(at ?? '');
}

describe('server time zone over a real WebSocket (vsftpd in Asia/Shanghai, MDTM local too)', () => {
  it('without the option, detection sees through nothing: listed times are 8 h ahead', async () => {
    const client = await connectWith({});
    try {
      expect(await listedTime(client)).toBe(minuteOf(TRUTH.getTime()) + 8 * HOUR);
    } finally {
      client.close();
    }
  });

  it('with serverTimezone 480, the listing shows the true time and says the offset was configured', async () => {
    const client = await connectWith({ serverTimezone: 480 });
    try {
      expect(await listedTime(client)).toBe(minuteOf(TRUTH.getTime()));
      const zones = client.events.flatMap((e) => (e.type === 'transcript' ? e.lines : [])).filter((l) => l.detail?.type === 'timezone');
      expect(zones.map((l) => l.detail)).toContainEqual({ type: 'timezone', offsetMinutes: 480, source: 'configured' });
      // A configured offset needs no probe.
      expect(client.transcriptText()).not.toMatch(/^MDTM /m);
    } finally {
      client.close();
    }
  });

  it('applies the same offset on a transfer connection: a folder ZIP carries the true mtime', async () => {
    const client = await connectWith({ serverTimezone: 480 });
    try {
      const { url } = await client.request('download-link', { paths: ['/tz'] });
      const res = await fetch(`http://${base}${url}`);
      expect(res.status).toBe(200);
      const zip = Buffer.from(await res.arrayBuffer());
      expect(zipUnixTime(zip, 'tz/stamp.txt')).toBe(minuteOf(TRUTH.getTime()));
      // The folder was listed on a transfer connection, not the browsing one (lines travel in
      // batches, up to 50 ms behind the HTTP response).
      const listedOn = () =>
        client.events
          .flatMap((e) => (e.type === 'transcript' ? e.lines : []))
          .filter((l) => l.kind === 'command' && /^LIST/.test(l.text))
          .map((l) => l.connection);
      await vi.waitFor(() => expect(listedOn().some((c) => c.startsWith('transfer-'))).toBe(true));
    } finally {
      client.close();
    }
  });
});
