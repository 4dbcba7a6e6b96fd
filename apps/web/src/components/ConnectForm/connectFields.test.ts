import { describe, expect, it } from 'vitest';
import { EMPTY_FIELDS, parseHostInput, toConnectParams } from './connectFields.ts';

describe('connectFields', () => {
  it('builds connect params', () => {
    expect(toConnectParams({ ...EMPTY_FIELDS, host: ' ftp.example.com ', user: 'demo', password: 'pw' })).toEqual({
      host: 'ftp.example.com',
      port: 21,
      user: 'demo',
      password: 'pw',
      secure: 'none',
      dataMode: 'passive',
      encoding: 'auto',
    });
  });

  it('passes an account and the virtual-host choice only when set', () => {
    const p = toConnectParams({ ...EMPTY_FIELDS, host: 'ftp.example.com', user: 'u', password: 'p', account: 'acct', virtualHost: true });
    expect(p).toMatchObject({ account: 'acct', virtualHost: true });
    const plain = toConnectParams({ ...EMPTY_FIELDS, host: 'ftp.example.com' });
    expect(plain).not.toHaveProperty('account');
    expect(plain).not.toHaveProperty('virtualHost');
    // An anonymous login sends no account, whatever the field holds.
    expect(toConnectParams({ ...EMPTY_FIELDS, host: 'h', anonymous: true, account: 'acct' })).not.toHaveProperty('account');
  });

  it('sends a fixed server time zone in minutes, and nothing for automatic', () => {
    expect(toConnectParams({ ...EMPTY_FIELDS, host: 'h', serverTimezone: -210 })).toMatchObject({ serverTimezone: -210 });
    expect(toConnectParams({ ...EMPTY_FIELDS, host: 'h' })).not.toHaveProperty('serverTimezone');
  });

  it('uses anonymous credentials when asked', () => {
    const p = toConnectParams({ ...EMPTY_FIELDS, host: 'h', anonymous: true, user: 'x' });
    expect(p).toMatchObject({ user: 'anonymous' });
  });

  it('explains invalid input', () => {
    expect(toConnectParams(EMPTY_FIELDS)).toBe('cf.needHost');
    expect(toConnectParams({ ...EMPTY_FIELDS, host: 'h', port: '70000' })).toMatch(/Port/);
  });

  it('splits pasted ftp URLs', () => {
    expect(parseHostInput('ftp://demo:s%40cret@127.0.0.1:2121/')).toEqual({
      host: '127.0.0.1',
      port: '2121',
      secure: 'none',
      user: 'demo',
      password: 's@cret',
    });
    expect(parseHostInput('ftps://example.org')).toMatchObject({ secure: 'implicit', port: '990' });
    expect(parseHostInput('example.org')).toBeNull();
  });
});
