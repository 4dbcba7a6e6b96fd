/**
 * Month names as `ls` prints them. Servers run `ls` (or imitate it) in
 * their own locale, so besides English we accept the abbreviations of the
 * common European locales and the CJK `N月` / `N월` forms. Every entry
 * below maps to one month only; no abbreviation means two different months
 * in two of these languages.
 */

const NAMES: ReadonlyArray<readonly string[]> = [
  // January … December; each list holds every spelling for that month.
  ['jan', 'janv', 'jän', 'ene', 'gen', 'sty', 'янв', 'led'],
  ['feb', 'févr', 'fevr', 'fev', 'fév', 'lut', 'фев', 'úno'],
  ['mar', 'mär', 'mrz', 'mars', 'mrt', 'мар', 'bře'],
  ['apr', 'avr', 'abr', 'kwi', 'апр', 'dub'],
  ['may', 'mai', 'mei', 'mag', 'maj', 'май', 'kvě'],
  ['jun', 'juin', 'giu', 'cze', 'июн', 'čvn'],
  ['jul', 'juil', 'lug', 'lip', 'июл', 'čvc'],
  ['aug', 'août', 'aout', 'ago', 'sie', 'авг', 'srp'],
  ['sep', 'sept', 'set', 'wrz', 'сен', 'zář'],
  ['oct', 'okt', 'ott', 'out', 'paź', 'окт', 'říj'],
  ['nov', 'lis', 'ноя', 'noi'],
  ['dec', 'dez', 'déc', 'dic', 'gru', 'дек', 'pro'],
];

const BY_NAME = new Map<string, number>();
NAMES.forEach((names, month) => {
  for (const name of names) BY_NAME.set(name, month);
});

/** English three-letter names keyed by their lower-cased char codes, the hot path. */
const ENGLISH = new Map<number, number>();
['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].forEach((name, month) => {
  ENGLISH.set((name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2), month);
});

const CJK_MONTH = 0x6708; // 月 (Chinese, Japanese)
const KOREAN_MONTH = 0xc6d4; // 월

/**
 * The 0-based month named by `line[start, end)`, or -1. Case-insensitive;
 * a trailing `.` (`janv.`, `Okt.`) is ignored.
 */
export function monthIndex(line: string, start: number, end: number): number {
  const length = end - start;
  if (length === 3) {
    // ASCII letters only: `| 0x20` lower-cases them and leaves digits unlike any key.
    const key =
      ((line.charCodeAt(start) | 0x20) << 16) | ((line.charCodeAt(start + 1) | 0x20) << 8) | (line.charCodeAt(start + 2) | 0x20);
    const month = ENGLISH.get(key);
    if (month !== undefined) return month;
  }
  if (length < 2 || length > 6) return -1;
  const last = line.charCodeAt(end - 1);
  if (last === CJK_MONTH || last === KOREAN_MONTH) {
    let value = 0;
    for (let i = start; i < end - 1; i++) {
      const d = line.charCodeAt(i) - 0x30;
      if (!(d >= 0 && d <= 9)) return -1;
      value = value * 10 + d;
    }
    return value >= 1 && value <= 12 && length <= 3 ? value - 1 : -1;
  }
  let name = line.slice(start, last === 0x2e ? end - 1 : end).toLowerCase();
  if (name.length === 0) return -1;
  const month = BY_NAME.get(name);
  if (month !== undefined) return month;
  // A server may send decomposed accents (`fe\u0301v`); the table is NFC.
  return BY_NAME.get(name.normalize('NFC')) ?? -1;
}
