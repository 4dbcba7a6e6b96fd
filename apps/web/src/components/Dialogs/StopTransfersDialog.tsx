/**
 * Asked before closing the session, connecting again, switching the charset
 * (a reconnect) or closing a site tab while transfers run: each of those
 * ends them (api/uploadGuard.ts `askStopTransfers`). The title and the Stop
 * button name what the user is about to do; what would stop is counted
 * live, by what each kind loses; Cancel takes the focus, so Enter never
 * stops transfers by default.
 */
import { stopCounts, type StopCounts, type StopReason } from '../../api/uploadGuard.ts';
import { useT } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { useFramedAppStore } from '../../store/index.ts';
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

const sameCounts = (a: StopCounts, b: StopCounts) => a.begun === b.begun && a.waiting === b.waiting && a.downloads === b.downloads;

/** Props of StopTransfersDialog. */
export interface StopTransfersDialogProps {
  reason: StopReason;
  /** The answer: true to stop the transfers and go on, false to keep them. */
  respond: (stop: boolean) => void;
  onClose: () => void;
}

/** "Transfers of this session would stop: …  Cancel / Stop and close". */
export function StopTransfersDialog({ reason, respond, onClose }: StopTransfersDialogProps) {
  const t = useT();
  // Live: transfers go on behind the question, and may finish before it is answered.
  const { begun, waiting, downloads } = useFramedAppStore(stopCounts, { equal: sameCounts });
  const answer = (stop: boolean) => {
    // The answer first: askStopTransfers takes a question that leaves the screen unanswered for a No.
    respond(stop);
    onClose();
  };
  return (
    <Modal
      role="alertdialog"
      title={t(TITLES[reason])}
      width={440}
      onClose={() => answer(false)}
      onSubmit={() => answer(true)}
      footer={
        <>
          <button type="button" className="btn" onClick={() => answer(false)} data-autofocus>
            {t('ui.cancel')}
          </button>
          <button type="submit" className="btn btn-danger">
            {t(STOP_LABELS[reason])}
          </button>
        </>
      }
    >
      {begun + waiting + downloads === 0 ? (
        <p>{t('stopAsk.none')}</p>
      ) : (
        <>
          <p>{t('stopAsk.intro')}</p>
          <ul className="stop-list">
            {begun > 0 && <li>{t('stopAsk.begun', { count: begun })}</li>}
            {waiting > 0 && <li>{t('stopAsk.waiting', { count: waiting })}</li>}
            {downloads > 0 && <li>{t('stopAsk.downloads', { count: downloads })}</li>}
          </ul>
        </>
      )}
    </Modal>
  );
}
