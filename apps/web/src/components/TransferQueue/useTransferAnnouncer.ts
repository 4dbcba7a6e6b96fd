/**
 * What the transfers panel says to screen readers: how transfers ended,
 * never their progress. One finished transfer is named ("report.pdf: done");
 * several ending close together are counted in one sentence, so a folder of
 * 500 files does not queue 500 announcements.
 */
import { useEffect, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useT } from '../../i18n/useT.ts';
import { displayServerText } from '../../lib/serverText.ts';
import type { TransferEnding } from '../../store/transfersSlice.ts';
import type { AppState } from '../../store/types.ts';

/** Endings gathered before one announcement. */
const GATHER_MS = 1500;

/** The panel's live-region text for this tab's store. */
export function useTransferAnnouncer(store: StoreApi<AppState>): string {
  const t = useT();
  const [message, setMessage] = useState('');
  const pending = useRef<TransferEnding[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const flush = () => {
      timer.current = null;
      const ended = pending.current.splice(0);
      const [only] = ended;
      if (!only) return;
      if (ended.length === 1) {
        // A server's name, said as the page shows it: a bidi override in it must not reorder the sentence.
        setMessage(t(`tq.said.${only.status}`, { name: displayServerText(only.name) }));
        return;
      }
      const count = (s: TransferEnding['status']) => ended.filter((e) => e.status === s).length;
      setMessage(t('tq.said.many', { count: ended.length, done: count('done'), failed: count('failed'), other: count('cancelled') + count('skipped') }));
    };
    // Only endings after this point are news; one comparison per store write otherwise.
    let seen = store.getState().transferEndings.at(-1)?.seq ?? 0;
    return store.subscribe((s) => {
      const last = s.transferEndings.at(-1);
      if (!last || last.seq <= seen) return;
      for (const ending of s.transferEndings) if (ending.seq > seen) pending.current.push(ending);
      seen = last.seq;
      timer.current ??= setTimeout(flush, GATHER_MS);
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
