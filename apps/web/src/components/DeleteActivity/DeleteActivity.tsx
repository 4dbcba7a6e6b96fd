/**
 * Running deletes, in a bar above the file list: what is going, how far it
 * has got and a Stop button, one line each. A folder delete on the server
 * can take minutes; this is where the user sees it move and can stop it.
 * Above the list rather than in the status bar, which a phone shows only
 * at the end of its scrolled column.
 */
import { useServices } from '../../hooks/tabContext.ts';
import { useT } from '../../i18n/useT.ts';
import { useAppStore } from '../../store/index.ts';
import type { RunningDelete } from '../../store/deletesSlice.ts';
import { Icon } from '../Icon/Icon.tsx';
import { formatCount } from '../../lib/format.ts';
import './DeleteActivity.css';

/** All running deletes of this tab; nothing when none runs. */
export function DeleteActivity() {
  const t = useT();
  const deletes = useAppStore((s) => s.deletes);
  if (deletes.length === 0) return null;
  return (
    <div className="delete-activity" role="group" aria-label={t('del.region')}>
      {deletes.map((d) => (
        <DeleteLine key={d.id} run={d} />
      ))}
    </div>
  );
}

function DeleteLine({ run }: { run: RunningDelete }) {
  const t = useT();
  const services = useServices();
  const what = run.name !== undefined ? t('del.progressOne', { name: run.name }) : t('del.progressMany', { count: run.count });
  // The dialog's exact count can fall short of what the server finds (files added since); never show "41 of 40".
  const expected = run.expected !== undefined && run.expected >= run.removed ? run.expected : undefined;
  // Grouped digits, as the rest of the page shows counts ("1,234").
  const removed = formatCount(run.removed);
  const count = expected !== undefined ? t('del.removedOf', { removed, expected: formatCount(expected) }) : t('del.removed', { removed });
  return (
    <div className="da-line" data-testid="delete-activity">
      <Icon name="trash" size={14} className="da-icon" />
      <span className="da-what">{what}</span>
      {expected !== undefined && <progress className="da-bar" value={run.removed} max={Math.max(expected, 1)} aria-hidden="true" />}
      {/* Updates up to 10 times a second: off for screen readers, which hear how it ended from its toast. */}
      <span aria-live="off">{count}</span>
      {/* Shown only if the wait lasts (CSS delay): the server runs one delete at a time, on a free connection. */}
      {run.waiting && <span className="da-waiting">{t('del.waiting')}</span>}
      <button type="button" className="btn btn-sm da-stop" disabled={run.stopping} aria-label={run.stopping ? t('del.stopping') : `${t('del.stopLabel')}: ${what}`} onClick={() => void services.ops.stopDelete(run.id)}>
        {run.stopping ? t('del.stopping') : t('del.stop')}
      </button>
    </div>
  );
}
