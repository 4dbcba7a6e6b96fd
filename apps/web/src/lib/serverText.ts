/**
 * Text that came from the FTP server (file names, link targets, reply
 * lines), made safe to show. The server chooses these characters, and some
 * of them change what the user sees without being seen themselves:
 *
 * - format characters (Unicode category Cf): bidi embeddings, overrides and
 *   isolates reorder what follows them, so `invoice\u202Efdp.exe` shows as
 *   `invoiceexe.pdf` (the "Trojan Source" trick, CVE-2021-42574); zero-width
 *   spaces, soft hyphens, word joiners and tag characters draw nothing, so
 *   `a` and `a\u200B` look the same. The zero-width joiner and non-joiner
 *   stay: scripts and emoji need them;
 * - control characters (Cc), and line and paragraph separators (Zl, Zp),
 *   draw nothing, or something a terminal would act on;
 * - unpaired surrogates (Cs). Those in U+DC80–U+DCFF are bytes the name's
 *   charset could not decode, which the engine keeps so the name can be sent
 *   back byte for byte (see the engine's encoding/); drawn as they are,
 *   every such byte is the same `�`, and two different names look alike.
 *
 * Each becomes a visible escape: `\x1B` for a C0 control or DEL, `\xC4` for
 * an undecodable byte, `\u202E` (or `\u{E0041}`) for everything else.
 * And in a name shown on its own, spaces at its start or end (` a.txt`,
 * `a.txt `) are marked `␣` ({@link ServerTextOptions.edges}).
 * Everything else, right-to-left scripts included, is left as it is. Only
 * the display changes: requests keep sending the real name.
 */

/** Why a character is shown as an escape. */
export type EscapeKind = 'format' | 'control' | 'byte' | 'surrogate' | 'space';

/** One run of a server text: plain characters, or one escaped character. */
export type ServerTextPart = { text: string } | { text: string; escape: EscapeKind; code: string };

/** Options for {@link splitServerText}. */
export interface ServerTextOptions {
  /**
   * Keep line feeds as line breaks: for texts made of lines (multi-line
   * replies, lists of paths). A name is one line, so its LF is escaped.
   */
  multiline?: boolean;
  /**
   * Keep tabs as tabs: only for texts that carry no names, such as a HELP
   * reply (214), whose servers lay their command columns out with tabs.
   * Anywhere else (a command with a path, a reply quoting one, a toast
   * naming a file) a tab is escaped: in a name it would pass for a space.
   * Applies with {@link multiline}.
   */
  tabs?: boolean;
  /**
   * Mark spaces at the start and end (as `␣`): for a name shown on its own,
   * where ` report.pdf` and `report.pdf ` would look like `report.pdf`.
   * Only {@link splitServerText} marks them; plain strings (titles, labels)
   * keep them as they are.
   */
  edges?: boolean;
}

// In `u` mode a class matches whole code points, and \p{Cs} only surrogates that are not half of a pair.
// The `g` forms split (matchAll); the plain forms test, with no lastIndex to keep.
const HIDDEN = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const HIDDEN_BUT_LF = /(?![\u200c\u200d\n])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const HIDDEN_BUT_LAYOUT = /(?![\u200c\u200d\n\t])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const ANY_HIDDEN = new RegExp(HIDDEN.source, 'u');
const ANY_HIDDEN_BUT_LF = new RegExp(HIDDEN_BUT_LF.source, 'u');
const ANY_HIDDEN_BUT_LAYOUT = new RegExp(HIDDEN_BUT_LAYOUT.source, 'u');

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');

/**
 * Whether code point `c` is an undecodable byte the engine kept (U+DC80 to
 * U+DCFF, byte c − 0xDC00). A code point, not a UTF-16 unit: the low half
 * of a real pair, as in 💀 (U+1F480 = D83D DC80), is in the same range.
 */
export function isByteEscape(c: number): boolean {
  return c >= 0xdc80 && c <= 0xdcff;
}

