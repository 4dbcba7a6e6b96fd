import { describe, expect, it } from 'vitest';
import { clientOptions, loginUser, targetPort, type ConnectParams } from './clientOptions.ts';

const base: ConnectParams = { host: 'ftp.example', secure: 'none', dataMode: 'passive', encoding: 'auto' } as ConnectParams;
const config = { keepAliveMs: 30_000, transferKeepAliveMs: 60_000, maxListEntries: 200_000 };

describe('clientOptions', () => {
  it('logs in as anonymous with the customary password when no user is given', () => {
    const o = clientOptions({ ...base, user: '  ' }, config, '192.0.2.10', 'browse');
    expect(o).toMatchObject({ host: 'ftp.example', address: '192.0.2.10', port: 21, user: 'anonymous', password: 'anonymous@', connectionLabel: 'browse' });
    expect(loginUser({ ...base, user: '' })).toBe('anonymous');
  });

  it('defaults the port by the kind of FTPS, and keeps an explicit one', () => {
    expect(targetPort({ ...base, secure: 'implicit' })).toBe(990);
    expect(targetPort({ ...base, secure: 'explicit' })).toBe(21);
    expect(targetPort({ ...base, secure: 'implicit', port: 2121 })).toBe(2121);
  });

  it('passes the pin, the account, the time zone and the active address only when set', () => {
    const bare = clientOptions({ ...base, user: 'alice', password: 'pw' }, config, '192.0.2.10', 'transfer-1');
    expect(bare).not.toHaveProperty('tls');
    expect(bare).not.toHaveProperty('account');
    expect(bare).not.toHaveProperty('serverTimezoneOffsetMinutes');
    expect(bare).not.toHaveProperty('activeAddress');
    expect(bare.password).toBe('pw');
    const full = clientOptions(
      { ...base, user: 'alice', password: 'pw', trustFingerprint: 'AB:CD', account: 'acct', virtualHost: true, serverTimezone: -300 },
      { ...config, activeAddress: '192.0.2.1' },
      '192.0.2.10',
      'browse',
    );
    expect(full).toMatchObject({ tls: { fingerprint256: 'AB:CD' }, account: 'acct', virtualHost: true, serverTimezoneOffsetMinutes: -300, activeAddress: '192.0.2.1' });
  });
});
