/**
 * Text that came from the FTP server (file names, link targets, reply
 * lines), made safe to show. The server chooses these characters, and some
 * of them change what the user sees without being seen themselves:
 *
 * - bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
 *   reorder what follows them: `invoice\u202Efdp.exe` shows as
 *   `invoiceexe.pdf` (the "Trojan Source" trick, CVE-2021-42574);
 * - C0 and C1 control characters and DEL draw nothing, or something a
 *   terminal would act on;
 * - zero-width spaces (U+200B, U+2060, U+FEFF) draw nothing, so `a` and
 *   `a\u200B` look the same (the joiners U+200C/U+200D stay: scripts and
 *   emoji need them);
 * - lone surrogates U+DC80–U+DCFF are bytes the name's charset could not
 *   decode, which the engine keeps so the name can be sent back byte for
 *   byte (see the engine's encoding/); drawn as they are, every such byte
 *   is the same `�`, and two different names can look identical.
 *
 * Each becomes a visible escape: `\u202E` for a formatting or C1 character,
 * `\x1B` for a C0 control or DEL, `\xC4` for an undecodable byte. Everything
 * else, right-to-left scripts included, is left as it is. Only the display
 * changes: requests keep sending the real name.
 */

/** Why a character is shown as an escape. */
export type EscapeKind = 'format' | 'control' | 'byte';

/** One run of a server text: plain characters, or one escaped character. */
export type ServerTextPart = { text: string } | { text: string; escape: EscapeKind; code: string };

// Bidi controls, C0/C1 controls and DEL, and lone surrogates. A lone
// surrogate is one not part of a pair: a high one not followed by a low one,
// or a low one not preceded by a high one.
const SPECIAL = /[\u0000-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2060\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');

function escapeOf(ch: string): { text: string; escape: EscapeKind; code: string } {
  const c = ch.charCodeAt(0);
  if (c >= 0xdc80 && c <= 0xdcff) return { text: `\\x${hex(c - 0xdc00, 2)}`, escape: 'byte', code: hex(c - 0xdc00, 2) };
  if (c < 0x20 || c === 0x7f) return { text: `\\x${hex(c, 2)}`, escape: 'control', code: `U+${hex(c, 4)}` };
  if (c <= 0x9f) return { text: `\\u${hex(c, 4)}`, escape: 'control', code: `U+${hex(c, 4)}` };
  // Bidi controls, zero-width spaces, and surrogates that are no byte of ours.
  return { text: `\\u${hex(c, 4)}`, escape: 'format', code: `U+${hex(c, 4)}` };
}

/** Splits `text` into plain runs and escaped characters, in order. */
export function splitServerText(text: string): ServerTextPart[] {
  const parts: ServerTextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(SPECIAL)) {
    const at = m.index;
    if (at > last) parts.push({ text: text.slice(last, at) });
    parts.push(escapeOf(m[0]));
    last = at + m[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last) });
  return parts;
}

/** True when {@link displayServerText} would change `text`. */
export function hasHiddenCharacters(text: string): boolean {
  SPECIAL.lastIndex = 0;
  const found = SPECIAL.test(text);
  SPECIAL.lastIndex = 0;
  return found;
}

/** `text` with every hidden character as its escape, for titles, toasts and other plain strings. */
export function displayServerText(text: string): string {
  if (!hasHiddenCharacters(text)) return text;
  return splitServerText(text)
    .map((p) => p.text)
    .join('');
}
