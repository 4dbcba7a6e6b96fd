/**
 * Two details of the logon sequence seen from the outside: a refused login
 * is reported once in the transcript (with its stable code as data), and MLSD listings carry Unix modes on
 * a server (pyftpdlib) that leaves the `unix.mode` fact off until asked.
 */
import { seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFtpError } from '../src/index.ts';
import { clientFor, startServer } from './helpers/servers.ts';

describe('logon details on pyftpdlib', () => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer('pyftpdlib');
    await seedTree(srv, [{ path: 'a.txt', content: 'alpha', mode: 0o640 }]);
  });
  afterAll(async () => srv?.stop());

  it('asks for the Unix facts, so MLSD entries have permissions like rw-r-----', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    const [entry] = await client.list('/');
    await client.close();
    expect(transcript.some((e) => e.kind === 'command' && e.text.startsWith('OPTS MLST ') && e.text.includes('unix.mode'))).toBe(true);
    expect(entry).toMatchObject({ name: 'a.txt', type: 'file', size: 5, permissions: 'rw-r-----' });
  });

  it('reports a refused login once', async () => {
    const { client, transcript } = clientFor({ ...srv, password: 'wrong' });
    const err = await client.connect().catch((e: unknown) => e);
    expect(isFtpError(err, 'FTP_ERR_LOGIN')).toBe(true);
    const errors = transcript.filter((e) => e.kind === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.code).toBe(530);
    // The stable code rides along, so a reader never has to match the English text.
    expect(errors[0]?.detail).toEqual({ type: 'failure', errorCode: 'FTP_ERR_LOGIN' });
    // And the first line says where we connect, as data too.
    expect(transcript[0]).toMatchObject({ kind: 'status', detail: { type: 'connecting', host: '127.0.0.1', port: srv.port } });
  });
});
