/**
 * ZIP entry names from FTP names. The names come from the FTP server, which
 * may be hostile: a name like `../../.bashrc`, `/etc/passwd` or `a\..\b`
 * would write outside the folder the user unzips into (zip slip). Every
 * segment is cleaned on its own, so no segment can climb or root the path.
 */

/**
 * Cleans one server-supplied name into a safe path segment, or returns
 * null when nothing safe is left (`.`, `..`, empty).
 *
 * - `/` and `\` become `_`: a name is one segment, never a path.
 * - NUL and other control characters become `_`.
 * - A drive prefix (`C:`) loses its colon, so Windows tools cannot root it.
 */
export function safeSegment(name: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
  let s = name.replace(/[\u0000-\u001f\u007f]/g, '_').replace(/[/\\]/g, '_');
  if (/^[A-Za-z]:/.test(s)) s = `${s[0]}_${s.slice(2)}`;
  s = s.trim() === '' ? '' : s;
  if (s === '' || s === '.' || s === '..') return null;
  return s;
}

/** The longest entry name a ZIP header holds: its length field is 16 bits (bytes of UTF-8). */
export const MAX_ENTRY_NAME_BYTES = 0xffff;

/**
 * Joins cleaned segments into an entry name; null when any segment is
 * unusable, or when the name (a folder's trailing `/` counted) is longer
 * than a ZIP entry can hold.
 */
export function entryName(segments: string[]): string | null {
  const out: string[] = [];
  for (const seg of segments) {
    const clean = safeSegment(seg);
    if (clean === null) return null;
    out.push(clean);
  }
  const name = out.join('/');
  return out.length === 0 || Buffer.byteLength(name) + 1 > MAX_ENTRY_NAME_BYTES ? null : name;
}

/** The last segment of a remote path (`/a/b/` → `b`); empty for `/`. */
export function baseName(path: string): string {
  return path.split('/').filter(Boolean).pop() ?? '';
}
