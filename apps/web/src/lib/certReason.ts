/**
 * Plain words for why a TLS certificate was not trusted. The server passes
 * Node's verification code (`DEPTH_ZERO_SELF_SIGNED_CERT`,
 * `ERR_TLS_CERT_ALTNAME_INVALID`, …) or its message; people need the
 * meaning, support needs the code, so the dialog shows both.
 */

/** The reasons FTP Deck explains; everything else is `unknown`. */
export type CertReasonKind = 'selfSigned' | 'selfSignedInChain' | 'unknownIssuer' | 'expired' | 'notYetValid' | 'hostname' | 'unknown';

/** Node / OpenSSL codes (and message fragments) per reason, checked in this order. */
const PATTERNS: ReadonlyArray<[CertReasonKind, RegExp]> = [
  ['selfSigned', /DEPTH_ZERO_SELF_SIGNED_CERT|^self[- ]signed certificate$/i],
  ['selfSignedInChain', /SELF_SIGNED_CERT_IN_CHAIN|self[- ]signed certificate in certificate chain/i],
  ['unknownIssuer', /UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to (get local issuer|verify the first)/i],
  ['expired', /CERT_HAS_EXPIRED|certificate has expired/i],
  ['notYetValid', /CERT_NOT_YET_VALID|certificate is not yet valid/i],
  ['hostname', /ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH|does not match certificate's altnames/i],
];

/** Which reason a raw verification code or message names. */
export function certReasonKind(raw: string | undefined): CertReasonKind {
  const text = (raw ?? '').trim();
  for (const [kind, pattern] of PATTERNS) if (pattern.test(text)) return kind;
  return 'unknown';
}

/** The i18n key of a reason's plain-words sentence. */
export function certReasonKey(kind: CertReasonKind): `cert.reason.${CertReasonKind}` {
  return `cert.reason.${kind}`;
}
