/**
 * Which remote files the editor offers to open: text by name (the View
 * table's text types), or a name with no extension (`README`, `Makefile`,
 * `.htaccess`), up to {@link MAX_EDIT_BYTES}. The bytes decide the rest:
 * a file with NUL bytes opens as "binary", not as text (lib/textCodec.ts).
 */
import { viewableType, type WireEntry } from '@ftpdeck/protocol';

/**
 * The largest file the editor opens. Config files, scripts and pages are
 * far smaller; a textarea holding tens of megabytes makes typing lag, and
 * the whole file lives in the page twice (bytes and text).
 */
export const MAX_EDIT_BYTES = 5 * 1024 * 1024;

/** True when `entry` is a file the editor offers to open. */
export function canEdit(entry: Pick<WireEntry, 'name' | 'type' | 'size'>): boolean {
  if (entry.type !== 'file' && entry.type !== 'symlink') return false;
  if (entry.size !== undefined && entry.size > MAX_EDIT_BYTES) return false;
  const dot = entry.name.lastIndexOf('.');
  // `.htaccess`, `.env`: a leading dot starts a name, not an extension.
  if (dot <= 0) return true;
  return viewableType(entry.name)?.kind === 'text';
}
