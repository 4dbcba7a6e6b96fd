/**
 * What the page is told of the downloads its links start (`download-progress`,
 * `download-end`) and how it stops one (`download-cancel`), against a real
 * vsftpd that paces its transfers, so a download is still running when the
 * test looks at it.
 */
import { randomBytes } from 'node:crypto';
import type { ServerMessage } from '@ftpdeck/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { readZip } from './support/zipRead.ts';
import { TestWsClient } from './wsClient.ts';

type Progress = Extract<ServerMessage, { type: 'download-progress' }>;
type End = Extract<ServerMessage, { type: 'download-end' }>;

/** vsftpd sends at most this many bytes a second on a data connection. */
const RATE = 1024 * 1024;
let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;
const small = randomBytes(300 * 1024);
const slow = randomBytes(8 * 1024 * 1024);

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd', { maxRate: RATE });
  await seedTree(ftp, [
    { path: 'small.bin', content: small },
    { path: 'slow.bin', content: slow },
    { path: 'docs/a.txt', content: 'alpha\n' },
    { path: 'docs/b.bin', content: small },
  ]);
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

const connected = (): Promise<TestWsClient> => TestWsClient.connectedTo(base, ftp, ftp);
const progressOf = (client: TestWsClient, id: number): Progress[] =>
  client.events.filter((m): m is Progress => m.type === 'download-progress' && m.downloadId === id);
const endOf = (client: TestWsClient, id: number): Promise<End> => client.waitFor((m): m is End => m.type === 'download-end' && m.downloadId === id);

