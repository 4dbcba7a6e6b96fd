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

/** MLSD facts the listing parser turns into FileEntry fields. */
const WANTED_MLST_FACTS = ['type', 'size', 'sizd', 'modify', 'perm', 'unix.mode', 'unix.owner', 'unix.group', 'unix.uid', 'unix.gid'];

/**
 * The `OPTS MLST …` command that turns on every useful fact the server
 * offers, or null when those are already on (RFC 3659 §7.9). FEAT marks
 * enabled facts with `*`; servers such as pyftpdlib leave `unix.mode` off by
 * default, and without it a listing has no Unix permissions.
 */
export function mlstOptsCommand(mlstFeature: string): string | null {
  const offered = mlstFeature.split(';').map((f) => f.trim()).filter(Boolean);
  const wanted = offered.filter((f) => WANTED_MLST_FACTS.includes(f.replace(/\*$/, '').toLowerCase()));
  if (wanted.length === 0 || wanted.every((f) => f.endsWith('*'))) return null;
  return `OPTS MLST ${wanted.map((f) => f.replace(/\*$/, '')).join(';')};`;
}
