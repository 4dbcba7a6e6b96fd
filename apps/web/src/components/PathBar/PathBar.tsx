/**
 * The path bar: breadcrumbs (root first) that open any ancestor, an edit
 * mode where a path can be typed (absolute or relative to the cwd), and
 * the folder bookmarks.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useServices } from '../../hooks/tabContext.ts';
import { isRowDrag } from '../../lib/dragMove.ts';
import { normalizePath, pathCrumbs } from '../../lib/remotePath.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';
import { selectSelectedEntries } from '../../store/selectors.ts';
import { Icon } from '../Icon/Icon.tsx';
import { BookmarksMenu } from './BookmarksMenu.tsx';
import { ServerText } from '../ServerText/ServerText.tsx';
import { displayServerText } from '../../lib/serverText.ts';
import { useT } from '../../i18n/useT.ts';
import './PathBar.css';

/** Breadcrumbs plus an editable location field. */
export function PathBar() {
  const t = useT();
  const store = useStoreApi();
  const services = useServices();
  const cwd = useAppStore((s) => s.cwd);
  const loading = useAppStore((s) => s.listLoading);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [dropPath, setDropPath] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  /** Where focus goes when the field closes by key (not by a click elsewhere, which placed it already). */
  const after = useRef<'edit' | 'grid' | null>(null);

  useEffect(() => {
    if (editing) {
      input.current?.select();
      return;
    }
    // Escape goes back to the button that opened the field; Enter to the list of the folder opened.
    if (after.current === 'edit') editButton.current?.focus();
    else if (after.current === 'grid') editButton.current?.closest('.files-pane')?.querySelector<HTMLElement>('[role="grid"]')?.focus();
    after.current = null;
  }, [editing]);

  const startEdit = () => {
    if (cwd === null) return;
    setDraft(cwd);
    setEditing(true);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const target = normalizePath(draft.trim() || '/', cwd ?? '/');
    after.current = 'grid';
    setEditing(false);
    if (target !== cwd) await services.ops.openDir(target);
  };

  const crumbs = cwd === null ? [] : pathCrumbs(cwd);

  return (
    <nav className="pathbar" aria-label={t('ui.path')} aria-busy={loading || undefined}>
      {editing ? (
        <form className="pb-form" onSubmit={submit}>
          <input
            ref={input}
            className="input pb-input"
            aria-label={t('pb.location')}
            value={draft}
            spellCheck={false}
            onChange={(e) => setDraft(e.target.value)}
            onBlur={() => setEditing(false)}
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return;
              after.current = 'edit';
              setEditing(false);
            }}
          />
        </form>
      ) : (
        <>
          <ol className="pb-crumbs">
            {crumbs.map((c, i) => {
              const last = i === crumbs.length - 1;
              return (
                <li key={c.path}>
                  {/* The root crumb's own name is "/": no second slash after it. */}
                  {i > 1 && (
                    <span className="pb-sep" aria-hidden="true">
                      /
                    </span>
                  )}
                  <button
                    type="button"
                    className={`pb-crumb${i === 0 ? ' pb-root' : ''}${dropPath === c.path ? ' is-drop-target' : ''}`}
                    aria-current={last ? 'location' : undefined}
                    title={displayServerText(c.path)}
                    onClick={() => {
                      if (!last) void services.ops.openDir(c.path);
                    }}
                    // Rows dragged onto an ancestor crumb move there.
                    onDragOver={(e) => {
                      if (last || !isRowDrag(e.dataTransfer)) return;
                      e.preventDefault();
                      e.dataTransfer.dropEffect = 'move';
                      setDropPath(c.path);
                    }}
                    onDragLeave={() => setDropPath(null)}
                    onDrop={(e) => {
                      setDropPath(null);
                      if (last || !isRowDrag(e.dataTransfer)) return;
                      e.preventDefault();
                      void services.ops.move(selectSelectedEntries(store.getState()), c.path);
                    }}
                  >
                    {i === 0 && <Icon name="server" size={13} />}
                    <ServerText text={c.name} />
                  </button>
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className="pb-fill"
            tabIndex={-1}
            aria-hidden="true"
            onClick={startEdit}
            disabled={cwd === null}
          />
          <button
            ref={editButton}
            type="button"
            className="btn btn-ghost btn-icon btn-sm pb-edit"
            aria-label={t('pb.edit')}
            title={t('pb.editTitle')}
            onClick={startEdit}
            disabled={cwd === null}
          >
            <Icon name="edit" size={14} />
          </button>
          <BookmarksMenu />
        </>
      )}
    </nav>
  );
}
