/**
 * This browser's localStorage, for the little the page keeps (saved sites,
 * trusted certificates, bookmarks, view settings), and the tab's
 * sessionStorage (the session token, finished transfer rows); or null where
 * there is none. A browser set to block site data throws a SecurityError on
 * the first touch of either: the app must still start, remembering nothing.
 */

/** The part of Storage those modules use; tests pass a Map-backed one. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** window.localStorage, or null outside a browser or where policy disables it (then nothing persists). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** The tab's sessionStorage, or null outside a browser or where policy disables it (then a reload starts a new session). */
export function browserSessionStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}
