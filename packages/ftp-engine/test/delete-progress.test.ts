/**
 * A recursive delete reports each removal and can be stopped between
 * commands, against real servers: the files left on the server's disk are
 * exactly the ones the progress did not name, and the connection still
 * answers afterwards.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { seedTree, serverTreePaths, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeleteProgress } from '../src/index.ts';
import { clientFor, kinds, startServer } from './helpers/servers.ts';

/** 3 folders of 4 files, 2 loose files: 17 items inside `name`, 18 with it. */
function seedSpecs(name: string): { path: string; content: string }[] {
  const specs = [0, 1].map((i) => ({ path: `${name}/loose-${i}.txt`, content: `loose ${i}` }));
  for (const d of ['a', 'b', 'c']) {
    for (let i = 0; i < 4; i += 1) specs.push({ path: `${name}/${d}/f${i}.bin`, content: `${d}${i}` });
  }
  return specs;
}

describe.each(kinds())('%s recursive delete progress and stop', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [...seedSpecs('whole'), ...seedSpecs('halted'), ...seedSpecs('queued')]);
  });
  afterAll(async () => srv?.stop());

  it('reports every file and folder it removes, the folder itself last', async () => {
    const before = serverTreePaths(srv, '/whole');
    const { client } = clientFor(srv);
    await client.connect();
    try {
      const seen: DeleteProgress[] = [];
      await client.rmdir('/whole', { recursive: true, onProgress: (p) => seen.push(p) });
      expect(existsSync(join(srv.root, 'whole'))).toBe(false);
      expect(seen.map((p) => p.removed)).toEqual(before.map((_, i) => i + 1).concat(before.length + 1));
      expect(new Set(seen.map((p) => p.path))).toEqual(new Set([...before, '/whole']));
      expect(seen.at(-1)?.path).toBe('/whole');
    } finally {
      await client.close();
    }
  });

  it('stops before its next command when the signal fires, and keeps what it had not reached', async () => {
    const before = serverTreePaths(srv, '/halted');
    const { client } = clientFor(srv);
    await client.connect();
    try {
      const stop = new AbortController();
      const gone: string[] = [];
      const run = client.rmdir('/halted', {
        recursive: true,
        signal: stop.signal,
        onProgress: (p) => {
          gone.push(p.path);
          if (p.removed === 5) stop.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED', message: expect.stringContaining('after removing 5 items') });
      expect(gone).toHaveLength(5);
      // Exactly what progress named went; everything else is on disk.
      const left = serverTreePaths(srv, '/halted');
      expect(new Set([...left, ...gone])).toEqual(new Set(before));
      expect(left).toHaveLength(before.length - 5);
      // The control connection stayed in step: the next command gets its own answer.
      expect((await client.list('/halted')).map((e) => e.name).length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it('never starts when stopped while it waits behind another call', async () => {
    const { client } = clientFor(srv);
    await client.connect();
    try {
      const stop = new AbortController();
      const listing = client.list('/queued');
      const run = client.rmdir('/queued', { recursive: true, signal: stop.signal });
      stop.abort();
      await expect(run).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
      expect((await listing).length).toBe(5);
      expect(serverTreePaths(srv, '/queued')).toHaveLength(17);
    } finally {
      await client.close();
    }
  });
});
