/**
 * Saved sites, kept in this browser's localStorage under `ftpdeck.sites`
 * (a site manager, as desktop clients have). A password is stored only when
 * the user ticks "Remember password", and then in clear text: the form says so.
 */
import { browserStorage, type KeyValueStorage } from './browserStorage.ts';
import type { DataMode, SecureMode } from '@ftpdeck/protocol';
import type { ConnectFields } from '../components/ConnectForm/connectFields.ts';
import { toServerTimezone } from '../components/ConnectForm/serverTimezones.ts';

/** localStorage key of the site list (a JSON array of SavedSite). */
export const SAVED_SITES_KEY = 'ftpdeck.sites';

/** One saved site. `password` is present only when the user asked for it. */
export interface SavedSite {
  name: string;
  host: string;
  port: string;
  secure: SecureMode;
  dataMode: DataMode;
  encoding: string;
  user: string;
  anonymous: boolean;
  password?: string;
  /** ACCT, kept only with a remembered password (it is a secret too). */
  account?: string;
  virtualHost?: boolean;
  /** A fixed server time zone, minutes east of UTC (not a secret); absent means automatic. */
  serverTimezone?: number;
}

/** The storage this module needs (window.localStorage in the app). */
export type SiteStorage = KeyValueStorage;

function isSite(value: unknown): value is SavedSite {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.name === 'string' && typeof v.host === 'string' && typeof v.port === 'string' && typeof v.user === 'string';
}

function writeAll(sites: SavedSite[], storage: SiteStorage | null): void {
  try {
    storage?.setItem(SAVED_SITES_KEY, JSON.stringify(sites));
  } catch {
    // Quota or private mode: saving is a convenience only.
  }
}

/** The saved sites, in the order they were first saved; a damaged entry is skipped. */
export function listSites(storage = browserStorage()): SavedSite[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(SAVED_SITES_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isSite) : [];
  } catch {
    return [];
  }
}

/** The name offered when saving: `user@host` (`anonymous@host` for anonymous logins). */
export function defaultSiteName(fields: Pick<ConnectFields, 'host' | 'user' | 'anonymous'>): string {
  const user = fields.anonymous ? 'anonymous' : fields.user.trim();
  const host = fields.host.trim();
  return user ? `${user}@${host}` : host;
}

/**
 * Saves the form as a site named `name`, replacing a site of the same name in
 * place. The password is kept only when `rememberPassword` is true.
 * Returns the new list.
 */
export function saveSite(fields: ConnectFields, name: string, rememberPassword: boolean, storage = browserStorage()): SavedSite[] {
  const site: SavedSite = {
    name: name.trim() || defaultSiteName(fields),
    host: fields.host.trim(),
    port: fields.port,
    secure: fields.secure,
    dataMode: fields.dataMode,
    encoding: fields.encoding,
    user: fields.anonymous ? '' : fields.user,
    anonymous: fields.anonymous,
    ...(rememberPassword && !fields.anonymous && fields.password ? { password: fields.password } : {}),
    ...(rememberPassword && !fields.anonymous && fields.account ? { account: fields.account } : {}),
    ...(fields.virtualHost ? { virtualHost: true } : {}),
    ...(fields.serverTimezone !== 'auto' ? { serverTimezone: fields.serverTimezone } : {}),
  };
  const sites = listSites(storage);
  const at = sites.findIndex((s) => s.name === site.name);
  if (at >= 0) sites[at] = site;
  else sites.push(site);
  writeAll(sites, storage);
  return sites;
}

/** Deletes the site named `name`; returns the new list. */
export function deleteSite(name: string, storage = browserStorage()): SavedSite[] {
  const sites = listSites(storage).filter((s) => s.name !== name);
  writeAll(sites, storage);
  return sites;
}

/** The form values for a saved site; the password is empty unless it was remembered. */
export function siteToFields(site: SavedSite): ConnectFields {
  return {
    host: site.host,
    port: site.port,
    user: site.user,
    password: site.password ?? '',
    secure: site.secure,
    dataMode: site.dataMode,
    encoding: site.encoding,
    anonymous: site.anonymous,
    account: site.account ?? '',
    virtualHost: site.virtualHost === true,
    serverTimezone: toServerTimezone(site.serverTimezone),
  };
}
