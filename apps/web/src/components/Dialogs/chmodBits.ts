/**
 * The chmod dialog's arithmetic for several entries at once. FileZilla shows
 * a bit on which the selection disagrees as an indeterminate checkbox and
 * leaves it as each entry has it unless the user sets it: prefilling one
 * entry's mode instead (a folder's 755) would make every file executable.
 */
import type { WireEntry } from '@ftpdeck/protocol';
import { modeToSymbolic, symbolicToMode } from '../../lib/permissions.ts';

/** All mode bits SITE CHMOD sets: the nine permissions plus setuid, setgid and sticky. */
const ALL_BITS = 0o7777;

/** An entry's mode: from its listing, else what a new one usually gets (755 folder, 644 file). */
export function entryMode(entry: WireEntry): number {
  return symbolicToMode(entry.permissions) ?? (entry.type === 'dir' ? 0o755 : 0o644);
}

/** The dialog's starting point: bits set on every entry, and the bits on which entries differ. */
export function commonBits(entries: readonly WireEntry[]): { mode: number; mixed: number } {
  const modes = entries.map(entryMode);
  if (modes.length === 0) return { mode: 0o644, mixed: 0 };
  const all = modes.reduce((a, m) => a & m, ALL_BITS);
  const any = modes.reduce((a, m) => a | m, 0);
  return { mode: all, mixed: any & ~all & ALL_BITS };
}

/** The mode one entry gets: its own value for the mixed bits, the chosen value for the rest. */
export function applyBits(base: number, mode: number, mixed: number): number {
  return ((base & mixed) | (mode & ~mixed)) & ALL_BITS;
}

/** `rwxr-?r-?`: the symbolic mode, `?` where entries keep their own bit. */
export function symbolicWithMixed(mode: number, mixed: number): string {
  const letters = [...modeToSymbolic(mode)];
  const nine = [0o400, 0o200, 0o100, 0o40, 0o20, 0o10, 0o4, 0o2, 0o1];
  return letters.map((ch, i) => ((mixed & (nine[i] ?? 0)) !== 0 ? '?' : ch)).join('');
}

/**
 * The next state of one checkbox, clicked: a mixed bit becomes set, a set one
 * clear, and a clear one that was mixed at the start goes back to mixed.
 */
export function cycleBit(bit: number, state: { mode: number; mixed: number }, startMixed: number): { mode: number; mixed: number } {
  if (state.mixed & bit) return { mode: state.mode | bit, mixed: state.mixed & ~bit };
  if (state.mode & bit) return { mode: state.mode & ~bit, mixed: state.mixed };
  if (startMixed & bit) return { mode: state.mode, mixed: state.mixed | bit };
  return { mode: state.mode | bit, mixed: state.mixed };
}
