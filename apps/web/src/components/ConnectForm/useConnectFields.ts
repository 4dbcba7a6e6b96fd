/**
 * Form state for the connect form: starts from the server's demo config,
 * else the last site used in this browser. A late config answer never
 * overwrites what the user already typed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { getAppConfig } from '../../api/config.ts';
import { EMPTY_FIELDS, LAST_SITE_KEY, type ConnectFields, type RememberedSite } from './connectFields.ts';
import { toServerTimezone } from './serverTimezones.ts';

function readLastSite(): Partial<RememberedSite> {
  try {
    const raw = localStorage.getItem(LAST_SITE_KEY);
    if (!raw) return {};
    const site = JSON.parse(raw) as Partial<RememberedSite>;
    // Only a choice the form offers; a damaged value falls back to automatic.
    return { ...site, serverTimezone: toServerTimezone(site.serverTimezone) };
  } catch {
    return {};
  }
}

/** Remembers the site (not the password or the account) after a successful connect. */
export function rememberSite(fields: ConnectFields): void {
  const { password: _password, account: _account, ...site } = fields;
  try {
    localStorage.setItem(LAST_SITE_KEY, JSON.stringify(site));
  } catch {
    // Private mode or quota: remembering is a convenience only.
  }
}

/** The form's fields, an updater, and whether demo credentials were applied. */
export function useConnectFields(): {
  fields: ConnectFields;
  update: (patch: Partial<ConnectFields>) => void;
  demo: boolean;
} {
  const [fields, setFields] = useState<ConnectFields>(() => ({ ...EMPTY_FIELDS, ...readLastSite(), password: '', account: '' }));
  const [demo, setDemo] = useState(false);
  const touched = useRef(false);

  useEffect(() => {
    let live = true;
    void getAppConfig().then((config) => {
      if (!live || touched.current || !config.demo) return;
      const d = config.demo;
      setFields({ ...EMPTY_FIELDS, host: d.host, port: String(d.port), user: d.user, password: d.password });
      setDemo(true);
    });
    return () => {
      live = false;
    };
  }, []);

  const update = useCallback((patch: Partial<ConnectFields>) => {
    touched.current = true;
    setFields((f) => ({ ...f, ...patch }));
  }, []);

  return { fields, update, demo };
}
