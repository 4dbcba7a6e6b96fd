/**
 * Recursive deletes over a real WebSocket against vsftpd: they run on a
 * transfer connection, report progress by the page's job number, and stop
 * on `remove-cancel` with what they had not reached still on disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, serverTreePaths, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import type { ServerMessage } from '@ftpdeck/protocol';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;

/** `count` files spread over `folders` folders below `name`. */
function bulk(name: string, folders: number, count: number): { path: string; content: string }[] {
  return Array.from({ length: count }, (_, i) => ({ path: `${name}/d${i % folders}/f${i}.txt`, content: String(i) }));
}

type Progress = Extract<ServerMessage, { type: 'remove-progress' }>;
/** A `remove-progress` of `job` with at least `removed` removed. */
const isProgress =
  (job: number, removed = 0) =>
  (m: ServerMessage): m is Progress =>
    m.type === 'remove-progress' && m.job === job && m.removed >= removed;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [...bulk('small', 3, 30), ...bulk('big', 20, 1500), ...bulk('twice', 10, 800), ...bulk('guarded', 10, 800), ...bulk('first', 10, 600), ...bulk('second', 2, 20), ...bulk('third', 2, 20), { path: 'outside.txt', content: 'keep' }]);
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

async function connected(): Promise<TestWsClient> {
  const { client } = await TestWsClient.open(`ws://${base}/ws`);
  await client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password } });
  return client;
}

