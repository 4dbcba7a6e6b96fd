/** One entry of the file grid. Memoised: with 100,000 rows, only changed rows re-render. */
import { memo, type DragEvent, type MouseEvent } from 'react';
import type { WireEntry } from '@ftpdeck/protocol';
import { useT } from '../../i18n/useT.ts';
import { formatByteCount, formatBytes, formatModified } from '../../lib/format.ts';
import { describePermissions } from '../../lib/permissions.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { ServerText } from '../ServerText/ServerText.tsx';
import { Icon } from '../Icon/Icon.tsx';

/** Props of FileRow. */
export interface FileRowProps {
  entry: WireEntry;
  index: number;
  /** The grid's id prefix (see rowId). */
  idPrefix: string;
  top: number;
  /** Rows drag onto folders to move with a mouse; on touch screens a press scrolls instead. */
  draggable: boolean;
  selected: boolean;
  focused: boolean;
  onRowMouseDown: (index: number, e: MouseEvent) => void;
  onRowDoubleClick: (index: number) => void;
  onRowContextMenu: (index: number, e: MouseEvent) => void;
  /** Highlighted as the folder rows are being dragged onto. */
  dropTarget: boolean;
  onRowDragStart: (index: number, e: DragEvent) => void;
  onRowDragOver: (index: number, e: DragEvent) => void;
  onRowDragLeave: (index: number) => void;
  onRowDrop: (index: number, e: DragEvent) => void;
}

/** DOM id of a row, for aria-activedescendant; `prefix` (the grid's useId) keeps it unique across tabs. */
export function rowId(prefix: string, index: number): string {
  return `${prefix}-row-${index}`;
}

function typeIcon(entry: WireEntry) {
  if (entry.type === 'dir') return <Icon name="folder" className="fl-icon fl-icon-dir" />;
  if (entry.type === 'symlink') return <Icon name="link" className="fl-icon fl-icon-link" />;
  return <Icon name="file" className="fl-icon" />;
}

/**
 * The permissions cell. MLSD `perm` facts (`eldfmMTcp`) are read out as a
 * short summary, with every right they grant in the tooltip.
 */
function PermissionsCell({ raw }: { raw: string | undefined }) {
  const t = useT();
  const view = describePermissions(raw);
  if (view?.kind !== 'facts') {
    return (
      <div role="gridcell" className="fl-cell fl-perms">
        {view?.text ?? ''}
      </div>
    );
  }
  const rights = view.letters.map((l) => t(`perm.fact.${l}`)).join(', ');
  return (
    <div role="gridcell" className="fl-cell fl-perms fl-perms-facts" title={t('perm.factsTitle', { facts: raw ?? '', rights })}>
      {t(`perm.access.${view.access}`)}
    </div>
  );
}

function FileRowImpl({
  entry,
  index,
  idPrefix,
  top,
  draggable,
  selected,
  focused,
  dropTarget,
  onRowMouseDown,
  onRowDoubleClick,
  onRowContextMenu,
  onRowDragStart,
  onRowDragOver,
  onRowDragLeave,
  onRowDrop,
}: FileRowProps) {
  const t = useT();
  const isDir = entry.type === 'dir';
  return (
    <div
      role="row"
      id={rowId(idPrefix, index)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`fl-row${selected ? ' is-selected' : ''}${focused ? ' is-focused' : ''}${entry.name.startsWith('.') ? ' is-hidden' : ''}${dropTarget ? ' is-drop-target' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      draggable={draggable}
      onMouseDown={(e) => onRowMouseDown(index, e)}
      onDoubleClick={() => onRowDoubleClick(index)}
      onContextMenu={(e) => onRowContextMenu(index, e)}
      onDragStart={(e) => onRowDragStart(index, e)}
      onDragOver={(e) => onRowDragOver(index, e)}
      onDragLeave={() => onRowDragLeave(index)}
      onDrop={(e) => onRowDrop(index, e)}
    >
      <div
        role="gridcell"
        className="fl-cell fl-name"
        title={displayServerText(entry.target ? `${entry.name} → ${entry.target}` : entry.name)}
      >
        {typeIcon(entry)}
        <span className="fl-name-text">
          <ServerText text={entry.name} />
        </span>
        {/* The icon says it to the eye; this says it to a screen reader, as part of the row's name. */}
        {entry.type !== 'file' && <span className="visually-hidden">, {t(`ui.type.${entry.type}`)}</span>}
        {entry.type === 'symlink' && entry.target && (
          <span className="fl-link-target">
            → <ServerText text={entry.target} />
          </span>
        )}
      </div>
      <div role="gridcell" className="fl-cell fl-size" title={!isDir && entry.size !== undefined ? formatByteCount(entry.size) : undefined}>
        {isDir ? '' : formatBytes(entry.size)}
      </div>
      <div
        role="gridcell"
        className="fl-cell fl-modified"
        title={entry.modifiedPrecision === 'second' ? formatModified(entry.modifiedAt, 'second', true) : undefined}
      >
        {formatModified(entry.modifiedAt, entry.modifiedPrecision)}
      </div>
      <PermissionsCell raw={entry.permissions} />
      <div role="gridcell" className="fl-cell fl-owner" title={entry.group ? `${entry.owner ?? ''}:${entry.group}` : undefined}>
        {entry.owner ?? ''}
      </div>
    </div>
  );
}

/** Memoised row. */
export const FileRow = memo(FileRowImpl);
