/** Confirms a delete, listing exactly what will be removed (folders recursively). */
import { useEffect, useState } from 'react';
import type { WireEntry } from '@ftpdeck/protocol';
import { useServices } from '../../hooks/tabContext.ts';
import { planDelete, type DeletePlan } from '../../lib/deletePlan.ts';
import { joinPath } from '../../lib/remotePath.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { Icon } from '../Icon/Icon.tsx';
import { ServerText } from '../ServerText/ServerText.tsx';
import { Modal } from './Modal.tsx';
import { t as translateNow } from '../../i18n/languageStore.ts';
import { useT } from '../../i18n/useT.ts';
/** Names listed before "and N more". */
const SHOW = 12;
const NOTHING: readonly WireEntry[] = [];

/** The title for deleting these entries. Pure, for tests. */
export function deleteTitle(entries: readonly WireEntry[]): string {
  if (entries.length === 1) return translateNow('ui.confirmDelete', { name: `“${displayServerText(entries[0]?.name ?? '')}”` });
  return translateNow('ui.confirmDeleteMany', { count: entries.length });
}

/**
 * Looks inside the selected folders while the dialog is open. `null` while
 * nothing is selected that has an inside, or before the first listing.
 */
function useDeletePlan(entries: readonly WireEntry[]): { plan: DeletePlan | null; scanning: boolean } {
  const services = useServices();
  const [plan, setPlan] = useState<DeletePlan | null>(null);
  const [scanning, setScanning] = useState(false);
  useEffect(() => {
    const { socket, store } = services;
    const cwd = store.getState().cwd ?? '/';
    const roots = entries.filter((e) => e.type === 'dir').map((e) => ({ path: joinPath(cwd, e.name), name: e.name }));
    if (roots.length === 0) return undefined;
    const stop = new AbortController();
    setScanning(true);
    // The listings show up in the transcript under their own heading.
    if (roots.length === 1) store.getState().recordAction('act.deleteScan', { name: roots[0]?.name ?? '' });
    else store.getState().recordAction('act.deleteScanMany', { count: roots.length });
    void planDelete(roots, {
      list: async (path) => (await socket.request({ type: 'list', path })).entries,
      signal: stop.signal,
      onProgress: (p) => {
        if (!stop.signal.aborted) setPlan(p);
      },
    }).then((final) => {
      if (stop.signal.aborted) return;
      setPlan(final);
      setScanning(false);
    });
    return () => stop.abort();
  }, [entries, services]);
  return { plan, scanning };
}

/**
 * The selection with every `unknown` entry settled by a `stat`: on a server
 * that lists names only, a folder must be known as one before the dialog
 * can say what is inside it (and before the delete can empty it). `null`
 * while asking. An entry that cannot be settled stays as it is.
 */
function useSettledEntries(entries: readonly WireEntry[]): readonly WireEntry[] | null {
  const { socket, store } = useServices();
  const unknown = entries.some((e) => e.type === 'unknown');
  const [settled, setSettled] = useState<readonly WireEntry[] | null>(null);
  useEffect(() => {
    if (!unknown) return undefined;
    let live = true;
    const cwd = store.getState().cwd ?? '/';
    void Promise.all(
      entries.map(async (e) => {
        if (e.type !== 'unknown') return e;
        const found = await socket.request({ type: 'stat', path: joinPath(cwd, e.name) }).catch(() => null);
        return found?.entry?.type === 'dir' ? { ...e, type: 'dir' as const } : e;
      }),
    ).then((all) => {
      if (live) setSettled(all);
    });
    return () => {
      live = false;
    };
  }, [entries, unknown, socket, store]);
  // Nothing to ask: the selection is settled as it is.
  return unknown ? settled : entries;
}

/** The delete confirmation. */
export function DeleteDialog({ entries: selected, onClose }: { entries: WireEntry[]; onClose: () => void }) {
  const t = useT();
  const services = useServices();
  const settled = useSettledEntries(selected);
  const entries = settled ?? selected;
  const folders = entries.filter((e) => e.type === 'dir').length;
  const { plan, scanning } = useDeletePlan(settled ?? NOTHING);
  const inside = plan ? plan.files + plan.folders : 0;
  const total = entries.length + inside;
  const exact = folders === 0 || (plan !== null && plan.complete && !scanning);
  const submit = () => {
    // Until every name is settled, a folder could be sent as a file (DELE) and refused.
    if (settled === null) return;
    onClose();
    // The status bar counts against this total while the delete runs, when the count is exact.
    void services.ops.remove(settled, exact ? { expected: total } : {});
  };

  return (
    <Modal
      role="alertdialog"
      title={deleteTitle(entries)}
      width={460}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          {/* Cancel takes the focus: Enter must never destroy files by default. */}
          <button type="button" className="btn" onClick={onClose} data-autofocus>
            {t('ui.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={settled === null}>
            {exact ? t('dlg.deleteCount', { count: total }) : t('dlg.deleteAtLeast', { count: total })}
          </button>
        </>
      }
    >
      <p>{folders > 0 ? t('dlg.deleteFolders') : t('dlg.cannotUndo')}</p>
      <ul className="list-box del-list" aria-label={t('dlg.itemsToDelete')}>
        {entries.slice(0, SHOW).map((e) => (
          <li key={e.name}>
            <Icon name={e.type === 'dir' ? 'folder' : 'file'} size={14} />
            <span className="del-name">
              <ServerText text={e.name} />
            </span>
            {e.type === 'dir' && <span className="del-note">{t('dlg.folderAndContents')}</span>}
          </li>
        ))}
        {entries.length > SHOW && <li className="del-more">{t('dlg.andMore', { count: entries.length - SHOW })}</li>}
      </ul>
      {folders > 0 && <DeleteContents plan={plan} scanning={scanning} />}
    </Modal>
  );
}

/** "Inside: 12 files and 3 folders", and the first paths found. */
function DeleteContents({ plan, scanning }: { plan: DeletePlan | null; scanning: boolean }) {
  const t = useT();
  const count = plan ? plan.files + plan.folders : 0;
  const summary =
    plan === null
      ? t('dlg.scanning')
      : count === 0 && plan.complete
        ? t('dlg.insideEmpty')
        : t(plan.complete && !scanning ? 'dlg.insideCounts' : 'dlg.insideAtLeast', {
            files: t('dlg.files', { count: plan.files }),
            folders: t('dlg.folders', { count: plan.folders }),
          });
  return (
    <div className="del-inside" aria-live="polite">
      <p className="del-inside-summary">
        {scanning && <span className="spinner del-spinner" aria-hidden="true" />}
        {summary}
      </p>
      {plan && plan.sample.length > 0 && (
        <ul className="del-paths" aria-label={t('dlg.contentsToDelete')}>
          {plan.sample.map((p) => (
            <li key={p}>
              <Icon name={p.endsWith('/') ? 'folder' : 'file'} size={12} />
              <span>
                <ServerText text={p} />
              </span>
            </li>
          ))}
          {count > plan.sample.length && (
            <li className="del-more">{plan.complete && !scanning ? t('dlg.andMoreItems', { count: count - plan.sample.length }) : t('dlg.andAtLeastMore', { count: count - plan.sample.length })}</li>
          )}
        </ul>
      )}
    </div>
  );
}
