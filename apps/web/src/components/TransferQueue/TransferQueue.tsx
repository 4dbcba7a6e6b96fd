/**
 * The transfers panel at the bottom: every upload, and every download the
 * browser is receiving from this session, with progress and outcome,
 * the overall progress, and bulk actions (Cancel all, Retry failed, Clear
 * finished) that do what each row's own buttons do, for every row at once.
 *
 * Hundreds of small uploads change this panel many times a second: the header
 * reads one summary per animation frame, each row subscribes to its own
 * transfer only, and above {@link QUEUE_VIRTUALIZE_ABOVE} rows only those in
 * view are in the DOM.
 */
import { useId, useRef, useState, type CSSProperties } from 'react';
import { useServices } from '../../hooks/tabContext.ts';
import { useT } from '../../i18n/index.ts';
import { formatBytes, formatRate } from '../../lib/format.ts';
import { useAppStore, useFramedAppStore, useStoreApi } from '../../store/index.ts';
import { selectHasSession } from '../../store/selectors.ts';
import { useVirtualRows } from '../FileList/useVirtualRows.ts';
import { Icon } from '../Icon/Icon.tsx';
import { TransferItem, barFill } from './TransferItem.tsx';
import { TransferTypeSelect } from './TransferTypeSelect.tsx';
import { KeepTimesToggle } from './KeepTimesToggle.tsx';
import { useQueueRowHeight } from './queueRowHeight.ts';
import { QueueCounts } from './QueueCounts.tsx';
import { cancellableKeys, retryableKeys, sameSummary, summarizeQueue } from './queueSummary.ts';
import { formatEta } from './transferText.ts';
import { useQueueFilter } from './useQueueFilter.ts';
import { useTransferAnnouncer } from './useTransferAnnouncer.ts';
import './TransferQueue.css';

/** Up to this many rows all render, so each stays findable by name; above it the list is windowed. */
export const QUEUE_VIRTUALIZE_ABOVE = 50;

/** Transfer queue panel. */
export function TransferQueue() {
  const t = useT();
  const store = useStoreApi();
  const { ops } = useServices();
  const titleId = useId();
  const list = useRef<HTMLUListElement>(null);
  const order = useAppStore((s) => s.transferOrder);
  const folders = useAppStore((s) => s.folderWork);
  const reading = useAppStore((s) => s.dropReading);
  const q = useFramedAppStore(summarizeQueue, { equal: sameSummary });
  // Retrying needs the FTP server: after "Close session" it could only fail again with "not connected".
  const online = useAppStore(selectHasSession);
  const [open, setOpen] = useState(true);
  const { filter, shown, choose } = useQueueFilter(list, order);
  const toggle = useRef<HTMLButtonElement>(null);
  const said = useTransferAnnouncer(store);
  // Taller on a phone, where a row's status wraps under its name (queueRowHeight.ts).
  const rowHeight = useQueueRowHeight();
  const { start, end } = useVirtualRows(list, shown.length, rowHeight, { threshold: QUEUE_VIRTUALIZE_ABOVE, overscan: 6 });
  const overallPct = q.total > 0 ? Math.round((q.written / q.total) * 100) : 0;
  const eta = q.sizedRate > 0 && q.total > q.written ? formatEta((q.total - q.written) / q.sizedRate) : '';
  const unfinished = q.active + q.paused;

  const cancelAll = () => {
    for (const key of cancellableKeys(store.getState())) ops.cancel(key);
  };
  const retryFailed = () => {
    for (const key of retryableKeys(store.getState())) ops.retry(key);
  };

  const rows = [];
  for (let i = start; i < end; i += 1) {
    const k = shown[i];
    if (k !== undefined) rows.push(<TransferItem key={k} transferKey={k} />);
  }

  return (
    <section className={`tq${open ? '' : ' is-collapsed'}`} aria-labelledby={titleId}>
      <p className="visually-hidden" role="status">
        {said}
      </p>
      <header className="tq-head">
        <button ref={toggle} type="button" className="tq-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          <Icon name="chevronDown" size={14} className="tq-chevron" />
          <h2 id={titleId} className="tq-title">
            {t('tq.title')}
          </h2>
        </button>
        <QueueCounts q={q} rows={order.length} filter={filter} onFilter={choose} fallbackFocus={() => toggle.current} reading={reading} folders={folders} online={online} />
        {unfinished > 0 && (
          <div className="tq-overall">
            {/* Nothing to measure against while only ZIPs, whose size is not known ahead, run: the speed alone. */}
            {q.total > 0 && (
              <div
                className="tq-bar tq-overall-bar"
                role="progressbar"
                aria-label={t('tq.overall')}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={overallPct}
              >
                <div className="tq-bar-written" style={barFill(overallPct)} />
              </div>
            )}
            <span className="tq-overall-text">
              {q.total > 0 && t('tq.overallText', { written: formatBytes(q.written), total: formatBytes(q.total) })}
              {q.rate > 0 && `${q.total > 0 ? ' · ' : ''}${formatRate(q.rate)}`}
              {eta && ` · ${t('tq.eta', { eta })}`}
            </span>
          </div>
        )}
        <TransferTypeSelect />
        <KeepTimesToggle />
        <div className="tq-bulk" role="group" aria-label={t('tq.bulk')}>
          <button type="button" className="btn btn-ghost btn-sm" title={t('tq.cancelAllHint')} disabled={unfinished === 0} onClick={cancelAll}>
            {t('tq.cancelAll')}
          </button>
          <button type="button" className="btn btn-ghost btn-sm" title={online ? t('tq.retryFailedHint') : t('tq.needsConnection')} disabled={q.retryable === 0 || !online} onClick={retryFailed}>
            {t('tq.retryFailed')}
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-sm tq-clear"
            disabled={order.length === unfinished}
            onClick={() => store.getState().clearFinishedTransfers()}
          >
            {t('tq.clear')}
          </button>
        </div>
      </header>
      {/* Always mounted (hidden when empty or folded) so the window tracks the one scroller it was given. */}
      {/* Named, so a screen reader's list of lists says what this one holds (Review 37). */}
      <ul
        ref={list}
        className="tq-list"
        aria-labelledby={titleId}
        hidden={!open || shown.length === 0}
        // The rows' height (TransferQueue.css `.tq-item`) comes from here, the same number the window above counts in.
        style={{ '--tq-row-h': `${rowHeight}px` } as CSSProperties}
      >
        {/* Rows outside the window are stood in for by spacers, so the scrollbar keeps its size.
            Not by the list's own padding: a box cannot shrink below its padding, so the list
            grew past the panel and read its own height as "every row in view" (Review 23). */}
        {open && start > 0 && <li className="tq-spacer" role="presentation" aria-hidden="true" style={{ height: start * rowHeight }} />}
        {open && rows}
        {open && end < shown.length && <li className="tq-spacer" role="presentation" aria-hidden="true" style={{ height: (shown.length - end) * rowHeight }} />}
      </ul>
      {/* A group's rows all moved on (the failures retried): said, with the way back in the header. */}
      {open && filter !== 'all' && shown.length === 0 && <p className="tq-empty">{t('tq.filterEmpty')}</p>}
    </section>
  );
}
