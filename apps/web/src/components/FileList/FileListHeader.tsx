/** The grid's header row: sortable column headers with aria-sort. */
import type { SortKey } from '../../lib/sortEntries.ts';
import { useAppStore } from '../../store/index.ts';
import { Icon } from '../Icon/Icon.tsx';

const COLUMNS: ReadonlyArray<{ key: SortKey; label: string; className: string }> = [
  { key: 'name', label: 'Name', className: 'fl-name' },
  { key: 'size', label: 'Size', className: 'fl-size' },
  { key: 'modified', label: 'Modified', className: 'fl-modified' },
  { key: 'permissions', label: 'Permissions', className: 'fl-perms' },
  { key: 'owner', label: 'Owner', className: 'fl-owner' },
];

/** Header row of the file grid. */
export function FileListHeader() {
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
                {c.label}
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
