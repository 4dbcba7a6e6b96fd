/**
 * Guessing the legacy charset of file names that are not UTF-8.
 *
 * Each candidate decodes every sample one character at a time (the same
 * walk the codec uses, so "invalid" means exactly "would need escapes").
 * Each non-ASCII character earns a plausibility score for that charset:
 * high for what real names in that script are made of (frequent hanzi,
 * kana, hangul, a lone accented letter inside a Latin word), low for what
 * a wrong charset turns bytes into (rare characters, half-width katakana,
 * kana inside Chinese, runs of accented capitals), and an undecodable byte
 * costs more than any character can earn. The best average wins.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { HANGUL_COMMON, SIMPLIFIED_COMMON, TRADITIONAL_COMMON } from './common-chars.ts';
import { IconvNameCodec } from './iconv.ts';

/** The result of {@link guessCharset}. */
export interface CharsetGuess {
  /** An iconv-lite name: `gb18030`, `big5`, `shift_jis`, `euc-kr`, `cp1252`, `cp1251`, `koi8-r` (or `utf-8`). */
  charset: string;
  /** 0–1: how plausible the best decoding is, reduced when the runner-up is close. */
  confidence: number;
}

/** The case of a name's ASCII letters: only capitals (`ОТЧЕТ.DOC`), only small ones, both, or none. */
type AsciiCase = 'upper' | 'lower' | 'mixed' | 'none';

/**
 * Scores one decoded character; `lead` is its first byte, `run` the length
 * of its non-ASCII run, `prev` and `next` the code points beside it in the
 * name (-1 at either end or beside an undecodable byte), `asciiCase` that
 * of the name's ASCII letters.
 */
type CharScorer = (codePoint: number, char: string, lead: number, length: number, run: number, prev: number, next: number, asciiCase: AsciiCase) => number;

function asciiCaseOf(sample: Buffer): AsciiCase {
  let upper = false;
  let lower = false;
  for (const b of sample) {
    if (b >= 0x41 && b <= 0x5a) upper = true;
    else if (b >= 0x61 && b <= 0x7a) lower = true;
  }
  return upper && lower ? 'mixed' : upper ? 'upper' : lower ? 'lower' : 'none';
}

const INVALID_BYTE_SCORE = -2;

function isCjkIdeograph(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
}
function isKana(cp: number): boolean {
  return cp >= 0x3040 && cp <= 0x30ff;
}
function isHalfwidthKatakana(cp: number): boolean {
  return cp >= 0xff61 && cp <= 0xff9f;
}
function isHangul(cp: number): boolean {
  return cp >= 0xac00 && cp <= 0xd7a3;
}
/** CJK punctuation and full-width forms: plausible in any CJK name, telling nothing. */
function isCjkPunctuation(cp: number): boolean {
  return (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff01 && cp <= 0xff60);
}

const gb18030: CharScorer = (cp, char, lead) => {
  if (isCjkIdeograph(cp)) {
    if (SIMPLIFIED_COMMON.has(char)) return 1;
    if (lead >= 0xb0 && lead <= 0xd7) return 0.5; // GB2312 level 1: the 3755 everyday characters
    if (lead >= 0xd8 && lead <= 0xf7) return 0.25; // GB2312 level 2
    return 0.05; // GBK extension rows: rare characters
  }
  if (isCjkPunctuation(cp)) return 0.4;
  return 0.05; // kana, Greek, Cyrillic, box drawing, private use: not how Chinese names look
};

const big5: CharScorer = (cp, char, lead) => {
  if (isCjkIdeograph(cp)) {
    if (TRADITIONAL_COMMON.has(char)) return 1;
    if (lead >= 0xa4 && lead <= 0xc6) return 0.5; // "frequently used" block
    return 0.2; // "less frequently used" block
  }
  if (isCjkPunctuation(cp)) return 0.4;
  return 0.05;
};

const shiftJis: CharScorer = (cp, _char, lead) => {
  if (isKana(cp)) return 1;
  if (isCjkIdeograph(cp)) return lead >= 0x88 && lead <= 0x98 ? 0.6 : 0.2; // JIS level 1 / level 2
  if (isCjkPunctuation(cp)) return 0.4;
  if (isHalfwidthKatakana(cp)) return 0.15; // legal but rare in modern names; what GBK bytes turn into
  return 0.05;
};

const eucKr: CharScorer = (cp, char) => {
  if (isHangul(cp)) return HANGUL_COMMON.has(char) ? 1 : 0.6;
  if (isCjkPunctuation(cp)) return 0.4;
  return 0.05; // hanja and symbols: rare in Korean file names
};

