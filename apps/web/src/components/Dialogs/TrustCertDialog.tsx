/**
 * Shown when an FTPS server's certificate is not trusted. Nothing has been
 * sent over that connection yet; trusting reconnects with the certificate's
 * SHA-256 fingerprint pinned for this connection.
 *
 * A certificate that differs from the one the user chose to always trust is
 * not "unknown": it CHANGED, which a renewal does and so does an attacker in
 * the middle. That case says so, shows both fingerprints, and makes Cancel
 * the default; trusting the new one stays possible, one step further away.
 */
import type { ConnectParams, WireError } from '@ftpdeck/protocol';
import { useServices } from '../../hooks/tabContext.ts';
import { certReasonKey, certReasonKind } from '../../lib/certReason.ts';
import { rememberTrustedCert, withTrustedCert } from '../../lib/trustedCerts.ts';
import { useT } from '../../i18n/index.ts';
import { Modal } from './Modal.tsx';

/** Props of TrustCertDialog. */
export interface TrustCertDialogProps {
  certificate: NonNullable<WireError['certificate']>;
  params: ConnectParams;
  onClose: () => void;
}

/** Groups a hex fingerprint in pairs for reading aloud or comparing by eye. */
export function formatFingerprint(fp: string): string {
  const hex = fp.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{1,2}/g)?.join(':') ?? fp;
}

/** The engine's verification code when a pinned certificate is not the one the server showed. */
export const FINGERPRINT_MISMATCH = 'FINGERPRINT_MISMATCH';

/** The certificate trust prompt. */
export function TrustCertDialog({ certificate, params, onClose }: TrustCertDialogProps) {
  const t = useT();
  const services = useServices();
  const changed = certificate.reason === FINGERPRINT_MISMATCH;
  // The pin that failed: the one remembered for this site (or passed for this connect).
  const trusted = changed ? withTrustedCert(params).trustFingerprint : undefined;
  const rows: Array<[string, string]> = [
    [t('ui.certificate.subject'), certificate.subject],
    [t('ui.certificate.issuer'), certificate.issuer],
    [t('cert.validFrom'), certificate.validFrom],
    [t('cert.validUntil'), certificate.validTo],
  ];
  const trust = (always: boolean) => {
    onClose();
    if (always) rememberTrustedCert(params, certificate.fingerprint256);
    void services.ops.connect({ ...params, trustFingerprint: certificate.fingerprint256 });
  };
  const submit = () => trust(false);

  if (changed) {
    return (
      <Modal
        role="alertdialog"
        title={t('cert.changedTitle')}
        width={560}
        onClose={onClose}
        // Enter cancels: the safe answer is the quick one.
        onSubmit={onClose}
        footer={
          <>
            <button type="button" className="btn" onClick={() => trust(true)}>
              {t('cert.trustNewAlways')}
            </button>
            <button type="button" className="btn" onClick={() => trust(false)}>
              {t('cert.trustNewOnce')}
            </button>
            <button type="submit" className="btn btn-primary" data-autofocus>
              {t('ui.cancel')}
            </button>
          </>
        }
      >
        <p>
          {t('cert.changedLeadBefore')}
          <strong>{params.host}</strong>
          {t('cert.changedLeadAfter')}
        </p>
        <p>{t('cert.changedWhy')}</p>
        <dl className="cert-facts">
          {trusted && (
            <div>
              <dt>{t('cert.trustedFingerprint')}</dt>
              <dd className="cert-fp">{formatFingerprint(trusted)}</dd>
            </div>
          )}
          <div>
            <dt>{t('cert.newFingerprint')}</dt>
            <dd className="cert-fp">{formatFingerprint(certificate.fingerprint256)}</dd>
          </div>
          {rows.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <p className="cert-code">
          {t('cert.rawCode')} <code data-verbatim>{certificate.reason}</code>
        </p>
      </Modal>
    );
  }

  return (
    <Modal
      role="alertdialog"
      title={t('cert.unknownTitle')}
      width={520}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} data-autofocus>
            {t('ui.cancel')}
          </button>
          <button type="button" className="btn" onClick={() => trust(true)}>
            {t('cert.alwaysTrust')}
          </button>
          <button type="submit" className="btn btn-primary">
            {t('cert.trustOnce')}
          </button>
        </>
      }
    >
      <p>
        {t('cert.leadBefore')}
        <strong>{params.host}</strong>
        {t('cert.leadAfter', { reason: t(certReasonKey(certReasonKind(certificate.reason))) })}
      </p>
      {/* The raw verification code, small, for whoever helps the user. */}
      <p className="cert-code">
        {t('cert.rawCode')} <code data-verbatim>{certificate.reason}</code>
      </p>
      <dl className="cert-facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div>
          <dt>{t('ui.certificate.fingerprint')}</dt>
          <dd className="cert-fp">{formatFingerprint(certificate.fingerprint256)}</dd>
        </div>
      </dl>
      <p>{t('cert.compare')}</p>
    </Modal>
  );
}
