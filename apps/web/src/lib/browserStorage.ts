/**
 * This browser's localStorage, for the little the page keeps (saved sites,
 * trusted certificates, bookmarks), or null where there is none.
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