const LATIN_EXTRA_LETTERS = new Set(['Š', 'š', 'Œ', 'œ', 'Ž', 'ž', 'Ÿ', 'ƒ']);
const cp1252: CharScorer = (cp, char, _lead, _length, run) => {
  const letter = (cp >= 0xc0 && cp <= 0xff && cp !== 0xd7 && cp !== 0xf7) || LATIN_EXTRA_LETTERS.has(char);
  // Latin words carry an accented letter here and there, rarely two in a row, never long runs.
  if (letter) return run === 1 ? 0.9 : run === 2 ? 0.4 : 0.1;
  return run === 1 ? 0.3 : 0.05;
};

function isCyrillicLetter(cp: number): boolean {
  return cp >= 0x0400 && cp <= 0x04ff;
}
function isCyrillicUpper(cp: number): boolean {
  return (cp >= 0x0400 && cp <= 0x042f) || (cp >= 0x0460 && cp <= 0x04ff && cp % 2 === 0);
}
function isAsciiLetter(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}
/** Russian letters by how often they occur in text, most frequent first. */
const CYRILLIC_BY_FREQUENCY = 'оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё';
const CYRILLIC_WEIGHT = new Map<number, number>();
for (let i = 0; i < CYRILLIC_BY_FREQUENCY.length; i++) {
  CYRILLIC_WEIGHT.set(CYRILLIC_BY_FREQUENCY.codePointAt(i)!, i < 10 ? 1 : i < 20 ? 0.8 : 0.5);
}
/** Ukrainian і ї є ґ and Belarusian ў, either case: letters of names, with no frequency to go by. */
const UKRAINIAN_BELARUSIAN = new Set([0x0456, 0x0457, 0x0454, 0x0491, 0x045e, 0x0406, 0x0407, 0x0404, 0x0490, 0x040e]);
const CYRILLIC_OTHER_WEIGHT = 0.6;
/**
 * The rest (Serbian and Macedonian Ђ Ћ Џ Љ Њ Ѓ Ќ, in Windows-1251's 0x80–0x9F):
 * rarely in names here, and just what the lead bytes of Shift_JIS or GBK
 * pairs turn into when read as Windows-1251.
 */
const CYRILLIC_RARE_WEIGHT = 0.3;

/**
 * Cyrillic names (Windows-1251 and KOI8-R map the same letters to
 * different bytes, so each reads the other's names as nonsense of a
 * telling kind): words of lowercase letters, capitalised or not, or all
 * capitals. The wrong one of the two swaps case inside words ("нРВЕР")
 * and scrambles the letters' frequencies; a Latin or CJK charset's bytes
 * read as Cyrillic sit beside Latin letters in one word, or as short
 * runs of rare letters.
 */
const cyrillic: CharScorer = (cp, _char, _lead, _length, run, prev, next, asciiCase) => {
  if (!isCyrillicLetter(cp)) return run === 1 ? 0.2 : 0.05; // №, «», dashes: plausible once, not in runs
  // A Cyrillic letter glued to a Latin one is how Latin text reads in a Cyrillic charset.
  if (isAsciiLetter(prev) || isAsciiLetter(next)) return 0.05;
  // So is a one-letter "word" among Latin ones: French or Portuguese "à" reads as "а".
  if (run === 1 && asciiCase !== 'none') return 0.3;
  // Frequencies are the Russian alphabet's (А–я); Ukrainian and Belarusian letters get one weight, the rest less.
  const lower = cp >= 0x0430 && cp <= 0x044f ? cp : cp >= 0x0410 && cp <= 0x042f ? cp + 0x20 : -1;
  const weight = lower >= 0 ? (CYRILLIC_WEIGHT.get(lower) ?? CYRILLIC_OTHER_WEIGHT) : UKRAINIAN_BELARUSIAN.has(cp) ? CYRILLIC_OTHER_WEIGHT : CYRILLIC_RARE_WEIGHT;
  // All capitals in one of the two charsets read as all small letters in the
  // other. The name's Latin letters break the tie: a name in capitals
  // (ОТЧЕТ.DOC) has its Cyrillic in capitals too, so there small letters
  // count half, and capitals in a row count whole.
  if (!isCyrillicUpper(cp)) return asciiCase === 'upper' ? 0.5 * weight : weight;
  // Capitals open a word, or fill it; one after a small letter is a case swap.
  if (!isCyrillicLetter(prev)) return 0.9 * weight;
  if (!isCyrillicUpper(prev)) return 0.1;
  // With no Latin letters to go by, capitals in a row count nearly whole:
  // the letters' frequencies then tell the two charsets apart.
  return asciiCase === 'upper' ? weight : asciiCase === 'none' ? 0.85 * weight : 0.7 * weight;
};

const CANDIDATES: ReadonlyArray<readonly [string, CharScorer]> = [
  ['gb18030', gb18030],
  ['big5', big5],
  ['shift_jis', shiftJis],
  ['euc-kr', eucKr],
  ['cp1252', cp1252],
  ['cp1251', cyrillic],
  ['koi8-r', cyrillic],
];

