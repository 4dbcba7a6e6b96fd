/** Pure helpers for the transcript panel: which lines to show, and the connection tags to filter on. */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import type { RingBuffer } from '../../lib/RingBuffer.ts';

/** A line kind. */
export type LineKind = WireTranscriptLine['kind'];

/** What the user filtered on. */
export interface TranscriptFilter {
  kinds: ReadonlySet<LineKind>;
  /** Connection tag, or null for all. */
  connection: string | null;
  /** Case-insensitive text search. */
  search: string;
}

/** True when the filter shows everything (so the fast path applies). */
export function isUnfiltered(f: TranscriptFilter): boolean {
  return f.kinds.size === 4 && f.connection === null && f.search.trim() === '';
}

/**
 * The last `limit` lines that pass the filter, oldest first, plus how many
 * matched in total. Walks backwards so a small limit stays cheap. With
 * `untilSeq`, lines numbered after it are left out, as if not yet arrived:
 * a log the user reads back in holds still at its bottom.
 */
export function pickLines(
  buffer: RingBuffer<WireTranscriptLine>,
  filter: TranscriptFilter,
  limit: number,
  untilSeq = Number.POSITIVE_INFINITY,
): { lines: WireTranscriptLine[]; matched: number } {
  // Lines arrive in seq order, so the ones after `untilSeq` are at the end.
  let end = buffer.length;
  while (end > 0 && (buffer.at(end - 1)?.seq ?? 0) > untilSeq) end -= 1;
  if (isUnfiltered(filter)) {
    const from = Math.max(0, end - limit);
    return { lines: buffer.slice(from, end), matched: end };
  }
  const needle = filter.search.trim().toLocaleLowerCase();
  const out: WireTranscriptLine[] = [];
  let matched = 0;
  for (let i = end - 1; i >= 0; i -= 1) {
    const line = buffer.at(i);
    if (!line) continue;
    if (!filter.kinds.has(line.kind)) continue;
    if (filter.connection !== null && line.connection !== filter.connection) continue;
    if (needle && !line.text.toLocaleLowerCase().includes(needle)) continue;
    matched += 1;
    if (out.length < limit) out.push(line);
  }
  return { lines: out.reverse(), matched };
}

/** Connection tags seen in the buffer (scans the newest `scan` lines; tags rarely change). */
export function connectionTags(buffer: RingBuffer<WireTranscriptLine>, scan = 5000): string[] {
  const tags = new Set<string>();
  for (let i = Math.max(0, buffer.length - scan); i < buffer.length; i += 1) {
    const line = buffer.at(i);
    if (line) tags.add(line.connection);
  }
  return [...tags].sort();
}
