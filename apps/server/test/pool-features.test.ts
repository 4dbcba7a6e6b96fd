/**
 * A session's transfer connections take FEAT and SYST from the browsing
 * connection instead of asking again (the engine's `knownFeatures`), on
 * the four real servers, and the page's transcript says so.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, serverKindsForTests, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

const content = randomBytes(700 * 1024);

describe.each(serverKindsForTests())('%s transfer connections', (kind) => {
  let ftp: RunningFtpServer;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    ftp = await startFtpServer(kind);
    await seedTree(ftp, [{ path: 'a.bin', content }]);
    app = await buildApp(testConfig());
    base = await listenOnLoopback(app);
  });
  afterAll(async () => {
    await app?.close();
    await ftp?.stop();
  });

  it('send no FEAT or SYST, take the browsing connection\'s features, and move the bytes', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    try {
      const connected = await client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password } });
      const { url } = await client.request('download-link', { paths: ['/a.bin'] });
      const res = await fetch(`http://${base}${url}`);
      expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
      const lines = (): WireTranscriptLine[] => client.events.flatMap((e) => (e.type === 'transcript' ? e.lines : []));
      await expect.poll(() => lines().some((l) => l.connection === 'transfer-1' && l.kind === 'command' && l.text.startsWith('RETR'))).toBe(true);

      const verbs = (connection: string): string[] =>
        lines()
          .filter((l) => l.connection === connection && l.kind === 'command')
          .map((l) => l.text.split(' ')[0]!);
      expect(verbs('browse')).toEqual(expect.arrayContaining(['FEAT', 'SYST']));
      expect(verbs('transfer-1')).toEqual(expect.arrayContaining(['USER', 'PASS', 'TYPE', 'RETR']));
      expect(verbs('transfer-1')).not.toContain('FEAT');
      expect(verbs('transfer-1')).not.toContain('SYST');
      const features = connected.state.features ?? [];
      const reused = lines().find((l) => l.connection === 'transfer-1' && l.detail?.type === 'features-reused');
      expect(reused?.detail).toEqual({
        type: 'features-reused',
        count: features.length,
        ...(connected.state.system === undefined ? {} : { system: connected.state.system }),
      });
    } finally {
      client.close();
    }
  });
});
