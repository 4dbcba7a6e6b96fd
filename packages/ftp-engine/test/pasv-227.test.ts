/**
 * A genuine 227 from a real server: ProFTPD refusing EPSV makes the engine
 * fall back to PASV. The port in the 227 (p1×256+p2) must be the port the
 * data connection really used, and the announced address is replaced by the
 * control peer's only when they differ.
 */
import { seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePasvReply, type TranscriptEvent } from '../src/index.ts';
import { clientFor, startServer } from './helpers/servers.ts';

describe('PASV fallback on a server that refuses EPSV (ProFTPD)', () => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer('proftpd', { denyEpsv: true });
    await seedTree(srv, [{ path: 'a.txt', content: 'alpha' }]);
  });
  afterAll(async () => srv?.stop());

  it('lists through PASV, and the 227 port is the data connection’s port', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    const entries = await client.list('/');
    expect(entries.map((e) => e.name)).toEqual(['a.txt']);
    await client.close();

    const events: TranscriptEvent[] = transcript;
    const fallback = events.find((e) => e.detail?.type === 'fallback');
    expect(fallback?.detail).toMatchObject({ from: 'EPSV', to: 'PASV' });
    const reply227 = events.find((e) => e.kind === 'reply' && e.code === 227);
    expect(reply227).toBeDefined();
    const target = parsePasvReply(reply227!.text);
    const open = events.find((e) => e.detail?.type === 'data-open');
    expect(open?.detail).toMatchObject({ mode: 'passive', initiator: 'client', remotePort: target.port });
    expect(target.port).toBeGreaterThanOrEqual(srv.passivePorts[0]);
    expect(target.port).toBeLessThanOrEqual(srv.passivePorts[1]);
  });
});
