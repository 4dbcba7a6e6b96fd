/**
 * Remote folder bookmarks, per site, kept in this browser's localStorage
 * under `ftpdeck.bookmarks` as `{ "<user>@<host>:<port>": ["/path", …] }`.
 * A site is the account on a server, so two logins to one server keep their
 * own lists. Paths only: nothing secret is stored.
 */
import { browserStorage, type KeyValueStorage } from './browserStorage.ts';
import type { SessionState } from '@ftpdeck/protocol';

/** localStorage key of every site's bookmarks. */
export const BOOKMARKS_KEY = 'ftpdeck.bookmarks';
/** Bookmarks one site keeps; adding past it drops the oldest. */
export const MAX_BOOKMARKS = 100;

/** The storage this module needs (window.localStorage in the app). */
export type BookmarkStorage = KeyValueStorage;

/** The key a connected session's bookmarks live under, or null before it is connected. */
export function siteKey(server: Pick<SessionState, 'status' | 'host' | 'port' | 'user'>): string | null {
  if (server.status !== 'connected' || !server.host) return null;
  return `${server.user ?? 'anonymous'}@${server.host}:${server.port ?? 21}`;
}

function readAll(storage: BookmarkStorage | null): Record<string, string[]> {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(BOOKMARKS_KEY) ?? '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const out: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (Array.isArray(value)) out[key] = value.filter((p): p is string => typeof p === 'string');
    }
    return out;
  } catch {
    return {};
  }
}

/** A site's bookmarks, oldest first. */
export function listBookmarks(site: string, storage = browserStorage()): string[] {
  return readAll(storage)[site] ?? [];
}

/** Adds `path` to the site's bookmarks, or removes it if it is there; returns the new list. */
export function toggleBookmark(site: string, path: string, storage = browserStorage()): string[] {
  const all = readAll(storage);
  const mine = all[site] ?? [];
  const next = mine.includes(path) ? mine.filter((p) => p !== path) : [...mine, path].slice(-MAX_BOOKMARKS);
  if (next.length > 0) all[site] = next;
  else delete all[site];
  try {
    storage?.setItem(BOOKMARKS_KEY, JSON.stringify(all));
  } catch {
    // Quota or private mode: bookmarks are a convenience only.
  }
  return next;
}
