/**
 * Reply codes read digit by digit (RFC 959 §4.2, RFC 2228 for 6yz and the
 * 53z security replies, RFC 2428 for 229/522), plus a specific explanation for
 * the codes an FTP user actually meets. The texts live in the i18n catalogs
 * under `digit1.*`, `digit2.*` and `reply.<code>.*`.
 */
import { isMessageKey, translate, type Language } from '../i18n/i18n.ts';

/** One digit of a reply code with its category name and meaning. */
export interface DigitExplanation {
  digit: number;
  name: string;
  text: string;
}

/** Everything FTP Deck can say about one reply code. */
export interface ReplyExplanation {
  code: number;
  /** True when the code has its own entry, not only the digit reading. */
  known: boolean;
  /** 1–3: the command worked so far; 4–5: it failed. */
  positive: boolean;
  /**
   * Set when the reply's context shows a refusal is the normal course of
   * events (a 426 after the user's cancel): shown as "when / next", not "cause / fix".
   */
  expected?: boolean;
  digit1: DigitExplanation;
  digit2: DigitExplanation;
  digit3: { digit: number; text: string };
  title: string;
  meaning: string;
  /** When this reply appears / what typically causes it. */
  cause?: string;
  /** For failures: how to fix it; for successes: what happens next. */
  fix?: string;
}

/** Codes with a specific explanation in every catalog. */
export const EXPLAINED_REPLY_CODES: readonly number[] = [
  110, 120, 125, 150, 200, 202, 211, 212, 213, 214, 215, 220, 221, 225, 226, 227, 228, 229, 230, 232, 234, 250, 257,
  331, 332, 350, 421, 425, 426, 430, 450, 451, 452, 500, 501, 502, 503, 504, 522, 530, 532, 534, 535, 536, 550, 551,
  552, 553,
];

/** The digits of a code, padded so that odd inputs (7, 1234) still yield three. */
function digitsOf(code: number): [number, number, number] {
  const s = String(Math.abs(Math.trunc(code))).padStart(3, '0').slice(-3);
  return [Number(s[0]), Number(s[1]), Number(s[2])];
}

function digit(lang: Language, position: 1 | 2, value: number): DigitExplanation {
  const base = `digit${position}.${value}`;
  const known = isMessageKey(`${base}.name`);
  const key = known ? base : `digit${position}.other`;
  return { digit: value, name: translate(lang, `${key}.name`), text: translate(lang, `${key}.text`) };
}

/** Explains a reply code in `lang`; unknown codes still get their digit reading. */
export function explainReply(code: number, lang: Language): ReplyExplanation {
  const [d1, d2, d3] = digitsOf(code);
  const base = `reply.${code}`;
  const known = isMessageKey(`${base}.title`);
  const out: ReplyExplanation = {
    code,
    known,
    positive: d1 >= 1 && d1 <= 3,
    digit1: digit(lang, 1, d1),
    digit2: digit(lang, 2, d2),
    digit3: { digit: d3, text: translate(lang, 'digit3.text') },
    title: known ? translate(lang, `${base}.title`) : translate(lang, 'reply.unknown.title', { code }),
    meaning: known ? translate(lang, `${base}.meaning`) : translate(lang, 'reply.unknown.meaning', { code }),
  };
  if (known) {
    out.cause = translate(lang, `${base}.cause`);
    out.fix = translate(lang, `${base}.fix`);
  }
  return out;
}

/** The reply code at the start of a reply text (`"550 No such file"` → 550), if any. */
export function replyCodeOf(text: string): number | undefined {
  const m = /^\s*([1-6]\d\d)[ -]/.exec(text) ?? /^\s*([1-6]\d\d)$/.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}
