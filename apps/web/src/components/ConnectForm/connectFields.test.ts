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
