import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import { certReasonKey, certReasonKind, type CertReasonKind } from './certReason.ts';

describe('certReasonKind', () => {
  it.each<[string, CertReasonKind]>([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'selfSigned'],
    ['self-signed certificate', 'selfSigned'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'selfSignedInChain'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unknownIssuer'],
    ['UNABLE_TO_GET_ISSUER_CERT', 'unknownIssuer'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unknownIssuer'],
    ['CERT_HAS_EXPIRED', 'expired'],
    ['CERT_NOT_YET_VALID', 'notYetValid'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'hostname'],
    ["Hostname/IP does not match certificate's altnames: IP: 10.0.0.1 is not in the cert's list", 'hostname'],
    ['CERT_REVOKED', 'unknown'],
    ['', 'unknown'],
  ])('%s → %s', (raw, kind) => {
    expect(certReasonKind(raw)).toBe(kind);
  });

  it('has plain words for every reason in both languages, none of them the raw code', () => {
    const kinds: CertReasonKind[] = ['selfSigned', 'selfSignedInChain', 'unknownIssuer', 'expired', 'notYetValid', 'hostname', 'unknown'];
    for (const catalog of [en, zhCN] as Array<Record<string, string>>) {
      for (const kind of kinds) {
        const text = catalog[certReasonKey(kind)];
        expect(text, kind).toBeTruthy();
        expect(text).not.toMatch(/[A-Z]{3,}_[A-Z]/);
      }
    }
  });
});