const codecs = new Map<string, IconvNameCodec>();
function codecFor(charset: string): IconvNameCodec {
  let codec = codecs.get(charset);
  if (codec === undefined) {
    codec = new IconvNameCodec(charset);
    codecs.set(charset, codec);
  }
  return codec;
}

/** Average plausibility of `samples` decoded as `charset`; -Infinity when nothing non-ASCII was seen. */
function score(samples: readonly Buffer[], charset: string, scorer: CharScorer): number {
  const codec = codecFor(charset);
  let total = 0;
  let count = 0;
  for (const sample of samples) {
    const asciiCase = asciiCaseOf(sample);
    const chars: { char: string | null; lead: number; length: number }[] = [];
    codec.scan(sample, (char, lead, _start, length) => chars.push({ char, lead, length }));
    // Length of the non-ASCII run each character sits in (undecodable bytes count as non-ASCII).
    const runs = new Array<number>(chars.length).fill(0);
    for (let i = 0; i < chars.length; ) {
      let end = i;
      while (end < chars.length && (chars[end]!.char?.codePointAt(0) ?? 0x80) >= 0x80) end++;
      for (let k = i; k < end; k++) runs[k] = end - i;
      i = end === i ? i + 1 : end;
    }
    const points = chars.map(({ char }) => (char === null ? -1 : char.codePointAt(0)!));
    for (let i = 0; i < chars.length; i++) {
      const { char, lead, length } = chars[i]!;
      if (char === null) {
        total += INVALID_BYTE_SCORE;
        count++;
        continue;
      }
      const cp = points[i]!;
      if (cp < 0x80) continue;
      total += scorer(cp, char, lead, length, runs[i]!, i > 0 ? points[i - 1]! : -1, i + 1 < points.length ? points[i + 1]! : -1, asciiCase);
      count++;
    }
  }
  return count === 0 ? -Infinity : total / count;
}

function hasHighByte(sample: Buffer): boolean {
  for (let i = 0; i < sample.length; i++) if (sample[i]! >= 0x80) return true;
  return false;
}

/** Enough text to tell charsets apart; more costs time (the walk is per character) and adds nothing. */
const MAX_SAMPLES = 256;
const MAX_EVIDENCE_BYTES = 32 * 1024;

/** The first samples, up to {@link MAX_SAMPLES} and {@link MAX_EVIDENCE_BYTES}: a 100 000-line listing stays cheap. */
function capEvidence(samples: Buffer[]): Buffer[] {
  const kept: Buffer[] = [];
  let bytes = 0;
  for (const sample of samples) {
    if (kept.length >= MAX_SAMPLES || bytes >= MAX_EVIDENCE_BYTES) break;
    const room = MAX_EVIDENCE_BYTES - bytes;
    kept.push(sample.length > room ? sample.subarray(0, room) : sample);
    bytes += Math.min(sample.length, room);
  }
  return kept;
}

/**
 * Guesses the charset of raw name bytes that are not valid UTF-8: which of
 * GB18030 (a superset of GBK), Big5, Shift_JIS, EUC-KR, cp1252, cp1251
 * (Windows Cyrillic) and KOI8-R decodes them most plausibly. Pure-ASCII
 * samples carry no evidence and are skipped, and so are valid UTF-8
 * samples when some are not. Returns null
 * when no sample has a non-ASCII byte, or when every candidate leaves the
 * bytes mostly undecodable. When every sample with non-ASCII bytes is valid
 * UTF-8, the answer is `utf-8` (random legacy bytes are almost never valid
 * UTF-8). Whole listing lines are fine as samples (their ASCII carries no
 * weight), and only the first 256 samples / 32 KiB are read, so passing
 * every line of a huge listing stays cheap.
 */
export function guessCharset(samples: Buffer[]): CharsetGuess | null {
  const nonAscii = samples.filter(hasHighByte);
  if (nonAscii.length === 0) return null;
  // In a mixed listing the UTF-8 names answer a different question; judge the others.
  const legacy = nonAscii.filter((sample) => !isUtf8(sample));
  if (legacy.length === 0) return { charset: 'utf-8', confidence: 0.99 };
  const evidence = capEvidence(legacy);
  const ranked = CANDIDATES.filter(([charset]) => iconv.encodingExists(charset))
    .map(([charset, scorer]) => ({ charset, score: score(evidence, charset, scorer) }))
    .sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (best === undefined || !(best.score > 0)) return null;
  const second = ranked[1]?.score ?? -Infinity;
  const margin = best.score - Math.max(second, 0);
  // Full confidence needs both a plausible decoding and a clear lead over the runner-up.
  const confidence = Math.min(1, best.score) * Math.min(1, 0.5 + margin / 0.6);
  return { charset: best.charset, confidence: Math.round(confidence * 1000) / 1000 };
}
