/** Sorting and filtering of listing entries. Pure, so the file list can memoise it. */
import type { WireEntry } from '@ftpdeck/protocol';

/** Columns the list can sort by. */
export type SortKey = 'name' | 'size' | 'modified' | 'permissions' | 'owner';

/** Current sort: column and direction. */
export interface SortSpec {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** Natural order: `file2` before `file10`, case-insensitive first. */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareBy(key: SortKey, a: WireEntry, b: WireEntry): number {
  switch (key) {
    case 'name':
      return collator.compare(a.name, b.name);
    case 'size':
      return (a.size ?? -1) - (b.size ?? -1);
    case 'modified':
      return (a.modifiedAt ? Date.parse(a.modifiedAt) : 0) - (b.modifiedAt ? Date.parse(b.modifiedAt) : 0);
    case 'permissions':
      return collator.compare(a.permissions ?? '', b.permissions ?? '');
    case 'owner':
      return collator.compare(a.owner ?? '', b.owner ?? '');
  }
}

/** True for entries shown in the folder group. */
export function isFolder(entry: WireEntry): boolean {
  return entry.type === 'dir';
}

/** True for dot-files, which the hidden-files toggle hides. */
export function isHidden(entry: WireEntry): boolean {
  return entry.name.startsWith('.');
}

/**
 * Returns a new array: folders first (whatever the direction, as every file
 * manager does), then by the column, ties broken by name.
 */
export function sortEntries(entries: readonly WireEntry[], spec: SortSpec): WireEntry[] {
  const sign = spec.dir === 'asc' ? 1 : -1;
  return [...entries].sort((a, b) => {
    const fa = isFolder(a);
    if (fa !== isFolder(b)) return fa ? -1 : 1;
    const primary = compareBy(spec.key, a, b);
    if (primary !== 0) return primary * sign;
    return collator.compare(a.name, b.name) * sign;
  });
}

/** Applies the filter text (case-insensitive substring) and the hidden-files toggle. */
export function filterEntries(entries: readonly WireEntry[], filter: string, showHidden: boolean): WireEntry[] {
  const needle = filter.trim().toLocaleLowerCase();
  if (!needle && showHidden) return entries as WireEntry[];
  return entries.filter(
    (e) => (showHidden || !isHidden(e)) && (!needle || e.name.toLocaleLowerCase().includes(needle)),
  );
}

/** Filter then sort: what the list shows. */
export function visibleEntries(
  entries: readonly WireEntry[],
  spec: SortSpec,
  filter: string,
  showHidden: boolean,
): WireEntry[] {
  return sortEntries(filterEntries(entries, filter, showHidden), spec);
}
