/**
 * The transcript's error line for an untrusted server certificate, in the
 * user's language. The engine writes it in English ("The server certificate
 * is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)") with a `failure` detail
 * FTP_ERR_CERT_UNTRUSTED; the detail carries no reason, but the line ends
 * with Node's verification code in brackets, which is a code, not prose, and
 * is read from there. The plain-words reason comes from the same table the
 * trust dialog uses.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { translate, type Language } from '../i18n/i18n.ts';
import { certReasonKey, certReasonKind } from '../lib/certReason.ts';

/** The engine's error code for an untrusted certificate. */
export const CERT_UNTRUSTED = 'FTP_ERR_CERT_UNTRUSTED';

/** The engine's verification code when a pinned fingerprint does not match. */
const FINGERPRINT_MISMATCH = 'FINGERPRINT_MISMATCH';

/** True when the line reports an untrusted certificate (read from the detail, never the text). */
export function isCertUntrustedLine(line: WireTranscriptLine): boolean {
  return line.detail?.type === 'failure' && line.detail.errorCode === CERT_UNTRUSTED;
}

/**
 * The verification code at the end of the line (`DEPTH_ZERO_SELF_SIGNED_CERT`,
 * `ERR_TLS_CERT_ALTNAME_INVALID`, `FINGERPRINT_MISMATCH`…), if the line has one.
 */
export function certVerificationCode(text: string): string | undefined {
  return /\(([A-Z][A-Z0-9_]*)\)\s*$/.exec(text)?.[1];
}

/**
 * The certificate line in `lang`, with the reason in words and the code
 * kept for support; undefined for any other line.
 */
export function certLineText(line: WireTranscriptLine, lang: Language): string | undefined {
  if (!isCertUntrustedLine(line)) return undefined;
  const code = certVerificationCode(line.text);
  if (code === undefined) return translate(lang, `err.${CERT_UNTRUSTED}`);
  if (code === FINGERPRINT_MISMATCH) return translate(lang, 'tp.error.certChanged', { code });
  return translate(lang, 'tp.error.certUntrusted', { code, reason: translate(lang, certReasonKey(certReasonKind(code))) });
}
