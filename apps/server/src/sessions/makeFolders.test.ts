import { FtpError } from '@ftpdeck/ftp-engine';
import { describe, expect, it } from 'vitest';
import { FolderLists, makeFolders } from './makeFolders.ts';
import { ServerError } from './toWire.ts';

describe('makeFolders', () => {
  it('goes on past a folder that fails, whatever failed it, and lists it', async () => {
    const made: string[] = [];
    const result = await makeFolders(['/a', '/b', '/c', '/d', '/e'], async (path) => {
      if (path === '/a') throw new FtpError('FTP_ERR_REPLY', '550 exists', { ftpCode: 550 });
      // The browsing connection dropped during this MKD and came back: the next ones run.
      if (path === '/b') throw new FtpError('FTP_ERR_CLOSED', 'connection lost');
      if (path === '/c') throw new FtpError('FTP_ERR_INVALID_ARGUMENT', 'cp1252 cannot write 日本');
      if (path === '/d') throw new ServerError('SRV_ERR_DELETING', '/d is being deleted');
      made.push(path);
    });
    expect(made).toEqual(['/e']);
    expect(result.created).toBe(1);
    expect(result.failed.map((f) => [f.path, f.error.code])).toEqual([
      ['/a', 'FTP_ERR_REPLY'],
      ['/b', 'FTP_ERR_CLOSED'],
      ['/c', 'FTP_ERR_INVALID_ARGUMENT'],
      ['/d', 'SRV_ERR_DELETING'],
    ]);
  });

  it('stops at once when the session has no connection and will not get one back', async () => {
    const tried: string[] = [];
    const run = makeFolders(['/a', '/b', '/c'], async (path) => {
      tried.push(path);
      if (path === '/b') throw new ServerError('SRV_ERR_RECONNECT_FAILED', 'gave up');
    });
    await expect(run).rejects.toMatchObject({ code: 'SRV_ERR_RECONNECT_FAILED' });
    expect(tried).toEqual(['/a', '/b']);
  });
});

describe('FolderLists', () => {
  it('runs one list at a time, refusing another meanwhile as retryable', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const lists = new FolderLists(async () => gate);
    const first = lists.make(['/a']);
    await expect(lists.make(['/b'])).rejects.toMatchObject({ code: 'SRV_ERR_LIMIT', retryable: true });
    release();
    await expect(first).resolves.toEqual({ created: 1, failed: [] });
    await expect(lists.make(['/c'])).resolves.toEqual({ created: 1, failed: [] });
  });
});
