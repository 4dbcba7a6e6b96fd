/**
 * The charsets for file names the page offers, their labels, and which of
 * them answers the engine's guess for names that are not UTF-8
 * (`guessedCharset` in the session state, an iconv name).
 */
import { isMessageKey, type Translate, type TranslatableKey } from '../i18n/i18n.ts';

/** Encodings offered; `auto` lets the server-side engine decide (UTF8 when FEAT says so). */
export const ENCODINGS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'auto', label: 'Auto' },
  { value: 'utf8', label: 'UTF-8' },
  { value: 'latin1', label: 'Latin-1 (ISO-8859-1)' },
  { value: 'windows-1252', label: 'Windows-1252' },
  { value: 'windows-1251', label: 'Cyrillic (Windows-1251)' },
  { value: 'gbk', label: 'Chinese (GBK)' },
  // GBK's superset: every GBK name reads the same, and names GBK lacks read too.
  { value: 'gb18030', label: 'Chinese (GB18030)' },
  { value: 'big5', label: 'Chinese (Big5)' },
  { value: 'shift_jis', label: 'Japanese (Shift_JIS)' },
  { value: 'euc-kr', label: 'Korean (EUC-KR)' },
];

/** An encoding's name in the user's language (the catalog's, else its own label, else the value). */
export function encodingLabel(value: string, t: Translate): string {
  const key = `cf.enc.${value}`;
  if (isMessageKey(key)) return t(key as TranslatableKey);
  return ENCODINGS.find((e) => e.value === value)?.label ?? value;
}

/** The engine's iconv names for charsets the page offers under another name. */
const GUESS_ALIASES: Readonly<Record<string, string>> = { cp1252: 'windows-1252' };

/**
 * The offered encoding that reads names the engine guessed as `guess`, or
 * undefined when the guess is UTF-8 or not among the offered ones (the page
 * then offers nothing rather than something the form cannot show).
 */
export function encodingForGuess(guess: string | undefined): string | undefined {
  if (guess === undefined) return undefined;
  const name = guess.toLowerCase();
  const value = GUESS_ALIASES[name] ?? name;
  if (value === 'auto' || value === 'utf8' || value === 'utf-8') return undefined;
  return ENCODINGS.some((e) => e.value === value) ? value : undefined;
}
