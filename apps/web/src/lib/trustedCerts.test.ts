import { describe, expect, it } from 'vitest';
import { rememberTrustedCert, withTrustedCert, TRUSTED_CERTS_KEY } from './trustedCerts.ts';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('trustedCerts', () => {
  it('pins a fingerprint per host and port', () => {
    const s = memory();
    const params = { host: 'Example.org', port: 990, user: 'u', password: 'p' };
    expect(withTrustedCert(params, s)).toBe(params);
    rememberTrustedCert(params, 'AB:CD', s);
    expect(withTrustedCert({ ...params, host: 'example.org' }, s).trustFingerprint).toBe('AB:CD');
    expect(withTrustedCert({ ...params, port: 21 }, s).trustFingerprint).toBeUndefined();
    // An explicit choice wins over the remembered one.
    expect(withTrustedCert({ ...params, trustFingerprint: 'EE' }, s).trustFingerprint).toBe('EE');
  });

  it('survives garbage in storage', () => {
    const s = memory();
    s.m.set(TRUSTED_CERTS_KEY, '{not json');
    expect(withTrustedCert({ host: 'h', port: 21, user: 'u', password: 'p' }, s).trustFingerprint).toBeUndefined();
  });
});
