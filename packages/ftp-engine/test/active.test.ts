/**
 * Active mode (PORT and EPRT) against real servers: the server connects to
 * our listener, which accepts only the control peer and then closes.
 */
import { readServerFile, seedTree } from '@ftpdeck/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, kinds, random, Sink, sourceOf, startServer } from './helpers/servers.ts';

describe.each(kinds(['vsftpd', 'proftpd', 'pure-ftpd', 'pyftpdlib', 'demo']))('%s active mode', (kind) => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [{ path: 'dir/one.txt', content: 'one' }]);
  });
  afterAll(async () => srv?.stop());

  it.each(['PORT', 'EPRT'] as const)('lists, uploads and downloads with %s', async (command) => {
    const { client, transcript } = clientFor(srv, { dataMode: 'active', activeCommand: command, portRange: [47100, 47199] });
    await client.connect();
    const data = random(300_000);
    try {
      expect((await client.list('dir')).map((e) => e.name)).toEqual(['one.txt']);
      await client.upload(sourceOf(data), `active-${command}.bin`);
      expect((await readServerFile(srv, `active-${command}.bin`)).equals(data)).toBe(true);
      // Active mode stays on the stream path, where reuseBuffers changes nothing.
      const sink = new Sink();
      await client.download(`active-${command}.bin`, sink, { reuseBuffers: true });
      expect(sink.data.equals(data)).toBe(true);
    } finally {
      await client.close();
    }
    const sent = transcript.filter((e) => e.kind === 'command').map((e) => e.text);
    expect(sent.some((t) => t.startsWith(`${command} `))).toBe(true);
    expect(sent.some((t) => /^(EPSV|PASV)/.test(t))).toBe(false);
    const opens = transcript.filter((e) => e.detail?.type === 'data-open');
    expect(opens.length).toBe(3);
    for (const o of opens) {
      expect(o.detail).toMatchObject({ mode: 'active', initiator: 'server', remoteAddress: '127.0.0.1' });
      const port = (o.detail as { localPort: number }).localPort;
      expect(port).toBeGreaterThanOrEqual(47100);
      expect(port).toBeLessThanOrEqual(47199);
    }
  });
});
