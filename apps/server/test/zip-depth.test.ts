/**
 * The ZIP walk's bounds on trees that go on and on (review 5's deeptree
 * attack, where the relay grew to 1.8 GB): a depth cap for every folder,
 * checked on a real vsftpd tree 66 levels deep, and the loop cut and the
 * depth cap against a hostile server whose tree never ends.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { FtpClient } from '@ftpdeck/ftp-engine';
import { MAX_ZIP_DEPTH } from '../src/zip/walk.ts';
import { zipRemote } from '../src/zip/zipRemote.ts';
import { startEndlessTreeFtp, type EndlessTreeFtp } from './support/endlessTreeFtp.ts';
import { listenOnLoopback } from './support/listen.ts';
import { gatheredZip, readZip } from './support/zipRead.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let base: string;
let ftp: RunningFtpServer;
const hostile: EndlessTreeFtp[] = [];

/** `deep/l1/l2/…/l66`, each level with a file naming its depth. */
const LEVELS = MAX_ZIP_DEPTH + 2;
const levelDir = (n: number): string => ['deep', ...Array.from({ length: n }, (_, i) => `l${i + 1}`)].join('/');

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(
    ftp,
    [
      ...Array.from({ length: LEVELS + 1 }, (_, n) => ({ path: `${levelDir(n)}/at-${n}.txt`, content: `depth ${n}\n` })),
      // A folder listed first (vsftpd sorts by name), then five files after it.
      ...['x1', 'x2', 'x3', 'x4'].map((x) => ({ path: `cap/a-sub/${x}`, content: x })),
      ...['b', 'c', 'd', 'e', 'f'].map((x) => ({ path: `cap/${x}.txt`, content: x })),
    ],
  );
  app = await buildApp(testConfig({ sessionGraceMs: 0 }));
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await Promise.all(hostile.map((h) => h.stop()));
  await ftp?.stop();
});

async function zipOf(client: TestWsClient, path: string): Promise<Map<string, Buffer>> {
  const { url } = await client.request('download-link', { paths: [path] });
  const res = await fetch(`http://${base}${url}`);
  expect(res.status).toBe(200);
  return readZip(Buffer.from(await res.arrayBuffer()));
}

describe('ZIP walk bounds', () => {
  it(`enters folders down to ${MAX_ZIP_DEPTH} levels below the selection on a real server, and reports the deeper ones`, async () => {
    const client = await TestWsClient.connectedTo(base, ftp, ftp);
    const zip = await zipOf(client, '/deep');
    // Every level down to the cap arrives with its file...
    for (let n = 0; n <= MAX_ZIP_DEPTH; n++) expect(zip.get(`${levelDir(n)}/at-${n}.txt`)?.toString()).toBe(`depth ${n}\n`);
    // ...the folder past it is neither entered nor listed as an empty folder.
    const past = levelDir(MAX_ZIP_DEPTH + 1);
    expect([...zip.keys()].filter((k) => k.startsWith(`${past}/`))).toEqual([]);
    const errors = zip.get('_ftpdeck-errors.txt')?.toString() ?? '';
    expect(errors).toContain(`/${past}/: not entered, it is more than ${MAX_ZIP_DEPTH} folders below the selected one`);
    expect(errors.trim().split('\n')).toHaveLength(3);
    client.close();
  });

  it('cuts a typed folder that lists exactly what the folder above it lists (an endless tree of "a")', async () => {
    const h = await startEndlessTreeFtp(() => 'a');
    hostile.push(h);
    const client = await TestWsClient.connectedTo(base, h, { user: 'u', password: 'p' });
    const zip = await zipOf(client, '/d/');
    expect([...zip.keys()].sort()).toEqual(['_ftpdeck-errors.txt', 'd/']);
    expect(zip.get('_ftpdeck-errors.txt')?.toString()).toContain('/d/a/: not followed, it lists the same names as a folder above it');
    // Two listings: the selection and the folder that repeats it.
    expect(h.lists()).toBe(2);
    client.close();
  });

  it(`stops an endless tree of new names after ${MAX_ZIP_DEPTH} levels, with the archive intact`, async () => {
    const h = await startEndlessTreeFtp((depth) => `a${depth}`);
    hostile.push(h);
    const client = await TestWsClient.connectedTo(base, h, { user: 'u', password: 'p' });
    const zip = await zipOf(client, '/d/');
    const dirs = [...zip.keys()].filter((k) => k.endsWith('/'));
    // d/, then a1 … a64 below it.
    expect(dirs).toHaveLength(MAX_ZIP_DEPTH + 1);
    expect(Math.max(...dirs.map((d) => d.split('/').length - 2))).toBe(MAX_ZIP_DEPTH);
    expect(zip.get('_ftpdeck-errors.txt')?.toString()).toMatch(new RegExp(`/a${MAX_ZIP_DEPTH + 1}/: not entered, it is more than ${MAX_ZIP_DEPTH} folders below`));
    expect(h.lists()).toBe(MAX_ZIP_DEPTH + 1);
    client.close();
  });

  it('counts the listings still waiting on the walk\'s stack against the entry cap', async () => {
    const engine = new FtpClient({ host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password });
    await engine.connect();
    try {
      const { zip, read } = gatheredZip();
      await zipRemote(engine, [{ path: '/cap', type: 'dir' }], zip, { signal: new AbortController().signal, maxEntries: 8 });
      const out = await read();
      // cap/ and a-sub/ are two entries; the five files of cap/ still wait while
      // a-sub/ is walked, so only one of a-sub's four fits.
      expect([...out.keys()].sort()).toEqual([
        '_ftpdeck-errors.txt',
        'cap/',
        'cap/a-sub/',
        'cap/a-sub/x1',
        'cap/b.txt',
        'cap/c.txt',
        'cap/d.txt',
        'cap/e.txt',
        'cap/f.txt',
      ]);
      expect(out.get('_ftpdeck-errors.txt')?.toString()).toContain("/cap/a-sub/: only 1 of its 4 entries taken, the archive would pass 8 entries (the server's limit)");
    } finally {
      await engine.close();
    }
  });
});
