/**
 * AUTH SSL, for servers that know only the draft name of explicit FTPS.
 * No Debian server refuses AUTH TLS, so a small proxy in front of a real
 * vsftpd (explicit TLS, session reuse required) plays such a server: it
 * answers the client's AUTH TLS itself with a 504 and passes everything
 * else through untouched, TLS included. vsftpd takes AUTH SSL as a synonym,
 * so what the test checks is the engine's side: the fallback, and that the
 * session after it is fully protected (verified certificate, PROT P data).
 */
import net from 'node:net';
import { readServerFile, seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFtpError, type TranscriptDetail } from '../src/index.ts';
import { clientFor, Sink, sourceOf, startServer } from './helpers/servers.ts';

/** A proxy to `target` that answers the first `AUTH TLS` line with `reply` instead of forwarding it. */
async function refuseAuthTls(target: RunningFtpServer, reply: string): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
    upstream.pipe(client);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    // Commands are read line by line until AUTH TLS has been answered; then bytes pass as they are.
    let pending = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      pending = Buffer.concat([pending, chunk]);
      for (let lf = pending.indexOf(0x0a); lf >= 0; lf = pending.indexOf(0x0a)) {
        const line = pending.subarray(0, lf + 1);
        pending = pending.subarray(lf + 1);
        if (line.toString('latin1').trim().toUpperCase() === 'AUTH TLS') {
          client.write(`${reply}\r\n`);
          client.off('data', onData);
          if (pending.length > 0) upstream.write(pending);
          client.pipe(upstream);
          return;
        }
        upstream.write(line);
      }
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('explicit FTPS with a server that knows only AUTH SSL (vsftpd behind a proxy)', () => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer('vsftpd', { tls: 'explicit' });
    await seedTree(srv, [{ path: 'in/a.txt', content: 'secret a' }]);
  });
  afterAll(async () => srv?.stop());

  it('falls back to AUTH SSL on a 504, and everything after is protected and verified', async () => {
    const proxy = await refuseAuthTls(srv, '504 Unknown AUTH type.');
    try {
      const { client, transcript } = clientFor({ ...srv, port: proxy.port }, { secure: 'explicit', tls: { fingerprint256: srv.certificate?.fingerprint256 ?? '' } });
      await client.connect();
      try {
        expect((await client.list('in')).map((e) => e.name)).toEqual(['a.txt']);
        await client.upload(sourceOf(Buffer.from('over AUTH SSL')), 'up.txt');
        expect((await readServerFile(srv, 'up.txt')).toString()).toBe('over AUTH SSL');
        const sink = new Sink();
        await client.download('in/a.txt', sink);
        expect(sink.data.toString()).toBe('secret a');
      } finally {
        await client.close();
      }
      const sent = transcript.filter((e) => e.kind === 'command').map((e) => e.text);
      expect(sent.slice(0, 3)).toEqual(['AUTH TLS', 'AUTH SSL', `USER ${srv.user}`]);
      expect(sent).toContain('PROT P');
      expect(transcript.map((e) => e.detail)).toContainEqual(expect.objectContaining({ type: 'fallback', from: 'AUTH TLS', to: 'AUTH SSL' }));
      const tls = transcript.map((e) => e.detail).filter((d): d is TranscriptDetail & { type: 'tls' } => d?.type === 'tls');
      expect(tls[0]).toMatchObject({ channel: 'control', fingerprint256: srv.certificate?.fingerprint256 });
      // list, upload and download each ran over TLS, resuming the control session (vsftpd requires it).
      expect(tls.filter((d) => d.channel === 'data' && d.resumed)).toHaveLength(3);
    } finally {
      await proxy.close();
    }
  });

  it('does not fall back on a policy refusal (534), and sends no credentials', async () => {
    const proxy = await refuseAuthTls(srv, '534 Request denied for policy reasons.');
    try {
      const { client, transcript } = clientFor({ ...srv, port: proxy.port }, { secure: 'explicit', tls: { fingerprint256: srv.certificate?.fingerprint256 ?? '' } });
      const err = await client.connect().catch((e: unknown) => e);
      expect(isFtpError(err, 'FTP_ERR_TLS_REFUSED')).toBe(true);
      expect((err as { ftpCode?: number }).ftpCode).toBe(534);
      const sent = transcript.filter((e) => e.kind === 'command').map((e) => e.text);
      expect(sent).toEqual(['AUTH TLS']);
    } finally {
      await proxy.close();
    }
  });
});
