/**
 * Reading, writing and removing one list a reload keeps (the finished
 * rows, the running downloads) in the tab's storage, without ever throwing:
 * a full or disabled storage must not break the page.
 */

/** What a kept list needs of `Storage` (the tab's prefixed sessionStorage in the app). */
export type RowStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The entries of the list stored under `key` in shape `version`
 * (`{"v":<version>,"rows":[…]}`), unchecked, for the caller to read one by
 * one; none when there is no list, or it cannot be read, or it is of
 * another build's shape.
 */
export function loadKept(storage: RowStorage, key: string, version: number): unknown[] {
  let parsed: unknown;
  try {
    const text = storage.getItem(key);
    if (text === null) return [];
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null || !('v' in parsed) || parsed.v !== version || !('rows' in parsed) || !Array.isArray(parsed.rows)) return [];
  return parsed.rows as unknown[];
}

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
