/**
 * Structural sharing for re-listed folders. A refresh brings every entry as
 * a new object, so each memoised file row would re-render and the browser
 * would restyle it, although almost all are unchanged: uploads into the
 * folder on screen re-list it about once a second. Keeping the old object
 * for an unchanged entry lets those rows skip rendering.
 */
import type { WireEntry } from '@ftpdeck/protocol';

function sameEntry(a: WireEntry, b: WireEntry): boolean {
  const keys = Object.keys(a) as Array<keyof WireEntry>;
  if (keys.length !== Object.keys(b).length) return false;
  // Every field is a string or number, so === is equality.
  return keys.every((k) => a[k] === b[k]);
}

/**
 * `next`, with each entry that equals (field by field) the entry of the same
 * name in `prev` replaced by that earlier object. Returns `prev` itself when
 * nothing changed, so selectors over the list keep their results too.
 */
export function keepUnchangedEntries(prev: readonly WireEntry[], next: WireEntry[]): WireEntry[] {
  if (prev.length === 0) return next;
  const byName = new Map<string, WireEntry>();
  for (const e of prev) byName.set(e.name, e);
  let allKept = prev.length === next.length;
  const out = next.map((e, i) => {
    const old = byName.get(e.name);
    if (old === undefined || !sameEntry(old, e)) {
      allKept = false;
      return e;
    }
    if (prev[i] !== old) allKept = false;
    return old;
  });
  return allKept ? (prev as WireEntry[]) : out;
}
