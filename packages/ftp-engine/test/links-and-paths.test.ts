/**
 * Against the four real servers, checked on their disks: a recursive delete
 * removes links without following them (pyftpdlib's MLSD lists a link to a
 * folder as `type=dir`), removes a link whose target is gone (ProFTPD's MLSD
 * leaves it out), `stat` of `/` and `.` names a folder, and listing a
 * folder that does not exist is an error (vsftpd answers it with an empty
 * listing).
 */
import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { lchown } from 'node:fs/promises';
import { join } from 'node:path';
import { seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, kinds, startServer } from './helpers/servers.ts';

describe.each(kinds())('%s links and paths', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind);
  });
  afterAll(async () => srv?.stop());
  const disk = (p: string): string => join(srv.root, p);
  /** A symlink inside the root, owned like the rest of the tree. */
  const link = async (target: string, at: string): Promise<void> => {
    symlinkSync(target, disk(at));
    await lchown(disk(at), srv.fsOwner.uid, srv.fsOwner.gid);
  };

  it('deletes a tree holding a link to a folder outside it, and leaves that folder whole', async () => {
    await seedTree(srv, [
      { path: 'del1/own.txt', content: 'mine' },
      { path: 'del1/sub/deeper.txt', content: 'mine too' },
      { path: 'keep1/important.txt', content: 'KEEP' },
      { path: 'keep1/inner/deep.txt', content: 'DEEP' },
    ]);
    await link('../keep1', 'del1/linkdir');
    await link('../keep1/important.txt', 'del1/sub/linkfile');
    const { client } = clientFor(srv);
    await client.connect();
    try {
      await client.rmdir('/del1', { recursive: true });
    } finally {
      await client.close();
    }
    expect(existsSync(disk('del1'))).toBe(false);
    expect(readFileSync(disk('keep1/important.txt'), 'utf8')).toBe('KEEP');
    expect(readFileSync(disk('keep1/inner/deep.txt'), 'utf8')).toBe('DEEP');
  });

  it('removes a link to a folder that is itself the target of a recursive delete, not what it points to', async () => {
    await seedTree(srv, [{ path: 'keep2/important.txt', content: 'KEEP' }]);
    await link('keep2', 'alias2');
    const { client } = clientFor(srv);
    await client.connect();
    try {
      await client.rmdir('/alias2', { recursive: true });
    } finally {
      await client.close();
    }
    expect(() => lstatSync(disk('alias2'))).toThrow();
    expect(readFileSync(disk('keep2/important.txt'), 'utf8')).toBe('KEEP');
  });

  it('deletes a tree holding a link whose target is gone', async () => {
    await seedTree(srv, [{ path: 'del3/g.txt', content: 'g' }]);
    await link('nowhere', 'del3/dangling');
    const { client } = clientFor(srv);
    await client.connect();
    try {
      await client.rmdir('/del3', { recursive: true });
    } finally {
      await client.close();
    }
    expect(() => lstatSync(disk('del3'))).toThrow();
  });

  it('stats / and . as folders', async () => {
    const { client } = clientFor(srv);
    await client.connect();
    try {
      expect(await client.stat('/')).toMatchObject({ type: 'dir' });
      expect(await client.stat('.')).toMatchObject({ type: 'dir' });
    } finally {
      await client.close();
    }
  });

  it('fails to list a folder that does not exist, and lists an empty one as empty', async () => {
    await seedTree(srv, [{ path: 'empty4', dir: true }]);
    const { client } = clientFor(srv);
    await client.connect();
    try {
      await expect(client.list('/no/such/folder')).rejects.toMatchObject({ code: 'FTP_ERR_REPLY', ftpCode: expect.any(Number) });
      expect(await client.list('/empty4')).toEqual([]);
      // The session is where it was.
      expect(await client.pwd()).toBe('/');
    } finally {
      await client.close();
    }
  });
});
