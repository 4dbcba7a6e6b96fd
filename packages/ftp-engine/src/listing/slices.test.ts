/**
 * parseListingInSlices reads exactly what parseListing reads, and gives the
 * event loop turns while it does: state that spans lines (the parser that
 * read the last line, a VMS entry split over two lines, versions kept per
 * name) carries across the pauses.
 */
import { describe, expect, it } from 'vitest';
import { LINES_PER_SLICE, parseListing, parseListingInSlices } from './index.ts';

const NOW = new Date('2026-11-21T12:00:00Z');

/** A listing of `n` Unix lines with a VMS two-line entry whose halves fall on either side of a slice boundary. */
function listing(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i === LINES_PER_SLICE - 1) {
      lines.push('VERY_LONG_FILE_NAME_FOR_THE_ARCHIVE.DATA;12');
      lines.push('                    170/171    21-NOV-2026 07:35        [1,4]       (RWED,RWED,RE,)');
      lines.push('NOTES.TXT;1   1/3   1-NOV-2026 10:00  [ANON]  (RWED,RWED,RE,)');
      lines.push('NOTES.TXT;7   2/3   9-NOV-2026 10:00  [ANON]  (RWED,RWED,RE,)');
      lines.push('garbage that no parser reads');
    }
    lines.push(`-rw-r--r--    1 ftp      ftp      ${1000 + i} Nov ${1 + (i % 28)} 07:35 file-${i}.txt`);
  }
  return lines.join('\r\n') + '\r\n';
}

describe('parseListingInSlices', () => {
  it('gives the same entries and the same unread lines as parseListing, across slice boundaries', async () => {
    const text = listing(3 * LINES_PER_SLICE);
    const unreadAtOnce: string[] = [];
    const unreadInSlices: string[] = [];
    const atOnce = parseListing(text, { now: NOW, onUnread: (l) => unreadAtOnce.push(l) });
    const inSlices = await parseListingInSlices(text, { now: NOW, onUnread: (l) => unreadInSlices.push(l) });
    expect(inSlices).toEqual(atOnce);
    expect(unreadInSlices).toEqual(unreadAtOnce);
    expect(unreadInSlices).toEqual(['garbage that no parser reads']);
    // The split VMS entry was joined, and only the newest NOTES.TXT kept.
    expect(inSlices.find((e) => e.name === 'VERY_LONG_FILE_NAME_FOR_THE_ARCHIVE.DATA')?.size).toBe(170 * 512);
    expect(inSlices.filter((e) => e.name === 'NOTES.TXT')).toHaveLength(1);
    expect(inSlices).toHaveLength(3 * LINES_PER_SLICE + 2);
  });

  it('lets other work run between slices', async () => {
    const text = listing(3 * LINES_PER_SLICE);
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    const parsed = parseListingInSlices(text, { now: NOW }).then(() => order.push('parse done'));
    await parsed;
    expect(order).toEqual(['other work', 'parse done']);
  });

  it('reads a small listing without pausing', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    await parseListingInSlices('-rw-r--r--    1 ftp ftp 5 Nov 21 07:35 a.txt\r\n', { now: NOW }).then(() => order.push('parse done'));
    expect(order).toEqual(['parse done']);
  });
});