describe('downloads the page is shown', () => {
  it('a file: starts at 0 with its name, size and connection, climbs, and ends at its size', async () => {
    const client = await connected();
    const { url, link } = await client.request('download-link', { paths: ['/small.bin'] });
    const body = Buffer.from(await (await fetch(`http://${base}${url}`)).arrayBuffer());
    expect(body.equals(small)).toBe(true);
    // Shown from the moment the browser asks, waiting; then as its body starts, with what it turned out to be.
    const asked = await client.waitFor((m): m is Progress => m.type === 'download-progress');
    expect(asked).toMatchObject({ waiting: true, name: 'small.bin', path: '/small.bin', bytes: 0 });
    const first = await client.waitFor((m): m is Progress => m.type === 'download-progress' && !m.waiting);
    expect(first).toMatchObject({ downloadId: asked.downloadId, name: 'small.bin', path: '/small.bin', offset: 0, bytes: 0, total: small.length, link, connection: expect.stringMatching(/^transfer-\d+$/) });
    expect(first.zip).toBeUndefined();
    const end = await endOf(client, first.downloadId);
    expect(end).toMatchObject({ ok: true, bytes: small.length });
    expect(end.error).toBeUndefined();
    // Paced at 1 MiB/s, 300 KiB take about 300 ms: progress came in between, never going back.
    const seen = progressOf(client, first.downloadId).map((p) => p.bytes);
    expect(seen.length).toBeGreaterThan(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(client.events.some((m) => m.type === 'download-failed')).toBe(false);
    // The size the route looked up feeds the progress: no second SIZE before the RETR.
    expect(client.transcriptText().match(/^SIZE \/small\.bin$/gm)).toHaveLength(1);
    client.close();
  });

  it('a Range request starts at its offset', async () => {
    const client = await connected();
    const { url } = await client.request('download-link', { paths: ['/small.bin'] });
    const res = await fetch(`http://${base}${url}`, { headers: { range: 'bytes=100000-' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).equals(small.subarray(100_000))).toBe(true);
    const first = await client.waitFor((m): m is Progress => m.type === 'download-progress' && !m.waiting);
    expect(first).toMatchObject({ offset: 100_000, bytes: 100_000, total: small.length });
    expect(await endOf(client, first.downloadId)).toMatchObject({ ok: true, bytes: small.length });
    client.close();
  });

  it('a ZIP counts the archive, whose size is not known ahead', async () => {
    const client = await connected();
    const { url } = await client.request('download-link', { paths: ['/docs'] });
    const body = Buffer.from(await (await fetch(`http://${base}${url}`)).arrayBuffer());
    expect(readZip(body).get('docs/b.bin')?.equals(small)).toBe(true);
    const first = await client.waitFor((m): m is Progress => m.type === 'download-progress' && !m.waiting);
    expect(first).toMatchObject({ name: 'docs.zip', path: '/docs', zip: true, offset: 0 });
    expect(first.total).toBeUndefined();
    expect(await endOf(client, first.downloadId)).toMatchObject({ ok: true, bytes: body.length });
    client.close();
  });

  it('Stop from the page: ABOR, the response is cut, the end says stopped, and the session goes on', async () => {
    const client = await connected();
    const { url } = await client.request('download-link', { paths: ['/slow.bin'] });
    const res = await fetch(`http://${base}${url}`);
    const reader = res.body?.getReader();
    let got = 0;
    const read = (async () => {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return 'complete';
        got += chunk.value.length;
      }
    })().catch(() => 'cut');
    const started = await client.waitFor((m): m is Progress => m.type === 'download-progress' && m.bytes > 0);
    expect(await client.request('download-cancel', { downloadId: started.downloadId })).toEqual({ stopping: true });
    expect(await read).toBe('cut');
    expect(got).toBeLessThan(slow.length);
    const end = await endOf(client, started.downloadId);
    expect(end).toMatchObject({ ok: false, stopped: 'page' });
    expect(end.error).toBeUndefined();
    // Stopped on purpose: nothing to explain in a toast.
    expect(client.events.some((m) => m.type === 'download-failed')).toBe(false);
    expect(client.transcriptText()).toMatch(/^ABOR$/m);
    // The link is spent: Chromium fetches a cut download again on its own, which must not start it over.
    const again = await fetch(`http://${base}${url}`);
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: 'SRV_ERR_TICKET_UNKNOWN' });
    // Already over: nothing to stop.
    expect(await client.request('download-cancel', { downloadId: started.downloadId })).toEqual({ stopping: false });
    expect(await client.request('raw', { line: 'NOOP' })).toMatchObject({ code: 200 });
    // ABOR left its connection in step, so the next download gets that one: no second login.
    // (The row ends at once; the connection is back once the engine's call has ended, as the transcript says.)
    await client.waitFor((m) => m.type === 'transcript' && m.lines.some((l) => l.text === 'The transfer was aborted'));
    const next = await client.request('download-link', { paths: ['/small.bin'] });
    expect(Buffer.from(await (await fetch(`http://${base}${next.url}`)).arrayBuffer()).equals(small)).toBe(true);
    const nextEnd = await client.waitFor((m): m is End => m.type === 'download-end' && m.downloadId !== started.downloadId);
    expect(nextEnd).toMatchObject({ ok: true, bytes: small.length });
    expect(started.connection).toBe('transfer-1');
    expect(progressOf(client, nextEnd.downloadId).find((p) => p.connection)?.connection).toBe('transfer-1');
    client.close();
  });

  it('Close session mid-download: the download fails with why, not as a stop of the user\'s', async () => {
    const client = await connected();
    const { url } = await client.request('download-link', { paths: ['/slow.bin'] });
    const res = await fetch(`http://${base}${url}`);
    const read = res.arrayBuffer().then(
      () => 'complete',
      () => 'cut',
    );
    const started = await client.waitFor((m): m is Progress => m.type === 'download-progress' && m.bytes > 0);
    await client.request('disconnect');
    expect(await read).toBe('cut');
    const end = await endOf(client, started.downloadId);
    expect(end).toMatchObject({ ok: false, error: { code: 'SRV_ERR_CANCELLED' } });
    expect(end.stopped).toBeUndefined();
    // Its link went with the connection: the browser's own retry finds nothing (and a Connect elsewhere could not serve another file by it).
    expect((await fetch(`http://${base}${url}`)).status).toBe(404);
    client.close();
  });

  it('one waiting for a free connection shows as waiting, and its Cancel takes it out of the line', async () => {
    const oneSlot = await buildApp(testConfig({ transferConnections: 1 }));
    const oneBase = await listenOnLoopback(oneSlot);
    try {
      const client = await TestWsClient.connectedTo(oneBase, ftp, ftp);
      const first = await client.request('download-link', { paths: ['/slow.bin'] });
      const running = fetch(`http://${oneBase}${first.url}`).then((r) => r.arrayBuffer());
      const a = await client.waitFor((m): m is Progress => m.type === 'download-progress' && m.bytes > 0);
      // The only transfer connection is busy: the next one waits, and its row says so.
      // A folder, named as the web app names folders (with a trailing slash), so the row's guess is the ZIP.
      const second = await client.request('download-link', { paths: ['/docs/'] });
      const queued = fetch(`http://${oneBase}${second.url}`);
      const b = await client.waitFor((m): m is Progress => m.type === 'download-progress' && m.downloadId !== a.downloadId);
      expect(b).toMatchObject({ waiting: true, name: 'docs.zip', zip: true, bytes: 0 });
      expect(b.connection).toBeUndefined();
      expect(await client.request('download-cancel', { downloadId: b.downloadId })).toEqual({ stopping: true });
      // The browser gets an error status (a failed download), and no RETR ever goes out for it.
      expect((await queued).status).toBe(409);
      expect(await endOf(client, b.downloadId)).toMatchObject({ ok: false, stopped: 'page' });
      expect(client.events.some((m) => m.type === 'download-failed')).toBe(false);
      expect(Buffer.from(await running).equals(slow)).toBe(true);
      expect(client.transcriptText()).not.toMatch(/^(MLSD|LIST|RETR) \/docs/m);
      client.close();
    } finally {
      await oneSlot.close();
    }
  });

  it('a link the page fetches itself (the editor) is not shown, nor stopped by download-cancel', async () => {
    const client = await connected();
    const { url } = await client.request('download-link', { paths: ['/docs/a.txt'], fetched: true });
    // Its download would be number 1 of this session; it is not the page's to stop.
    expect(await client.request('download-cancel', { downloadId: 1 })).toEqual({ stopping: false });
    expect(await (await fetch(`http://${base}${url}`)).text()).toBe('alpha\n');
    expect(await (await fetch(`http://${base}${url}`)).text()).toBe('alpha\n');
    // The browsing connection answers only after the download's events would have gone out.
    await client.request('raw', { line: 'NOOP' });
    await new Promise((r) => setTimeout(r, 100));
    expect(client.events.filter((m) => m.type === 'download-progress' || m.type === 'download-end')).toEqual([]);
    client.close();
  });
});

