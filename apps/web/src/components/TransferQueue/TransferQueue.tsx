/** The transfers panel at the bottom: every upload with progress and outcome. */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { appStore, useAppStore } from '../../store/index.ts';
import { FINISHED } from '../../store/transfersSlice.ts';
import { Icon } from '../Icon/Icon.tsx';
import { TransferItem } from './TransferItem.tsx';
import './TransferQueue.css';

/** Transfer queue panel. */
export function TransferQueue() {
  const order = useAppStore((s) => s.transferOrder);
  const counts = useAppStore(
    useShallow((s) => {
      let active = 0;
      let failed = 0;
      let done = 0;
      for (const k of s.transferOrder) {
        const st = s.transfers[k]?.status;
        if (st === 'failed') failed += 1;
        else if (st === 'done') done += 1;
        else if (st && !FINISHED.has(st)) active += 1;
      }
      return { active, failed, done };
    }),
  );
  const [open, setOpen] = useState(true);

  return (
    <section className={`tq${open ? '' : ' is-collapsed'}`} aria-labelledby="tq-title">
      <header className="tq-head">
        <button type="button" className="tq-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          <Icon name="chevronDown" size={14} className="tq-chevron" />
          <h2 id="tq-title" className="tq-title">
            Transfers
          </h2>
        </button>
        <span className="tq-counts">
          {counts.active > 0 && <span className="tq-count is-active">{counts.active} active</span>}
          {counts.done > 0 && <span className="tq-count is-done">{counts.done} done</span>}
          {counts.failed > 0 && <span className="tq-count is-failed">{counts.failed} failed</span>}
          {order.length === 0 && <span className="tq-count">No transfers yet</span>}
        </span>
        <button
          type="button"
          className="btn btn-ghost btn-sm tq-clear"
          disabled={counts.done + counts.failed === 0 && order.length === counts.active}
          onClick={() => appStore.getState().clearFinishedTransfers()}
        >
          Clear finished
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
