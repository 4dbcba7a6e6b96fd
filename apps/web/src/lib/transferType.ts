/**
 * The transfer type setting: how file bytes travel. `binary` (the default)
 * moves them untouched; `ascii` uses TYPE A, where the server converts line
 * ends to its own; `auto` picks ASCII for the text formats a file manager
 * commonly treats as such (FileZilla's default list, trimmed of formats that
 * are often binary in practice) and binary for everything else, files
 * without an extension included.
 *
 * Binary is the default because ASCII can change a file: some servers store
 * what they were sent (vsftpd unless `ascii_upload_enable`), so a text with
 * LF lines arrives with CRLF, and a binary mistaken for text is damaged.
 */
import type { TransferType } from '@ftpdeck/protocol';

/** The setting: a type for every file, or a choice per file. */
export type TransferTypePref = TransferType | 'auto';

/** Every setting, in menu order. */
export const TRANSFER_TYPE_PREFS: readonly TransferTypePref[] = ['binary', 'ascii', 'auto'];

/** Extensions `auto` sends in ASCII (lower case, without the dot). */
export const ASCII_EXTENSIONS: ReadonlySet<string> = new Set([
  'am', 'asp', 'bat', 'c', 'cfm', 'cgi', 'conf', 'cpp', 'css', 'csv', 'dhtml', 'diz', 'h', 'hpp', 'htm', 'html', 'in', 'inc', 'ini',
  'java', 'js', 'jsp', 'lua', 'm4', 'mak', 'md', 'md5', 'nfo', 'nsh', 'nsi', 'pas', 'patch', 'php', 'phtml', 'pl', 'po', 'pot', 'py',
  'sh', 'sha1', 'sha256', 'sha512', 'shtml', 'sql', 'tcl', 'tpl', 'txt', 'vbs', 'xhtml', 'xml', 'yaml', 'yml',
]);

/** The type one file travels in under `pref`. */
export function transferTypeFor(name: string, pref: TransferTypePref): TransferType {
  if (pref !== 'auto') return pref;
  const dot = name.lastIndexOf('.');
  // `.bashrc` and `README` have no extension here: binary, which changes nothing.
  if (dot <= 0 || dot === name.length - 1) return 'binary';
  return ASCII_EXTENSIONS.has(name.slice(dot + 1).toLowerCase()) ? 'ascii' : 'binary';
}

/** Reads a stored setting; anything else is the default. */
export function parseTransferTypePref(value: unknown): TransferTypePref | undefined {
  return TRANSFER_TYPE_PREFS.includes(value as TransferTypePref) ? (value as TransferTypePref) : undefined;
}