describe('a download whose tab was closed', () => {
  it('runs on to its end past the grace period, which then starts again, and the session ends', async () => {
    const brief = await buildApp(testConfig({ sessionGraceMs: 1500 }));
    const briefBase = await listenOnLoopback(brief);
    try {
      const client = await TestWsClient.connectedTo(briefBase, ftp, ftp);
      const { url } = await client.request('download-link', { paths: ['/slow.bin'] });
      const res = await fetch(`http://${briefBase}${url}`);
      const body = res.arrayBuffer();
      await client.waitFor((m): m is Progress => m.type === 'download-progress' && m.bytes > 0);
      // The tab goes; the browser's download manager keeps reading. 8 MiB at 1 MiB/s outlast the 1.5 s grace.
      client.close();
      expect(Buffer.from(await body).equals(slow)).toBe(true);
      // A fresh grace period after its last download, for the browser to fetch a cut one again: not gone at once.
      await new Promise((r) => setTimeout(r, 500));
      expect(brief.sessions.size).toBe(1);
      await expect.poll(() => brief.sessions.size, { timeout: 5000 }).toBe(0);
    } finally {
      await brief.close();
    }
  });

  it('a tab that comes back while it runs gets the session, is told of the download, and sees it end', async () => {
    const brief = await buildApp(testConfig({ sessionGraceMs: 50 }));
    const briefBase = await listenOnLoopback(brief);
    try {
      const { client, welcome } = await TestWsClient.open(`ws://${briefBase}/ws`);
      await client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password } });
      const { url } = await client.request('download-link', { paths: ['/slow.bin'] });
      const body = fetch(`http://${briefBase}${url}`).then((r) => r.arrayBuffer());
      const started = await client.waitFor((m): m is Progress => m.type === 'download-progress' && m.bytes > 0);
      client.close();
      // Well past the grace period: the session lingers for its download.
      await new Promise((r) => setTimeout(r, 1200));
      const back = await TestWsClient.open(`ws://${briefBase}/ws`, { token: welcome.sessionToken });
      expect(back.welcome).toMatchObject({ resumed: true, downloads: [started.downloadId] });
      // Its progress comes at once, for the page to show the row.
      expect(await back.client.waitFor((m): m is Progress => m.type === 'download-progress' && m.downloadId === started.downloadId)).toMatchObject({ name: 'slow.bin' });
      expect(Buffer.from(await body).equals(slow)).toBe(true);
      expect(await endOf(back.client, started.downloadId)).toMatchObject({ ok: true, bytes: slow.length });
      // Held by a tab again: no linger timer ends it under the tab.
      await new Promise((r) => setTimeout(r, 1200));
      expect(brief.sessions.size).toBe(1);
      back.client.close();
    } finally {
      await brief.close();
    }
  });

  it('does not hold the session for ever when nobody reads it', async () => {
    const fast = await startFtpServer('vsftpd');
    await seedTree(fast, [{ path: 'big.bin', content: randomBytes(64 * 1024 * 1024) }]);
    const brief = await buildApp(testConfig({ sessionGraceMs: 50, sessionIdleMs: 1500 }));
    const briefBase = await listenOnLoopback(brief);
    try {
      const client = await TestWsClient.connectedTo(briefBase, fast, fast);
      const { url } = await client.request('download-link', { paths: ['/big.bin'] });
      const res = await fetch(`http://${briefBase}${url}`);
      // One read, then none: the socket fills and the bytes stop, as when a browser pauses a download.
      const reader = res.body?.getReader();
      await reader?.read();
      client.close();
      await new Promise((r) => setTimeout(r, 500));
      expect(brief.sessions.size).toBe(1);
      await expect.poll(() => brief.sessions.size, { timeout: 10_000 }).toBe(0);
      await reader?.cancel().catch(() => undefined);
    } finally {
      await brief.close();
      await fast.stop();
    }
  });
});
