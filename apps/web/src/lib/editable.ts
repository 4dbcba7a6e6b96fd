/**
 * Which remote files the editor offers to open: text by name (the View
 * table's text types), or a name with no extension (`README`, `Makefile`,
 * `.htaccess`), up to {@link MAX_EDIT_BYTES}. The bytes decide the rest:
 * a file with NUL bytes opens as "binary", not as text (lib/textCodec.ts).
 */
import { viewableType, type WireEntry } from '@ftpdeck/protocol';

/**
 * The largest file the editor opens. Config files, scripts and pages are
 * far smaller, and larger text is for View. A browser's textarea slows
 * with its size: typing 20 keys at the end of a bare Chromium textarea
 * took 0.56 s at 1 MiB, 1.1 s at 2 MiB and 3.4 s at 5 MiB (80-character
 * lines), and in this app's editor 2.1-2.6 s at 2 MiB.
 */
export const MAX_EDIT_BYTES = 1024 * 1024;

/** True when `entry` is a file the editor offers to open. */
export function canEdit(entry: Pick<WireEntry, 'name' | 'type' | 'size'>): boolean {
  if (entry.type !== 'file' && entry.type !== 'symlink') return false;
  if (entry.size !== undefined && entry.size > MAX_EDIT_BYTES) return false;
  const dot = entry.name.lastIndexOf('.');
  // `.htaccess`, `.env`: a leading dot starts a name, not an extension.
  if (dot <= 0) return true;
  return viewableType(entry.name)?.kind === 'text';
}