describe('recursive delete over the WebSocket', () => {
  it('counts what it removed, reports progress by job, and runs on a transfer connection', async () => {
    const client = await connected();
    try {
      const { removed } = await client.request('remove', { path: '/small', dir: true, recursive: true, job: 41 });
      // 30 files, 3 folders and `small` itself.
      expect(removed).toBe(34);
      expect(existsSync(join(ftp.root, 'small'))).toBe(false);
      const progress = client.events.filter(isProgress(41));
      // The first event comes as it starts, naming its connection: a transfer connection, not `browse`.
      expect(progress[0]).toMatchObject({ job: 41, removed: 0, path: '/small' });
      expect(progress[0]?.connection).toMatch(/^transfer-\d+$/);
      // The last one says it is the last, with the final count and the folder, for a page that hears no reply.
      expect(progress.at(-1)).toMatchObject({ removed: 34, root: '/small', final: true });
      expect(progress.filter((p) => p.final)).toHaveLength(1);
      const rmd = client.events.flatMap((e) => (e.type === 'transcript' ? e.lines : [])).find((l) => l.text === 'RMD /small');
      expect(rmd?.connection).toBe(progress[0]?.connection);
    } finally {
      client.close();
    }
  });

  it('stops on remove-cancel, leaving exactly what it had not removed', async () => {
    const client = await connected();
    try {
      const before = serverTreePaths(ftp, '/big').length + 1;
      const run = client.request('remove', { path: '/big', dir: true, recursive: true, job: 7 }).then(
        () => null,
        (err: { wire?: { code: string; message: string } }) => err.wire,
      );
      await client.waitFor(isProgress(7, 1));
      // Browsing is not held up behind the delete: it has the browsing connection to itself.
      expect((await client.request('list', { path: '/' })).entries.map((e) => e.name)).toContain('big');
      expect(await client.request('remove-cancel', { job: 7 })).toEqual({ stopping: true });
      const error = await run;
      expect(error?.code).toBe('FTP_ERR_ABORTED');
      const removed = Number(/after removing (\d+) item/.exec(error?.message ?? '')?.[1]);
      expect(removed).toBeGreaterThan(0);
      expect(removed).toBeLessThan(before);
      expect(serverTreePaths(ftp, '/big').length + 1).toBe(before - removed);
      // The last event before the reply carries that final count, however throttled the ones before.
      expect(client.events.filter(isProgress(7)).at(-1)?.removed).toBe(removed);
      // The job has ended: cancelling again finds nothing, and the connection deletes the rest.
      expect(await client.request('remove-cancel', { job: 7 })).toEqual({ stopping: false });
      expect((await client.request('remove', { path: '/big', dir: true, recursive: true })).removed).toBe(before - removed);
      expect(existsSync(join(ftp.root, 'big'))).toBe(false);
    } finally {
      client.close();
    }
  });

  it('refuses uploads, new folders and moves into the folder it is deleting, and allows them elsewhere', async () => {
    const client = await connected();
    try {
      const run = client.request('remove', { path: '/guarded', dir: true, recursive: true, job: 12 }).catch((err: { wire?: { code: string } }) => err.wire?.code);
      await client.waitFor(isProgress(12, 1));
      const refused = { wire: { code: 'SRV_ERR_DELETING', message: expect.stringContaining('/guarded is being deleted') } };
      // The delete would reach these later and remove what the user was told had been written.
      await expect(client.request('upload-start', { path: '/guarded/d9/new.txt', size: 4 })).rejects.toMatchObject(refused);
      await expect(client.request('mkdir', { path: '/guarded/d9/sub' })).rejects.toMatchObject(refused);
      await expect(client.request('rename', { from: '/outside.txt', to: '/guarded/outside.txt' })).rejects.toMatchObject(refused);
      await expect(client.request('mkdir', { path: 'guarded' })).rejects.toMatchObject(refused);
      // A second delete there (a reloaded page deleting it again) would race this one.
      await expect(client.request('remove', { path: '/guarded', dir: true, recursive: true, job: 13 })).rejects.toMatchObject(refused);
      await expect(client.request('remove', { path: '/guarded/d9/f9.txt' })).rejects.toMatchObject(refused);
      // A name that merely starts the same is another folder.
      await client.request('mkdir', { path: '/guarded-not' });
      expect(existsSync(join(ftp.root, 'guarded-not'))).toBe(true);
      await client.request('remove-cancel', { job: 12 });
      expect(await run).toBe('FTP_ERR_ABORTED');
      expect(readFileSync(join(ftp.root, 'outside.txt'), 'utf8')).toBe('keep');
      // Once it has ended, the folder takes writes again.
      const { done } = await client.upload('/guarded/d9/new.txt', Buffer.from('new!'));
      expect(done.ok).toBe(true);
      expect(readFileSync(join(ftp.root, 'guarded/d9/new.txt'), 'utf8')).toBe('new!');
    } finally {
      client.close();
    }
  });

  it('runs one delete at a time, and a waiting one leaves the line at once when stopped', async () => {
    const client = await connected();
    try {
      const outcome = (job: number) =>
        client.request('remove', { path: `/${['first', 'second', 'third'][job - 21]}`, dir: true, recursive: true, job }).then(
          (r) => r.removed,
          (err: { wire?: { code: string; message: string } }) => err.wire,
        );
      const first = outcome(21);
      const second = outcome(22);
      const third = outcome(23);
      await client.waitFor(isProgress(21, 1));
      // The others wait their turn: no event of theirs yet, so none holds a connection.
      expect(client.events.some((e) => e.type === 'remove-progress' && e.job !== 21)).toBe(false);
      // The one in the middle of the line leaves it; the one behind it still waits for the first.
      expect(await client.request('remove-cancel', { job: 22 })).toEqual({ stopping: true });
      expect(await second).toMatchObject({ code: 'FTP_ERR_ABORTED', message: expect.stringContaining('waiting for another delete') });
      expect(existsSync(join(ftp.root, 'second/d1'))).toBe(true);
      expect(await first).toBe(611);
      expect(await third).toBe(23);
      // The third began only once the first had ended.
      const events = client.events.filter((e): e is Progress => e.type === 'remove-progress' && (e.job === 21 || e.job === 23));
      expect(events.findIndex((e) => e.job === 23)).toBeGreaterThan(events.findIndex((e) => e.job === 21 && e.final === true));
    } finally {
      client.close();
    }
  });

  it('refuses a second delete under a job number that is still running', async () => {
    const client = await connected();
    try {
      const first = client.request('remove', { path: '/twice', dir: true, recursive: true, job: 9 }).catch((err: { wire?: { code: string } }) => err.wire?.code);
      await client.waitFor(isProgress(9, 1));
      await expect(client.request('remove', { path: '/elsewhere', dir: true, recursive: true, job: 9 })).rejects.toMatchObject({ wire: { code: 'SRV_ERR_BAD_MESSAGE' } });
      await client.request('remove-cancel', { job: 9 });
      expect(await first).toBe('FTP_ERR_ABORTED');
    } finally {
      client.close();
    }
  });
});
