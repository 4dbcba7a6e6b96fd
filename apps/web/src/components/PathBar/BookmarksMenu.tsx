/**
 * Folder bookmarks in the path bar: a star that bookmarks the folder on
 * screen (pressed when it is one), and a list to jump to any bookmark of
 * this site. Kept per account and server in this browser (lib/bookmarks.ts).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useServices } from '../../hooks/tabContext.ts';
import { useDismiss } from '../../hooks/useDismiss.ts';
import { useT } from '../../i18n/useT.ts';
import { listBookmarks, siteKey, toggleBookmark } from '../../lib/bookmarks.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { useAppStore } from '../../store/index.ts';
import { Icon } from '../Icon/Icon.tsx';

/** The star and the bookmarks list; nothing until connected. */
export function BookmarksMenu() {
  const t = useT();
  const id = useId();
  const { ops } = useServices();
  const cwd = useAppStore((s) => s.cwd);
  const site = useAppStore((s) => siteKey(s.server));
  const [marks, setMarks] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(() => setOpen(false)).current;
  useDismiss(open, box, close);
  useEffect(() => setMarks(site ? listBookmarks(site) : []), [site]);

  if (site === null || cwd === null) return null;
  const marked = marks.includes(cwd);
  const toggleList = () => {
    // Another tab of the same site may have changed them since.
    if (!open) setMarks(listBookmarks(site));
    setOpen((o) => !o);
  };

  return (
    <div className="pb-bookmarks" ref={box}>
      <button
        type="button"
        className={`btn btn-ghost btn-icon btn-sm pb-star${marked ? ' is-on' : ''}`}
        aria-pressed={marked}
        aria-label={t('bm.toggle')}
        title={t(marked ? 'bm.remove' : 'bm.add')}
        onClick={() => setMarks(toggleBookmark(site, cwd))}
      >
        <Icon name="star" size={14} />
      </button>
      <button
        type="button"
        className="btn btn-ghost btn-icon btn-sm"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-label={t('bm.list')}
        title={t('bm.list')}
        onClick={toggleList}
      >
        <Icon name="chevronDown" size={14} />
      </button>
      <div id={`${id}-list`} className="pb-bm-popover" hidden={!open}>
        {marks.length === 0 ? (
          <p className="pb-bm-empty">{t('bm.none')}</p>
        ) : (
          <ul aria-label={t('bm.list')}>
            {marks.map((path) => (
              <li key={path}>
                <button
                  type="button"
                  className="pb-bm-item"
                  aria-current={path === cwd ? 'location' : undefined}
                  onClick={() => {
                    setOpen(false);
                    if (path !== cwd) void ops.openDir(path);
                  }}
                >
                  {displayServerText(path)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
