/** The grid's header row: sortable column headers with aria-sort. */
import type { SortKey } from '../../lib/sortEntries.ts';
import { useAppStore } from '../../store/index.ts';
import { Icon } from '../Icon/Icon.tsx';
import type { MessageKey } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/useT.ts';
const COLUMNS: ReadonlyArray<{ key: SortKey; label: MessageKey; className: string }> = [
  { key: 'name', label: 'ui.name', className: 'fl-name' },
  { key: 'size', label: 'ui.size', className: 'fl-size' },
  { key: 'modified', label: 'ui.modified', className: 'fl-modified' },
  { key: 'permissions', label: 'ui.permissions', className: 'fl-perms' },
  { key: 'owner', label: 'ui.owner', className: 'fl-owner' },
];

/** Header row of the file grid. */
export function FileListHeader() {
  const t = useT();
  const sort = useAppStore((s) => s.sort);
  const toggleSort = useAppStore((s) => s.toggleSort);
  return (
    <div role="rowgroup" className="fl-head">
      <div role="row" aria-rowindex={1} className="fl-row fl-head-row">
        {COLUMNS.map((c) => {
          const active = sort.key === c.key;
          return (
            <div
              key={c.key}
              role="columnheader"
              className={`fl-cell ${c.className}`}
              aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              <button type="button" className="fl-sort" onClick={() => toggleSort(c.key)}>
                {t(c.label)}
                <span className={`fl-sort-ind${active ? ' is-active' : ''}${active && sort.dir === 'desc' ? ' is-desc' : ''}`}>
                  <Icon name="chevronDown" size={12} />
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