function escapeOf(ch: string): { text: string; escape: EscapeKind; code: string } {
  const c = ch.codePointAt(0) ?? 0;
  const code = `U+${hex(c, 4)}`;
  if (isByteEscape(c)) return { text: `\\x${hex(c - 0xdc00, 2)}`, escape: 'byte', code: hex(c - 0xdc00, 2) };
  if (c >= 0xd800 && c <= 0xdfff) return { text: `\\u${hex(c, 4)}`, escape: 'surrogate', code };
  if (c < 0x20 || c === 0x7f) return { text: `\\x${hex(c, 2)}`, escape: 'control', code };
  if (c <= 0x9f) return { text: `\\u${hex(c, 4)}`, escape: 'control', code };
  return { text: c > 0xffff ? `\\u{${hex(c, 5)}}` : `\\u${hex(c, 4)}`, escape: 'format', code };
}

/** The hidden-character patterns for `options`: the global one to split with, and the plain one to test with. */
function patternsFor(options?: ServerTextOptions): [split: RegExp, test: RegExp] {
  if (!options?.multiline) return [HIDDEN, ANY_HIDDEN];
  return options.tabs ? [HIDDEN_BUT_LAYOUT, ANY_HIDDEN_BUT_LAYOUT] : [HIDDEN_BUT_LF, ANY_HIDDEN_BUT_LF];
}

/** Splits `text` into plain runs and escaped characters, in order. */
export function splitServerText(text: string, options?: ServerTextOptions): ServerTextPart[] {
  const parts: ServerTextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(patternsFor(options)[0])) {
    const at = m.index;
    if (at > last) parts.push({ text: text.slice(last, at) });
    parts.push(escapeOf(m[0]));
    last = at + m[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last) });
  return options?.edges ? markEdgeSpaces(parts) : parts;
}

const EDGE_SPACE = { text: '\u2423', escape: 'space', code: 'U+0020' } as const;

/** Turns the leading spaces of the first run and the trailing ones of the last into {@link EDGE_SPACE} marks. */
function markEdgeSpaces(parts: ServerTextPart[]): ServerTextPart[] {
  const out = [...parts];
  const marks = (n: number): ServerTextPart[] => Array.from({ length: n }, () => ({ ...EDGE_SPACE }));
  const head = out[0];
  if (head && !('escape' in head)) {
    let n = 0;
    while (n < head.text.length && head.text.charCodeAt(n) === 0x20) n++;
    if (n > 0) out.splice(0, 1, ...marks(n), ...(n < head.text.length ? [{ text: head.text.slice(n) }] : []));
  }
  const at = out.length - 1;
  const tail = out[at];
  if (tail && !('escape' in tail)) {
    let n = 0;
    while (n < tail.text.length && tail.text.charCodeAt(tail.text.length - 1 - n) === 0x20) n++;
    if (n > 0) out.splice(at, 1, ...(n < tail.text.length ? [{ text: tail.text.slice(0, tail.text.length - n) }] : []), ...marks(n));
  }
  return out;
}

/** True when {@link displayServerText} would change `text`. */
export function hasHiddenCharacters(text: string, options?: ServerTextOptions): boolean {
  return patternsFor(options)[1].test(text);
}

/** True when {@link splitServerText} would mark anything: a hidden character, or (with `edges`) a space at either end. */
export function hasMarks(text: string, options?: ServerTextOptions): boolean {
  if (options?.edges && (text.startsWith(' ') || text.endsWith(' '))) return true;
  return hasHiddenCharacters(text, options);
}

/** `text` with every hidden character as its escape, for titles, toasts, tooltips and other plain strings. */
export function displayServerText(text: string, options?: ServerTextOptions): string {
  if (!hasHiddenCharacters(text, options)) return text;
  return splitServerText(text, options)
    .map((p) => p.text)
    .join('');
}

/**
 * A HELP reply (214): the server's command list, names of commands only,
 * which servers lay out in columns with tabs ({@link ServerTextOptions.tabs}).
 */
export function isHelpReply(line: { kind: string; code?: number }): boolean {
  return line.kind === 'reply' && line.code === 214;
}
