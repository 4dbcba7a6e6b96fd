/**
 * Phase 1 against real servers: login, navigation, listing a seeded tree,
 * a 5 MiB upload and download compared byte for byte on disk, and the
 * transcript's masking.
 */
import { readServerFile, seedTree } from '@ftpdeck/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, kinds, random, Sink, sourceOf, startServer } from './helpers/servers.ts';

const KINDS = kinds(['vsftpd', 'proftpd', 'pure-ftpd', 'pyftpdlib', 'demo']);

describe.each(KINDS)('%s basics', (kind) => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [
      { path: 'docs/readme.txt', content: 'read me\n' },
      { path: 'hello.txt', content: 'hello' },
      { path: 'with space.bin', content: Buffer.alloc(1234, 7) },
    ]);
  });
  afterAll(async () => srv?.stop());

  it('logs in, navigates and lists', async () => {
    const { client } = clientFor(srv);
    await client.connect();
    try {
      expect(await client.pwd()).toBe('/');
      const entries = await client.list();
      const byName = new Map(entries.map((e) => [e.name, e]));
      expect(byName.get('docs')?.type).toBe('dir');
      expect(byName.get('hello.txt')).toMatchObject({ type: 'file', size: 5 });
      expect(byName.get('with space.bin')).toMatchObject({ type: 'file', size: 1234 });
      await client.cd('docs');
      expect(await client.pwd()).toBe('/docs');
      expect((await client.list()).map((e) => e.name)).toEqual(['readme.txt']);
      await client.cdup();
      expect(await client.pwd()).toBe('/');
      expect((await client.list('docs')).map((e) => e.name)).toEqual(['readme.txt']);
    } finally {
      await client.close();
    }
  });

  it('uploads and downloads 5 MiB byte-exact, and masks the password', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    const data = random(5 * 1024 * 1024);
    try {
      const up = await client.upload(sourceOf(data), 'big.bin');
      expect(up.bytes).toBe(data.length);
      expect((await readServerFile(srv, 'big.bin')).equals(data)).toBe(true);
      const sink = new Sink();
      const down = await client.download('big.bin', sink);
      expect(down.bytes).toBe(data.length);
      expect(sink.data.equals(data)).toBe(true);
    } finally {
      await client.close();
    }
    const texts = transcript.map((e) => e.text);
    expect(texts).toContain('STOR big.bin');
    expect(transcript.some((e) => e.kind === 'reply' && e.code === 226)).toBe(true);
    expect(texts).toContain('PASS ****');
    // The test password equals the user name, so look for it where a password would appear.
    expect(texts.filter((t) => /^PASS /i.test(t))).toEqual(['PASS ****']);
    expect(texts.some((t) => t.includes(`PASS ${srv.password}`))).toBe(false);
    expect(transcript.map((e) => e.seq)).toEqual(transcript.map((_, i) => i + 1));
  });

  it('queues concurrent calls in order instead of failing', async () => {
    const { client } = clientFor(srv);
    await client.connect();
    try {
      const [a, b, c] = await Promise.all([client.pwd(), client.list(), client.size('hello.txt')]);
      expect(a).toBe('/');
      expect(b.length).toBeGreaterThan(0);
      expect(c).toBe(5);
    } finally {
      await client.close();
    }
  });
});
