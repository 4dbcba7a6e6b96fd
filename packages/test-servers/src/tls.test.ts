// FTPS: explicit and implicit TLS, certificates, required TLS, pinned versions.
import { X509Certificate } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { readServerFile, RawFtpControl, serverKindsForTests, startFtpServer, UnsupportedServerOptionError } from './index.ts';
import type { FtpServerKind, RunningFtpServer, StartFtpServerOptions } from './index.ts';
import { rawStor } from './raw-data.ts';

const available = new Set(serverKindsForTests());
const running: RunningFtpServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(kind: FtpServerKind, options: StartFtpServerOptions): Promise<RunningFtpServer> {
  const server = await startFtpServer(kind, options);
  running.push(server);
  return server;
}

/** Connects, secures the control connection (AUTH TLS or implicit), logs in. */
async function secureLogin(server: RunningFtpServer, implicit = false): Promise<RawFtpControl> {
  const { control } = await RawFtpControl.open(server.host, server.port, { implicitTls: implicit });
  if (!implicit) await control.upgradeToTls();
  await control.login(server.user, server.password);
  return control;
}

function peerFingerprint(control: RawFtpControl): string {
  const raw = (control.socket as TLSSocket).getPeerCertificate().raw;
  return new X509Certificate(raw).fingerprint256;
}

const explicitKinds = (['vsftpd', 'proftpd', 'pure-ftpd', 'pyftpdlib', 'demo'] as const).filter((k) => available.has(k));
const implicitKinds = (['vsftpd', 'proftpd', 'demo'] as const).filter((k) => available.has(k));

describe.each(explicitKinds)('%s explicit TLS', (kind) => {
  it('upgrades with AUTH TLS, presents the generated certificate, and stores over PROT P', async () => {
    const server = await start(kind, { tls: 'explicit' });
    expect(server.certificate?.pem).toContain('BEGIN CERTIFICATE');
    const control = await secureLogin(server);
    expect(peerFingerprint(control)).toBe(server.certificate?.fingerprint256);
    expect((await control.send('PBSZ 0')).code).toBe(200);
    expect((await control.send('PROT P')).code).toBe(200);
    const payload = Buffer.from(`secret bytes for ${kind}`);
    const reply = await rawStor(control, 'tls.bin', payload, { secure: true });
    await control.close();
    expect(reply.code).toBe(226);
    expect(await readServerFile(server, '/tls.bin')).toEqual(payload);
  });
});

describe.each(explicitKinds)('%s pinned TLS versions', (kind) => {
  it.each(['TLSv1.2', 'TLSv1.3'] as const)('speaks only %s', async (version) => {
    const server = await start(kind, { tls: 'explicit', tlsVersion: version });
    const control = await secureLogin(server);
    expect((control.socket as TLSSocket).getProtocol()).toBe(version);
    await control.close();
    const other = version === 'TLSv1.2' ? 'TLSv1.3' : 'TLSv1.2';
    const { control: c2 } = await RawFtpControl.open(server.host, server.port);
    await expect(c2.upgradeToTls({ minVersion: other, maxVersion: other })).rejects.toThrow();
    c2.socket.destroy();
  });
});

describe.each(implicitKinds)('%s implicit TLS', (kind) => {
  it('greets inside TLS and logs in', async () => {
    const server = await start(kind, { tls: 'implicit' });
    const control = await secureLogin(server, true);
    expect(peerFingerprint(control)).toBe(server.certificate?.fingerprint256);
    const pwd = await control.send('PWD');
    await control.close();
    expect(pwd.text).toMatch(/^257 "\/"/);
  });
});

describe.each(explicitKinds)('%s requireTls', (kind) => {
  it('refuses a plaintext login and accepts one after AUTH TLS', async () => {
    const server = await start(kind, { tls: 'explicit', requireTls: true });
    const { control } = await RawFtpControl.open(server.host, server.port);
    const user = await control.send(`USER ${server.user}`);
    const refused = user.code >= 500 ? user : await control.send(`PASS ${server.password}`);
    expect(refused.code).toBeGreaterThanOrEqual(500);
    control.socket.destroy();
    const secure = await secureLogin(server);
    await secure.close();
  });
});

describe.each((['vsftpd', 'proftpd'] as const).filter((k) => available.has(k)))('%s TLS session reuse', (kind) => {
  async function storWithoutReuse(server: RunningFtpServer): Promise<number> {
    const control = await secureLogin(server);
    await control.send('PBSZ 0');
    await control.send('PROT P');
    const reply = await rawStor(control, 'fresh-session.bin', Buffer.from('x'), { secure: true, reuseSession: false }).catch(
      (err: Error) => ({ code: Number(/\b([45]\d\d)\b/.exec(err.message)?.[1] ?? 0) }),
    );
    control.socket.destroy();
    return reply.code;
  }

  it('refuses a data connection with a new TLS session by default', async () => {
    const server = await start(kind, { tls: 'explicit' });
    expect(server.tlsReuseRequired).toBe(true);
    expect(await storWithoutReuse(server)).toBeGreaterThanOrEqual(400);
    expect(existsSync(join(server.root, 'fresh-session.bin')) && statSync(join(server.root, 'fresh-session.bin')).size > 0).toBe(false);
  });

  it('accepts it with requireTlsReuse: false', async () => {
    const server = await start(kind, { tls: 'explicit', requireTlsReuse: false });
    expect(server.tlsReuseRequired).toBe(false);
    expect(await storWithoutReuse(server)).toBe(226);
    expect((await readServerFile(server, '/fresh-session.bin')).toString()).toBe('x');
  });
});

describe('unsupported combinations fail loudly', () => {
  it.each([
    ['pure-ftpd', { tls: 'implicit' }],
    ['pyftpdlib', { tls: 'implicit' }],
    ['pure-ftpd', { tls: 'explicit', requireTlsReuse: true }],
  ] as const)('%s %o', async (kind, options) => {
    if (!available.has(kind)) return;
    await expect(startFtpServer(kind, options)).rejects.toBeInstanceOf(UnsupportedServerOptionError);
  });
});
