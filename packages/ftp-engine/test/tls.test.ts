/**
 * FTPS against real servers: explicit and implicit, TLS 1.2 and 1.3, data
 * connections resuming the control session (vsftpd and ProFTPD require it),
 * certificate pinning, the untrusted-certificate error, and a zero-byte
 * upload (the TLS handshake and close_notify must still happen).
 */
import { readServerFile, seedTree, UnsupportedServerOptionError, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFtpError, type FtpError, type TranscriptDetail } from '../src/index.ts';
import { clientFor, kinds, random, Sink, sourceOf, startServer, type Kind } from './helpers/servers.ts';

type Mode = 'explicit' | 'implicit';
type Version = 'TLSv1.2' | 'TLSv1.3';

const matrix: Array<[Kind, Mode, Version]> = [];
for (const kind of kinds()) {
  for (const mode of ['explicit', 'implicit'] as const) {
    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) matrix.push([kind, mode, version]);
  }
}

/** Starts the server, or returns undefined when the kind cannot do this combination. */
async function tryStart(kind: Kind, tls: Mode, tlsVersion: Version): Promise<RunningFtpServer | undefined> {
  try {
    return await startServer(kind, { tls, tlsVersion });
  } catch (err) {
    if (err instanceof UnsupportedServerOptionError) return undefined;
    throw err;
  }
}

describe.each(matrix)('%s %s FTPS over %s', (kind, mode, version) => {
  let srv: RunningFtpServer | undefined;
  beforeAll(async () => {
    srv = await tryStart(kind, mode, version);
    if (srv) await seedTree(srv, [{ path: 'in/a.txt', content: 'secret a' }]);
  });
  afterAll(async () => srv?.stop());

  it('lists, uploads, downloads and uploads zero bytes with a pinned certificate', async (ctx) => {
    if (!srv) return ctx.skip();
    const s = srv;
    const { client, transcript } = clientFor(s, { secure: mode, tls: { fingerprint256: s.certificate?.fingerprint256 ?? '' } });
    await client.connect();
    const data = random(1024 * 1024);
    try {
      expect((await client.list('in')).map((e) => e.name)).toEqual(['a.txt']);
      await client.upload(sourceOf(data), 'up.bin');
      expect((await readServerFile(s, 'up.bin')).equals(data)).toBe(true);
      const sink = new Sink();
      await client.download('up.bin', sink);
      expect(sink.data.equals(data)).toBe(true);
      // TLS data stays on the stream path, where reuseBuffers changes nothing.
      const kept = new Sink();
      await client.download('up.bin', kept, { reuseBuffers: true });
      expect(kept.data.equals(data)).toBe(true);
      await client.upload(sourceOf(Buffer.alloc(0)), 'empty.bin');
      expect((await readServerFile(s, 'empty.bin')).length).toBe(0);
      const sink2 = new Sink();
      await client.download('in/a.txt', sink2);
      expect(sink2.data.toString()).toBe('secret a');
    } finally {
      await client.close();
    }
    const tls = transcript.map((e) => e.detail).filter((d): d is TranscriptDetail & { type: 'tls' } => d?.type === 'tls');
    expect(tls[0]).toMatchObject({ channel: 'control', version, fingerprint256: s.certificate?.fingerprint256 });
    // list, upload, download, download with reuseBuffers, empty upload, download.
    const dataTls = tls.filter((d) => d.channel === 'data');
    expect(dataTls.length).toBe(6);
    if (s.tlsReuseRequired) expect(dataTls.every((d) => d.resumed)).toBe(true);
    const sent = transcript.filter((e) => e.kind === 'command').map((e) => e.text);
    if (mode === 'explicit') expect(sent).toContain('AUTH TLS');
    expect(sent).toContain('PROT P');
  });

  it('runs protected active-mode transfers', async (ctx) => {
    if (!srv) return ctx.skip();
    const s = srv;
    const { client, transcript } = clientFor(s, { secure: mode, dataMode: 'active', tls: { fingerprint256: s.certificate?.fingerprint256 ?? '' } });
    await client.connect();
    try {
      expect((await client.list('in')).map((e) => e.name)).toEqual(['a.txt']);
      const sink = new Sink();
      await client.download('in/a.txt', sink);
      expect(sink.data.toString()).toBe('secret a');
    } finally {
      await client.close();
    }
    const data = transcript.map((e) => e.detail).filter((d) => d?.type === 'tls' && d.channel === 'data');
    expect(data.length).toBe(2);
    expect(transcript.some((e) => e.detail?.type === 'data-open' && e.detail.mode === 'active')).toBe(true);
  });

  it('refuses an untrusted certificate with its facts, and a wrong pin', async (ctx) => {
    if (!srv) return ctx.skip();
    const s = srv;
    const { client } = clientFor(s, { secure: mode });
    const err = (await client.connect().catch((e: unknown) => e)) as FtpError;
    expect(isFtpError(err, 'FTP_ERR_CERT_UNTRUSTED')).toBe(true);
    expect(err.certificate?.fingerprint256).toBe(s.certificate?.fingerprint256);
    expect(err.certificate?.subject).toContain('CN=127.0.0.1');
    expect(err.certificate?.reason).toMatch(/self.signed/i);
    const pinned = clientFor(s, { secure: mode, tls: { fingerprint256: '00:11:22' } }).client;
    await expect(pinned.connect()).rejects.toMatchObject({ code: 'FTP_ERR_CERT_UNTRUSTED', certificate: { reason: 'FINGERPRINT_MISMATCH' } });
  });

  it('trusts the certificate through `ca`', async (ctx) => {
    if (!srv) return ctx.skip();
    const { client } = clientFor(srv, { secure: mode, tls: { ca: srv.certificate?.pem ?? '' } });
    await client.connect();
    expect(await client.pwd()).toBe('/');
    await client.close();
  });
});

describe.each(kinds(['vsftpd', 'pyftpdlib']))('%s without TLS', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind);
  });
  afterAll(async () => srv?.stop());

  it('fails with FTP_ERR_TLS_REFUSED and never sends USER', async () => {
    const { client, transcript } = clientFor(srv, { secure: 'explicit' });
    await expect(client.connect()).rejects.toMatchObject({ code: 'FTP_ERR_TLS_REFUSED' });
    expect(transcript.some((e) => e.kind === 'command' && e.text.startsWith('USER'))).toBe(false);
  });
});
