/**
 * Asked before closing the session, connecting again, switching the charset
 * (a reconnect) or closing a site tab while transfers run: each of those
 * ends them (api/uploadGuard.ts `askStopTransfers`). The title and the Stop
 * button name what the user is about to do; Keep takes the focus, so Enter
 * never stops transfers by default.
 */
import type { StopReason } from '../../api/uploadGuard.ts';
import { useT } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { Modal } from './Modal.tsx';

const TITLES: Readonly<Record<StopReason, MessageKey>> = {
  closeSession: 'stopAsk.title.closeSession',
  connect: 'stopAsk.title.connect',
  encoding: 'stopAsk.title.encoding',
  closeTab: 'stopAsk.title.closeTab',
};
const STOP_LABELS: Readonly<Record<StopReason, MessageKey>> = {
  closeSession: 'stopAsk.stop.closeSession',
  connect: 'stopAsk.stop.connect',
  encoding: 'stopAsk.stop.encoding',
  closeTab: 'stopAsk.stop.closeTab',
};

/** Props of StopTransfersDialog. */
export interface StopTransfersDialogProps {
  reason: StopReason;
  uploads: number;
  downloads: number;
  /** The answer: true to stop the transfers and go on, false to keep them. */
  respond: (stop: boolean) => void;
  onClose: () => void;
}

/** "N transfers are still running: stop them and close?" */
export function StopTransfersDialog({ reason, uploads, downloads, respond, onClose }: StopTransfersDialogProps) {
  const t = useT();
  const count = uploads + downloads;
  const answer = (stop: boolean) => {
    onClose();
    respond(stop);
  };
  return (
    <Modal role="alertdialog" title={t(TITLES[reason])} width={440} onClose={() => answer(false)} onSubmit={() => answer(true)}
      footer={
        <>
          <button type="button" className="btn" onClick={() => answer(false)} data-autofocus>
            {t('stopAsk.keep', { count })}
          </button>
          <button type="submit" className="btn btn-danger">
            {t(STOP_LABELS[reason])}
          </button>
        </>
      }
    >
      <p>{downloads === 0 ? t('stopAsk.uploads', { count }) : t('stopAsk.transfers', { count })}</p>
    </Modal>
  );
}
