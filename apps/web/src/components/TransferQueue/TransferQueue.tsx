/** The transfers panel at the bottom: every upload with progress and outcome, and the overall progress. */
import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/index.ts';
import { formatBytes, formatRate } from '../../lib/format.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';
import { FINISHED } from '../../store/transfersSlice.ts';
import { Icon } from '../Icon/Icon.tsx';
import { TransferItem } from './TransferItem.tsx';
import { TransferTypeSelect } from './TransferTypeSelect.tsx';
import { formatEta, overallProgress } from './transferText.ts';
import './TransferQueue.css';

/** Transfer queue panel. */
export function TransferQueue() {
  const t = useT();
  const store = useStoreApi();
  const titleId = useId();
  const order = useAppStore((s) => s.transferOrder);
  const counts = useAppStore(
    useShallow((s) => {
      let active = 0;
      let paused = 0;
      let failed = 0;
      let done = 0;
      for (const k of s.transferOrder) {
        const st = s.transfers[k]?.status;
        if (st === 'paused') paused += 1;
        else if (st === 'failed') failed += 1;
        else if (st === 'done') done += 1;
        else if (st && !FINISHED.has(st)) active += 1;
      }
      return { active, paused, failed, done };
    }),
  );
  const overall = useAppStore(useShallow((s) => overallProgress(s.transferOrder.map((k) => s.transfers[k]))));
  const [open, setOpen] = useState(true);
  const overallPct = overall.total > 0 ? Math.round((overall.written / overall.total) * 100) : 0;
  const eta = overall.rate > 0 ? formatEta((overall.total - overall.written) / overall.rate) : '';

  return (
    <section className={`tq${open ? '' : ' is-collapsed'}`} aria-labelledby={titleId}>
      <header className="tq-head">
        <button type="button" className="tq-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          <Icon name="chevronDown" size={14} className="tq-chevron" />
          <h2 id={titleId} className="tq-title">
            {t('tq.title')}
          </h2>
        </button>
        <span className="tq-counts">
          {counts.active > 0 && <span className="tq-count is-active">{t('tq.countActive', { count: counts.active })}</span>}
          {counts.paused > 0 && <span className="tq-count is-paused">{t('tq.countPaused', { count: counts.paused })}</span>}
          {counts.done > 0 && <span className="tq-count is-done">{t('tq.countDone', { count: counts.done })}</span>}
          {counts.failed > 0 && <span className="tq-count is-failed">{t('tq.countFailed', { count: counts.failed })}</span>}
          {order.length === 0 && <span className="tq-count">{t('tq.none')}</span>}
        </span>
        {counts.active + counts.paused > 0 && (
          <div className="tq-overall">
            <div
              className="tq-bar tq-overall-bar"
              role="progressbar"
              aria-label={t('tq.overall')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={overallPct}
            >
              <div className="tq-bar-written" style={{ width: `${overallPct}%` }} />
            </div>
            <span className="tq-overall-text">
              {t('tq.overallText', { written: formatBytes(overall.written), total: formatBytes(overall.total) })}
              {overall.rate > 0 && ` · ${formatRate(overall.rate)}`}
              {eta && ` · ${t('tq.eta', { eta })}`}
            </span>
          </div>
        )}
        <TransferTypeSelect />
        <button
          type="button"
          className="btn btn-ghost btn-sm tq-clear"
          disabled={counts.done + counts.failed === 0 && order.length === counts.active + counts.paused}
          onClick={() => store.getState().clearFinishedTransfers()}
        >
          {t('tq.clear')}
        </button>
      </header>
      {open && order.length > 0 && (
        <ul className="tq-list">
          {order.map((k) => (
            <TransferItem key={k} transferKey={k} />
          ))}
        </ul>
      )}
    </section>
  );
}
