/**
 * Shown when an FTPS server's certificate is not trusted. Nothing has been
 * sent over that connection yet; trusting reconnects with the certificate's
 * SHA-256 fingerprint pinned for this connection.
 */
import type { ConnectParams, WireError } from '@ftpdeck/protocol';
import { getServices } from '../../api/services.ts';
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

/** The certificate trust prompt. */
export function TrustCertDialog({ certificate, params, onClose }: TrustCertDialogProps) {
  const rows: Array<[string, string]> = [
    ['Subject', certificate.subject],
    ['Issuer', certificate.issuer],
    ['Valid from', certificate.validFrom],
    ['Valid until', certificate.validTo],
  ];
  const submit = () => {
    onClose();
    void getServices().ops.connect({ ...params, trustFingerprint: certificate.fingerprint256 });
  };

  return (
    <Modal
      role="alertdialog"
      title="Unknown certificate"
      width={520}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary">
            Trust and connect
          </button>
        </>
      }
    >
      <p>
        The server <strong>{params.host}</strong> presented a certificate that could not be verified: {certificate.reason}.
      </p>
      <dl className="cert-facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div>
          <dt>SHA-256 fingerprint</dt>
          <dd className="cert-fp">{formatFingerprint(certificate.fingerprint256)}</dd>
        </div>
      </dl>
      <p>Compare the fingerprint with the one your hosting provider publishes. Trust it only if they match.</p>
    </Modal>
  );
}
