/**
 * NLST output (RFC 959 §4.1.3): one name per line and nothing else. The
 * engine reads it only when a server refuses LIST outright (some embedded
 * and locked-down servers implement NLST alone), so a folder still shows
 * its contents, without sizes, dates or types.
 */
import type { FileEntry, FileType } from '../types.ts';
import { isDotName, makeEntry } from './entry.ts';

/**
 * Entries from a name list. Each non-blank line is one name (spaces kept:
 * names may begin or end with them). Servers that answer `NLST dir` with
 * `dir/name` get the last segment; a trailing `/` (some servers mark
 * folders so) makes the entry a folder. Types are otherwise `unknown`:
 * NLST does not say. `.` and `..` produce nothing.
 */
export function parseNameList(text: string): FileEntry[] {
  const entries: FileEntry[] = [];
  for (const line of text.split('\n')) {
    const raw = line.endsWith('\r') ? line.slice(0, -1) : line;
    let name = raw;
    let type: FileType = 'unknown';
    if (name.length > 1 && name.endsWith('/')) {
      name = name.slice(0, -1);
      type = 'dir';
    }
    name = name.slice(name.lastIndexOf('/') + 1);
    if (name.trim() === '' || isDotName(name)) continue;
    entries.push(makeEntry(raw, name, type, undefined, undefined, undefined, undefined, undefined, undefined, undefined));
  }
  return entries;
}
