/**
 * The "Sites" popover of the connect form: pick a saved site to fill the
 * form, save the current form under a name, delete a site. Sites live in
 * this browser (lib/savedSites.ts); a password only when the user asks.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useDismiss } from '../../hooks/useDismiss.ts';
import { useT } from '../../i18n/useT.ts';
import { defaultSiteName, deleteSite, listSites, saveSite, siteToFields, type SavedSite } from '../../lib/savedSites.ts';
import { Icon } from '../Icon/Icon.tsx';
import type { ConnectFields } from './connectFields.ts';

/** Props of SitesMenu. */
export interface SitesMenuProps {
  /** The form as it is now: what "Save site" saves. */
  fields: ConnectFields;
  /** Called with a chosen site's values. */
  onPick: (fields: ConnectFields) => void;
}

/** Saved-sites button and popover. */
export function SitesMenu({ fields, onPick }: SitesMenuProps) {
  const t = useT();
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [sites, setSites] = useState<SavedSite[]>(() => listSites());
  const [name, setName] = useState('');
  const [remember, setRemember] = useState(false);
  const close = useRef(() => setOpen(false)).current;
  useDismiss(open, box, close);

  const toggle = () => {
    // Another tab may have changed the list since this one read it.
    if (!open) setSites(listSites());
    setOpen((o) => !o);
  };

  const pick = (site: SavedSite) => {
    onPick(siteToFields(site));
    setOpen(false);
  };

  const save = () => {
    setSites(saveSite(fields, name, remember));
    setName('');
    setRemember(false);
  };

  const onNameKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter inside the connect form would connect; here it means "Save site".
    if (e.key !== 'Enter') return;
    e.preventDefault();
    save();
  };

  return (
    <div className="cf-more cf-sites" ref={box}>
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        aria-expanded={open}
        aria-controls={`${id}-sites`}
        title={t('cf.savedSites')}
        aria-label={t('cf.sites')}
        onClick={toggle}
      >
        <Icon name="server" />
      </button>
      <div id={`${id}-sites`} className="cf-popover cf-sites-popover" hidden={!open}>
        {sites.length === 0 ? (
          <p className="cf-sites-empty">{t('cf.noSites')}</p>
        ) : (
          <ul className="cf-sites-list" aria-label={t('cf.savedSites')}>
            {sites.map((site) => (
              <li key={site.name} className="cf-site">
                <button type="button" className="cf-site-pick" title={`${site.anonymous ? 'anonymous' : site.user}@${site.host}:${site.port}`} onClick={() => pick(site)}>
                  {site.name}
                </button>
                <button
                  type="button"
                  className="btn btn-ghost btn-icon"
                  aria-label={t('cf.deleteSite', { name: site.name })}
                  title={t('cf.deleteSite', { name: site.name })}
                  onClick={() => setSites(deleteSite(site.name))}
                >
                  <Icon name="trash" />
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="cf-sites-save">
          <div className="cf-field">
            <label htmlFor={`${id}-site-name`}>{t('cf.siteName')}</label>
            <input
              id={`${id}-site-name`}
              className="input"
              value={name}
              placeholder={defaultSiteName(fields)}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={onNameKey}
              spellCheck={false}
              autoComplete="off"
            />
          </div>
          <div className="cf-check">
            <input
              id={`${id}-remember`}
              type="checkbox"
              checked={remember}
              disabled={fields.anonymous}
              aria-describedby={`${id}-remember-note`}
              onChange={(e) => setRemember(e.target.checked)}
            />
            <label htmlFor={`${id}-remember`}>{t('cf.rememberPassword')}</label>
          </div>
          <p id={`${id}-remember-note`} className="cf-sites-note">
            {t('cf.rememberPasswordNote')}
          </p>
          <button type="button" className="btn cf-sites-submit" onClick={save} disabled={!fields.host.trim()}>
            {t('cf.saveSite')}
          </button>
        </div>
      </div>
    </div>
  );
}
