/**
 * Unix permission helpers for the chmod dialog: symbolic `rwxr-xr-x` from
 * listings, octal `755` for SITE CHMOD, and the 9 checkbox bits.
 */

/** Who a permission bit belongs to. */
export type PermWho = 'owner' | 'group' | 'others';
/** Which right. */
export type PermRight = 'read' | 'write' | 'execute';

/** The three-by-three grid, owner's read first, as `ls` prints it. */
export const PERM_BITS: ReadonlyArray<{ who: PermWho; right: PermRight; bit: number }> = [
  { who: 'owner', right: 'read', bit: 0o400 },
  { who: 'owner', right: 'write', bit: 0o200 },
  { who: 'owner', right: 'execute', bit: 0o100 },
  { who: 'group', right: 'read', bit: 0o40 },
  { who: 'group', right: 'write', bit: 0o20 },
  { who: 'group', right: 'execute', bit: 0o10 },
  { who: 'others', right: 'read', bit: 0o4 },
  { who: 'others', right: 'write', bit: 0o2 },
  { who: 'others', right: 'execute', bit: 0o1 },
];

const RIGHT_LETTER: Readonly<Record<PermRight, string>> = { read: 'r', write: 'w', execute: 'x' };

/**
 * Reads the permission part of an `ls -l` mode (`drwxr-xr-x`, `rw-r--r--`,
 * `rwsr-x---`). Returns `null` when it does not look like Unix permissions
 * (DOS listings, MLSD `perm` facts).
 */
export function symbolicToMode(symbolic: string | undefined): number | null {
  if (!symbolic) return null;
  const s = symbolic.length === 10 ? symbolic.slice(1) : symbolic;
  if (!/^[r-][w-][xsStT-][r-][w-][xsStT-][r-][w-][xsStT-]$/.test(s)) return null;
  let mode = 0;
  PERM_BITS.forEach(({ bit }, i) => {
    const ch = s[i];
    if (ch !== '-' && ch !== 'S' && ch !== 'T') mode |= bit;
  });
  if (/[sS]/.test(s[2] ?? '')) mode |= 0o4000;
  if (/[sS]/.test(s[5] ?? '')) mode |= 0o2000;
  if (/[tT]/.test(s[8] ?? '')) mode |= 0o1000;
  return mode;
}

/** Octal text for SITE CHMOD: three digits, four when special bits are set. */
export function modeToOctal(mode: number): string {
  const text = (mode & 0o7777).toString(8);
  return mode & 0o7000 ? text.padStart(4, '0') : text.padStart(3, '0');
}

/** Parses user-typed octal (`644`, `0755`); `null` when invalid. */
export function octalToMode(text: string): number | null {
  return /^[0-7]{3,4}$/.test(text.trim()) ? Number.parseInt(text.trim(), 8) : null;
}

/** `rwxr-xr-x` for display next to the octal field. */
export function modeToSymbolic(mode: number): string {
  return PERM_BITS.map(({ bit, right }, i) => {
    const on = (mode & bit) !== 0;
    if (i === 2 && mode & 0o4000) return on ? 's' : 'S';
    if (i === 5 && mode & 0o2000) return on ? 's' : 'S';
    if (i === 8 && mode & 0o1000) return on ? 't' : 'T';
    return on ? RIGHT_LETTER[right] : '-';
  }).join('');
}

/**
 * RFC 3659 §7.5.5 `perm` fact letters, plus pyftpdlib's two extensions
 * (`M` SITE CHMOD, `T` MFMT). The order is the order the tooltip lists them.
 */
export const MLSD_PERM_LETTERS = ['r', 'w', 'a', 'l', 'e', 'c', 'm', 'd', 'p', 'f', 'M', 'T'] as const;
/** One `perm` fact letter. */
export type MlsdPermLetter = (typeof MLSD_PERM_LETTERS)[number];

/** Letters that let the user read: retrieve a file, list or enter a folder. */
const READ_LETTERS: ReadonlySet<string> = new Set(['r', 'l', 'e']);

/** How a listing's permissions should be shown. */
export type PermissionView =
  | { kind: 'unix'; text: string }
  | { kind: 'facts'; letters: MlsdPermLetter[]; access: 'full' | 'read' | 'write' | 'none' }
  | { kind: 'other'; text: string };

/**
 * Classifies what the server sent as permissions. Unix modes (`rwxr-xr-x`,
 * with or without the type letter) show as they are, without the type
 * letter; MLSD `perm` facts (`eldfmMTcp`) become a reading of what they
 * allow, because the raw letters mean nothing to most people. Anything else
 * (DOS attributes, odd servers) is shown as given. `null` when empty.
 */
export function describePermissions(raw: string | undefined): PermissionView | null {
  if (!raw) return null;
  if (symbolicToMode(raw) !== null) return { kind: 'unix', text: raw.length === 10 ? raw.slice(1) : raw };
  if (!/^[acdeflmprwMT]+$/.test(raw)) return { kind: 'other', text: raw };
  const letters = MLSD_PERM_LETTERS.filter((l) => raw.includes(l));
  const read = letters.some((l) => READ_LETTERS.has(l));
  const write = letters.some((l) => !READ_LETTERS.has(l));
  const access = read && write ? 'full' : read ? 'read' : write ? 'write' : 'none';
  return { kind: 'facts', letters, access };
}

/**
 * Does this refusal of SITE CHMOD mean the server has no SITE CHMOD at all
 * (so the action can be switched off for the session), rather than that
 * this one change failed? 502 says so outright. A 500 or 504 says so only
 * in words: vsftpd's "Unknown SITE command", ProFTPD's "not understood",
 * while ftp-srv answers every failed change, a read-only anonymous login's
 * included, with a bare "500 Syntax error".
 */
export function meansNoSiteChmod(ftpCode: number | undefined, message: string): boolean {
  if (ftpCode === 502) return true;
  if (ftpCode !== 500 && ftpCode !== 504) return false;
  return /unknown|not understood|not implemented|not supported|unsupported|unrecogni[sz]ed|invalid command/i.test(message);
}
