/**
 * FEAT reply parsing (RFC 2389 §3.2). Many servers do not indent feature
 * lines, so every line between the first and the last counts.
 */

/** Maps upper-case feature names to their parameter text (maybe empty). */
export function parseFeatReply(lines: string[]): Map<string, string> {
  const features = new Map<string, string>();
  for (const line of lines.slice(1, -1)) {
    const t = line.trim();
    if (!t) continue;
    const space = t.indexOf(' ');
    const key = (space < 0 ? t : t.slice(0, space)).toUpperCase();
    features.set(key, space < 0 ? '' : t.slice(space + 1).trim());
  }
  return features;
}

/** True when the `REST` feature says `STREAM` (RFC 3659 §5.3). */
export function hasRestStream(features: Map<string, string>): boolean {
  return /\bSTREAM\b/i.test(features.get('REST') ?? '');
}
