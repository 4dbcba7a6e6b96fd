/**
 * The transfer type setting: how file bytes travel. `binary` (the default)
 * moves them untouched; `ascii` uses TYPE A, where the server converts line
 * ends to its own; `auto` picks ASCII for the text formats a file manager
 * commonly treats as such (FileZilla's default list, trimmed of formats that
 * are often binary in practice) and binary for everything else, files
 * without an extension included. For an upload, Auto also looks at the
 * file's first 64 KiB ({@link autoUploadType}): only text with CRLF lines
 * goes as ASCII, since that is the one case TYPE A improves. Downloads
 * under Auto stay binary (a remote file cannot be looked into first); only
 * an explicit ASCII converts them.
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
  'java', 'js', 'jsp', 'lua', 'm4', 'mak', 'md', 'md5', 'nfo', 'nsh', 'nsi', 'pas', 'patch', 'php', 'phtml', 'pl', 'po', 'py',
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

/** How much of a file {@link autoUploadType} reads. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Auto for an upload, from the name and the file's first bytes: ASCII only
 * for a text format whose lines end in CRLF, with no NUL and no UTF-16 byte
 * order mark (TYPE A would damage UTF-16 and binaries). Text with LF lines
 * goes binary: a server that honours TYPE A would store the same bytes, and
 * one that ignores it (vsftpd by default) would keep the CRs we add, which
 * breaks a shell script.
 */
export async function autoUploadType(name: string, file: { slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> } }): Promise<TransferType> {
  if (transferTypeFor(name, 'auto') === 'binary') return 'binary';
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  } catch {
    return 'binary';
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || head.includes(0)) return 'binary';
  for (let i = head.indexOf(0x0d); i >= 0 && i + 1 < head.length; i = head.indexOf(0x0d, i + 1)) {
    if (head[i + 1] === 0x0a) return 'ascii';
  }
  return 'binary';
}

/** Reads a stored setting; anything else is the default. */
export function parseTransferTypePref(value: unknown): TransferTypePref | undefined {
  return TRANSFER_TYPE_PREFS.includes(value as TransferTypePref) ? (value as TransferTypePref) : undefined;
}
