/**
 * `mkdirs` over a real WebSocket against vsftpd: a dropped folder tree's
 * folders in a few messages. One `mkdir` request per folder ran into the
 * socket's message rate limit past a few hundred folders on a fast link
 * (800 in a row: 281 refused), and the tree's files then failed in folders
 * that were never made.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { MAX_MKDIRS_PATHS, splitPathList } from '@ftpdeck/protocol';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [{ path: 'tree/there', dir: true }]);
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

const connected = (): Promise<TestWsClient> => TestWsClient.connectedTo(base, ftp, ftp);

const isDir = (path: string): boolean => statSync(join(ftp.root, path), { throwIfNoEntry: false })?.isDirectory() === true;

describe('mkdirs', () => {
  it('makes 1500 folders of a tree, parents first, in requests of up to 200', async () => {
    const client = await connected();
    // 30 top folders with 49 children each: the order a folder drop sends.
    const paths = Array.from({ length: 30 }, (_, i) => [`/big/p${i}`, ...Array.from({ length: 49 }, (_, j) => `/big/p${i}/c${j}`)]).flat();
    paths.unshift('/big');
    let created = 0;
    const runs = splitPathList(paths, MAX_MKDIRS_PATHS);
    expect(runs).toHaveLength(8);
    for (const run of runs) {
      const result = await client.request('mkdirs', { paths: run });
      expect(result.failed).toEqual([]);
      created += result.created;
    }
    expect(created).toBe(paths.length);
    expect(paths.every(isDir)).toBe(true);
    client.close();
  });

  it('lists the folders the server refused and makes the rest', async () => {
    const client = await connected();
    const result = await client.request('mkdirs', { paths: ['/tree/there', '/tree/new', '/nowhere/child', '/tree/new/deeper'] });
    expect(result.created).toBe(2);
    expect(result.failed.map((f) => f.path)).toEqual(['/tree/there', '/nowhere/child']);
    expect(result.failed.every((f) => f.error.ftpCode === 550)).toBe(true);
    expect(isDir('tree/new/deeper')).toBe(true);
    expect(isDir('nowhere')).toBe(false);
    client.close();
  });

  it('fails as a whole, once, without a connection', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    const outcome = await client.request('mkdirs', { paths: ['/a', '/b'] }).then(
      () => 'made',
      (err: { wire?: { code: string } }) => err.wire?.code,
    );
    expect(outcome).toBe('SRV_ERR_NOT_CONNECTED');
    client.close();
  });
});
