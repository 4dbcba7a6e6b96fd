/**
 * What the transfers panel says to screen readers: how transfers ended,
 * never their progress. One finished transfer is named ("report.pdf: done");
 * several ending close together are counted in one sentence, so a folder of
 * 500 files does not queue 500 announcements.
 */
import { useEffect, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useT } from '../../i18n/useT.ts';
import { FINISHED, type TransferStatus } from '../../store/transfersSlice.ts';
import type { AppState } from '../../store/types.ts';

/** Endings gathered before one announcement. */
const GATHER_MS = 1500;

type Ending = Extract<TransferStatus, 'done' | 'failed' | 'cancelled' | 'skipped'>;

/** The panel's live-region text for this tab's store. */
export function useTransferAnnouncer(store: StoreApi<AppState>): string {
  const t = useT();
  const [message, setMessage] = useState('');
  const pending = useRef<{ name: string; status: Ending }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const seen = new Map<string, TransferStatus>(Object.entries(store.getState().transfers).map(([k, v]) => [k, v.status]));
    const flush = () => {
      timer.current = null;
      const ended = pending.current.splice(0);
      const [only] = ended;
      if (!only) return;
      if (ended.length === 1) {
        setMessage(t(`tq.said.${only.status}`, { name: only.name }));
        return;
      }
      const count = (s: Ending) => ended.filter((e) => e.status === s).length;
      setMessage(t('tq.said.many', { count: ended.length, done: count('done'), failed: count('failed'), other: count('cancelled') + count('skipped') }));
    };
    return store.subscribe((s) => {
      for (const [key, transfer] of Object.entries(s.transfers)) {
        const before = seen.get(key);
        if (before === transfer.status) continue;
        seen.set(key, transfer.status);
        if (FINISHED.has(transfer.status) && (before === undefined || !FINISHED.has(before))) {
          pending.current.push({ name: transfer.name, status: transfer.status as Ending });
          timer.current ??= setTimeout(flush, GATHER_MS);
        }
      }
    });
  }, [store, t]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return message;
}
