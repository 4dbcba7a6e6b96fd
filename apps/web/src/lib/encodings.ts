/**
 * The charsets for file names the page offers, their labels, and which of
 * them answers the engine's guess for names that are not UTF-8
 * (`guessedCharset` in the session state, an iconv name).
 */
import { isMessageKey, type Translate, type TranslatableKey } from '../i18n/i18n.ts';
import { isByteEscape } from './serverText.ts';

/** Encodings offered; `auto` lets the server-side engine decide (UTF8 when FEAT says so). */
export const ENCODINGS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'auto', label: 'Auto' },
  { value: 'utf8', label: 'UTF-8' },
  { value: 'latin1', label: 'Latin-1 (ISO-8859-1)' },
  { value: 'windows-1252', label: 'Windows-1252' },
  { value: 'windows-1251', label: 'Cyrillic (Windows-1251)' },
  { value: 'koi8-r', label: 'Cyrillic (KOI8-R)' },
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
const GUESS_ALIASES: Readonly<Record<string, string>> = { cp1252: 'windows-1252', cp1251: 'windows-1251' };

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

const UTF8 = new TextEncoder();

/** The bytes a name stands for: UTF-8 for its characters, the original byte for each escape. */
export function nameBytes(name: string): Uint8Array {
  const out: number[] = [];
  for (const ch of name) {
    const code = ch.codePointAt(0) ?? 0;
    if (isByteEscape(code)) out.push(code - 0xdc00);
    else out.push(...UTF8.encode(ch));
  }
  return Uint8Array.from(out);
}

/** How the names of one folder are encoded, as far as the page can tell. */
export interface NameSurvey {
  /** Names with bytes that are not UTF-8 (kept as escapes). */
  legacy: string[];
  /** Names with non-ASCII characters that are valid UTF-8. */
  utf8: string[];
}

/** Sorts `names` into those with legacy bytes and those with non-ASCII UTF-8. */
export function surveyNames(names: readonly string[]): NameSurvey {
  const legacy: string[] = [];
  const utf8: string[] = [];
  for (const name of names) {
    let escaped = false;
    let nonAscii = false;
    // By code point: a pair's low half can fall in the escapes' range.
    for (const ch of name) {
      const c = ch.codePointAt(0) ?? 0;
      if (isByteEscape(c)) escaped = true;
      else if (c > 0x7f) nonAscii = true;
    }
    if (escaped) legacy.push(name);
    else if (nonAscii) utf8.push(name);
  }
  return { legacy, utf8 };
}

/** The WHATWG label of an offered encoding, for TextDecoder. */
const DECODER_LABELS: Readonly<Record<string, string>> = { latin1: 'windows-1252' };

/**
 * `names` as `encoding` would read them, or undefined when it cannot read
 * one of them (it would still show escapes). The page shows a few, so the
 * user sees what the switch gives before making it.
 */
export function readAs(names: readonly string[], encoding: string): string[] | undefined {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(DECODER_LABELS[encoding] ?? encoding, { fatal: true });
  } catch {
    return undefined;
  }
  const out: string[] = [];
  for (const name of names) {
    try {
      out.push(decoder.decode(nameBytes(name)));
    } catch {
      return undefined;
    }
  }
  return out;
}
