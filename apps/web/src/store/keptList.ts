/**
 * Writing one list a reload keeps (the finished rows, the running
 * downloads) to the tab's storage, and removing it, without ever throwing:
 * a full or disabled storage must not break the page.
 */

/** What a kept list needs of `Storage` (the tab's prefixed sessionStorage in the app). */
export type RowStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Writes the text `encode` gives under `key` (null: removes the key). When
 * storage refuses (its quota, or disabled), removes what it held instead:
 * an older list could bring back rows the user has cleared, or a download
 * long over. False when nothing could be written.
 */
export function saveKept(storage: RowStorage, key: string, encode: () => string | null): boolean {
  try {
    const text = encode();
    if (text === null) storage.removeItem(key);
    else storage.setItem(key, text);
    return true;
  } catch {
    forgetKept(storage, key);
    return false;
  }
}

/** Removes the list under `key`. */
export function forgetKept(storage: RowStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Disabled storage: nothing was kept either.
  }
}
