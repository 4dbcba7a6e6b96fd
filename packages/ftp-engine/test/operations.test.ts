/**
 * File and directory verbs against real servers, checked on the server's disk.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, kinds, startServer } from './helpers/servers.ts';

const STAMP = new Date('2021-03-04T05:06:07Z');

describe.each(kinds())('%s operations', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [
      { path: 'file.txt', content: '12345678', mtime: STAMP },
      { path: 'tree/a/b.txt', content: 'b' },
      { path: 'tree/c.txt', content: 'c' },
      { path: 'gone.txt', content: 'x' },
      { path: 'old-name.txt', content: 'rename me' },
    ]);
  });
  afterAll(async () => srv?.stop());
  const disk = (p: string): string => join(srv.root, p);

  it('stats, sizes and dates entries', async () => {
    const { client } = clientFor(srv);
    await client.connect();
    try {
      expect(await client.stat('file.txt')).toMatchObject({ name: 'file.txt', type: 'file', size: 8 });
      expect(await client.stat('/tree')).toMatchObject({ name: 'tree', type: 'dir' });
      expect(await client.stat('missing.txt')).toBeUndefined();
      expect(await client.size('file.txt')).toBe(8);
      expect((await client.lastModified('file.txt'))?.toISOString()).toBe(STAMP.toISOString());
      const next = new Date('2022-05-06T07:08:09Z');
      await client.setLastModified('file.txt', next);
      expect((await client.lastModified('file.txt'))?.toISOString()).toBe(next.toISOString());
      expect(statSync(disk('file.txt')).mtime.toISOString()).toBe(next.toISOString());
    } finally {
      await client.close();
    }
  });

  it('creates and removes directories, deletes, renames and chmods', async () => {
    const { client } = clientFor(srv);
    await client.connect();
    try {
      await client.mkdir('made');
      expect(statSync(disk('made')).isDirectory()).toBe(true);
      await client.mkdir('deep/er/est', { recursive: true });
      expect(statSync(disk('deep/er/est')).isDirectory()).toBe(true);
      await client.mkdir('deep/er', { recursive: true });
      await expect(client.mkdir('made')).rejects.toMatchObject({ code: 'FTP_ERR_REPLY' });
      await client.rmdir('made');
      expect(existsSync(disk('made'))).toBe(false);
      await client.rmdir('tree', { recursive: true });
      expect(existsSync(disk('tree'))).toBe(false);
      await client.remove('gone.txt');
      expect(existsSync(disk('gone.txt'))).toBe(false);
      await expect(client.remove('gone.txt')).rejects.toMatchObject({ code: 'FTP_ERR_REPLY', ftpCode: 550 });
      await client.rename('old-name.txt', 'new name.txt');
      expect(existsSync(disk('new name.txt'))).toBe(true);
      expect(await client.pwd()).toBe('/');
      await client.chmod('new name.txt', 0o600);
      expect(statSync(disk('new name.txt')).mode & 0o777).toBe(0o600);
    } finally {
      await client.close();
    }
  });
});
