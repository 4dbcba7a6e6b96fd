/**
 * The remote file grid ("Remote files"): header, windowed rows, selection
 * by mouse and keyboard, context menu, and drop-to-upload.
 */
import { useCallback, useId, useRef, useState, type CSSProperties, type DragEvent, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { actionContext, getAction, runAction } from '../../actions/register.ts';
import { useActionEnv } from '../../hooks/tabContext.ts';
import { MOVE_TYPE, isFileDrag, isRowDrag } from '../../lib/dragMove.ts';
import { joinPath } from '../../lib/remotePath.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';
import { selectHasSession, selectSelectedEntries, selectVisibleEntries } from '../../store/selectors.ts';
import { Icon } from '../Icon/Icon.tsx';
import { useT } from '../../i18n/useT.ts';
import { FileListHeader } from './FileListHeader.tsx';
import { ConnectingState, GridMessage, NotConnectedState } from './FileListStates.tsx';
import { FileRow, rowId } from './FileRow.tsx';
import { useFileDrop } from './useFileDrop.ts';
import { useGridKeyboard } from './useGridKeyboard.ts';
import { useFocusedRowShown, useLeadRow } from './useLeadRow.ts';
import { TOUCH_ROW_HEIGHT, useLongPress, useRowHeight } from './useTouchRows.ts';
import { useVirtualRows } from './useVirtualRows.ts';
import './FileList.css';

/** Props of Grid: where a file drag from the desktop aims (see useFileDrop). */
interface GridProps {
  /** The folder row files would be dropped into, or null. */
  fileInto: string | null;
  aimFileDrop: (folder: string | null) => void;
}

/** The grid itself, shown once a listing exists. */
function Grid({ fileInto, aimFileDrop }: GridProps) {
  const t = useT();
  const store = useStoreApi();
  const env = useActionEnv();
  // aria-activedescendant ids: unique per grid, since every open tab has one mounted.
  const idPrefix = useId();
  const rows = useAppStore(selectVisibleEntries);
  const { selected, focused } = useAppStore(useShallow((s) => ({ selected: s.selected, focused: s.focused })));
  const { total, loading, error, filter } = useAppStore(
    useShallow((s) => ({
      total: s.listing?.entries.length ?? 0,
      loading: s.listLoading,
      error: s.listError,
      filter: s.filter,
    })),
  );
  const body = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  // One height for layout (CSS --row-h, set on the grid below) and for windowing.
  const rowHeight = useRowHeight();
  const { start, end, pageSize, scrollToIndex } = useVirtualRows(body, rows.length, rowHeight);
  const onKeyDown = useGridKeyboard(rows, pageSize, scrollToIndex);

  const names = useCallback(() => rows.map((r) => r.name), [rows]);
  // Found once per render: a folder can hold 100 000 rows.
  const focusedIndex = focused === null ? -1 : rows.findIndex((r) => r.name === focused);
  useLeadRow(rows, focusedIndex);

  const onRowMouseDown = useCallback(
    (index: number, e: MouseEvent) => {
      const entry = rows[index];
      if (!entry) return;
      const s = store.getState();
      // Right-click on an unselected row selects it; on a selected row keeps the group.
      if (e.button === 2) {
        if (!s.selected.has(entry.name)) s.select(entry.name, 'only', names());
        return;
      }
      if (e.button !== 0) return;
      const mode = e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'only';
      s.select(entry.name, mode, mode === 'range' ? names() : []);
      grid.current?.focus({ preventScroll: true });
    },
    [rows, names, store],
  );

  const onRowDoubleClick = useCallback(
    (index: number) => {
      const entry = rows[index];
      if (!entry) return;
      runAction(getAction('open'), actionContext(store.getState(), env, [entry]));
    },
    [rows, store, env],
  );

  // A menu for a row acts on that row: a right-click selected it on mousedown; a
  // long press (here, or the browser's own, which arrives as contextmenu) selects it here.
  const openRowMenu = useCallback(
    (index: number, x: number, y: number) => {
      const entry = rows[index];
      if (!entry) return;
      const s = store.getState();
      if (!s.selected.has(entry.name)) s.select(entry.name, 'only', names());
      s.openContextMenu(x, y);
    },
    [rows, names, store],
  );
  const onRowContextMenu = useCallback(
    (index: number, e: MouseEvent) => {
      e.preventDefault();
      e.stopPropagation();
      openRowMenu(index, e.clientX, e.clientY);
    },
    [openRowMenu],
  );
  // Below the rows: the folder's own menu, with nothing selected.
  const openFolderMenu = useCallback(
    (x: number, y: number) => {
      store.getState().clearSelection();
      store.getState().openContextMenu(x, y);
    },
    [store],
  );
  const longPress = useLongPress(
    useCallback((index: number, x: number, y: number) => (index >= 0 ? openRowMenu(index, x, y) : openFolderMenu(x, y)), [openRowMenu, openFolderMenu]),
  );

  // Dragging rows onto a folder row moves them there; dragging files from
  // the desktop onto one uploads into it (the area's drop handler does that).
  const [dropIndex, setDropIndex] = useState(-1);

  const onRowDragStart = useCallback(
    (index: number, e: DragEvent) => {
      const entry = rows[index];
      if (!entry) return;
      const s = store.getState();
      if (!s.selected.has(entry.name)) s.select(entry.name, 'only', []);
      const dragged = selectSelectedEntries(store.getState());
      const cwd = store.getState().cwd ?? '/';
      e.dataTransfer.setData(MOVE_TYPE, JSON.stringify(dragged.map((d) => d.name)));
      // Dropped into a text field or editor, a drag yields the paths.
      e.dataTransfer.setData('text/plain', dragged.map((d) => joinPath(cwd, d.name)).join('\n'));
      e.dataTransfer.effectAllowed = 'move';
    },
    [rows, store],
  );

  const onRowDragOver = useCallback(
    (index: number, e: DragEvent) => {
      const entry = rows[index];
      if (!entry) return;
      if (isFileDrag(e.dataTransfer)) {
        aimFileDrop(entry.type === 'dir' ? entry.name : null);
        return;
      }
      if (entry.type !== 'dir' || !isRowDrag(e.dataTransfer)) return;
      if (store.getState().selected.has(entry.name)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setDropIndex(index);
    },
    [rows, store, aimFileDrop],
  );

  const onRowDragLeave = useCallback((index: number) => setDropIndex((d) => (d === index ? -1 : d)), []);

  const onRowDrop = useCallback(
    (index: number, e: DragEvent) => {
      setDropIndex(-1);
      const entry = rows[index];
      if (isFileDrag(e.dataTransfer)) {
        // Aim once more from the drop itself, then let it bubble to the area, which uploads.
        aimFileDrop(entry?.type === 'dir' ? entry.name : null);
        return;
      }
      if (!entry || entry.type !== 'dir' || !isRowDrag(e.dataTransfer)) return;
      e.preventDefault();
      e.stopPropagation();
      const s = store.getState();
      void env.ops.move(selectSelectedEntries(s), joinPath(s.cwd ?? '/', entry.name));
    },
    [rows, store, env, aimFileDrop],
  );

  const onBackgroundMouseDown = (e: MouseEvent) => {
    if (e.target === e.currentTarget || (e.target as HTMLElement).classList.contains('fl-canvas')) {
      if (e.button === 0) store.getState().clearSelection();
      grid.current?.focus({ preventScroll: true });
    }
  };

  const onBackgroundContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    openFolderMenu(e.clientX, e.clientY);
  };

  // Shift+F10 or the menu key: the event comes to the focused grid itself (rows and the
  // body take the pointer's). The menu opens under the active row, or the folder's menu
  // at the top of the list when no row is active.
  const onKeyboardContextMenu = (e: MouseEvent) => {
    if (e.target !== e.currentTarget || !grid.current) return;
    e.preventDefault();
    const s = store.getState();
    const index = s.focused === null ? -1 : rows.findIndex((r) => r.name === s.focused);
    const box = grid.current.getBoundingClientRect();
    if (index < 0) {
      openFolderMenu(box.left + 24, box.top + 2 * rowHeight);
      return;
    }
    scrollToIndex(index);
    const row = grid.current.querySelector(`#${CSS.escape(rowId(idPrefix, index))}`)?.getBoundingClientRect();
    openRowMenu(index, (row?.left ?? box.left) + 24, row?.bottom ?? box.top + 2 * rowHeight);
  };

  useFocusedRowShown(rows, focused, focusedIndex, { start, end, scrollToIndex });
  const activeId = focusedIndex >= start && focusedIndex < end ? rowId(idPrefix, focusedIndex) : undefined;

  const rendered = [];
  for (let i = start; i < end; i += 1) {
    const entry = rows[i];
    if (!entry) continue;
    rendered.push(
      <FileRow
        key={entry.name}
        entry={entry}
        index={i}
        idPrefix={idPrefix}
        top={i * rowHeight}
        draggable={rowHeight !== TOUCH_ROW_HEIGHT}
        selected={selected.has(entry.name)}
        focused={i === focusedIndex}
        onRowMouseDown={onRowMouseDown}
        onRowDoubleClick={onRowDoubleClick}
        onRowContextMenu={onRowContextMenu}
        dropTarget={i === dropIndex || (fileInto !== null && entry.name === fileInto)}
        onRowDragStart={onRowDragStart}
        onRowDragOver={onRowDragOver}
        onRowDragLeave={onRowDragLeave}
        onRowDrop={onRowDrop}
      />,
    );
  }

  let message: 'empty' | 'filtered' | 'error' | 'loading' | null = null;
  if (error) message = 'error';
  else if (rows.length === 0 && loading) message = 'loading';
  else if (rows.length === 0 && total > 0) message = 'filtered';
  else if (rows.length === 0) message = 'empty';

  return (
    <div
      ref={grid}
      role="grid"
      aria-label={t('ui.remoteFiles')}
      aria-rowcount={rows.length + 1}
      aria-colcount={5}
      aria-multiselectable="true"
      aria-busy={loading || undefined}
      aria-activedescendant={activeId}
      tabIndex={0}
      className={`fl-grid${loading ? ' is-loading' : ''}`}
      style={{ '--row-h': `${rowHeight}px` } as CSSProperties}
      onKeyDown={onKeyDown}
      onContextMenu={onKeyboardContextMenu}
      onFocus={() => {
        // Give keyboard users a lead row as soon as the grid takes focus.
        const s = store.getState();
        if (s.focused === null && rows[0]) s.setFocused(rows[0].name);
      }}
    >
      <FileListHeader />
      <div
        ref={body}
        role="rowgroup"
        className="fl-body"
        onMouseDown={onBackgroundMouseDown}
        onContextMenu={onBackgroundContextMenu}
        {...longPress}
      >
        <div className="fl-canvas" role="presentation" style={{ height: rows.length * rowHeight }}>
          {rendered}
        </div>
        {message && (
          <GridMessage kind={message} error={error} onClearFilter={() => store.getState().setFilter('')} />
        )}
      </div>
      {loading && rows.length > 0 && <div className="fl-progress" aria-hidden="true" />}
    </div>
  );
}

/** The file area: grid when connected, a welcome or error card otherwise; accepts dropped files. */
export function FileList() {
  const t = useT();
  const connected = useAppStore(selectHasSession);
  const hasListing = useAppStore((s) => s.listing !== null || s.listLoading || s.listError !== null);
  // A failed connect, or a connection that dropped and could not be restored.
  const connectError = useAppStore((s) => s.connectError);
  const lostError = useAppStore((s) => s.server.error ?? null);
  // Also after a reload mid-connect: the welcome says `connecting` while no request of this page is pending.
  const connecting = useAppStore((s) => s.connectPending || s.server.status === 'connecting');
  const cwd = useAppStore((s) => s.cwd ?? '/');
  const { over, into, aim, handlers } = useFileDrop(connected, cwd);

  return (
    <div className={`fl-area${over ? ' is-drop' : ''}`} {...handlers}>
      {connected && hasListing ? (
        <Grid fileInto={into} aimFileDrop={aim} />
      ) : connecting && !connected ? (
        <ConnectingState />
      ) : (
        <NotConnectedState error={connected ? null : (connectError ?? lostError)} lost={!connectError && lostError !== null} />
      )}
      {over && (
        // Says where the files will go: the folder on screen, or the folder row under the pointer.
        <div className="fl-drop" aria-hidden="true">
          <div className="fl-drop-label">
            <Icon name="upload" size={20} />
            {t('ui.dropHere', { path: displayServerText(into === null ? cwd : joinPath(cwd, into)) })}
          </div>
        </div>
      )}
    </div>
  );
}
