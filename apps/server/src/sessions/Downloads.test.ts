import type { ServerMessage } from '@ftpdeck/protocol';
import { describe, expect, it } from 'vitest';
import { Downloads } from './Downloads.ts';

function setup() {
  const sent: ServerMessage[] = [];
  let touched = 0;
  const downloads = new Downloads({ send: (m) => void sent.push(m), touch: () => void (touched += 1) });
  return { downloads, sent, touched: () => touched };
}

const shown = { link: 3, name: 'a.bin', path: '/a.bin', zip: false, offset: 10, total: 100 };

describe('Downloads', () => {
  it('tells the page as a shown download starts, sends its progress again for a page that attaches, and ends it once', () => {
    const { downloads, sent, touched } = setup();
    const track = downloads.track(new AbortController(), shown);
    expect(sent).toEqual([{ type: 'download-progress', downloadId: 1, link: 3, name: 'a.bin', path: '/a.bin', offset: 10, bytes: 10, total: 100, rate: 0 }]);
    track.progress(40);
    expect(downloads.shownIds).toEqual([1]);
    // Within 100 ms of the last event: nothing new, until a page attaches and asks for it.
    expect(sent).toHaveLength(1);
    downloads.replay();
    expect(sent.at(-1)).toMatchObject({ type: 'download-progress', downloadId: 1, bytes: 40 });
    track.end({ ok: true });
    track.end({ ok: false, stopped: true });
    expect(sent.filter((m) => m.type === 'download-end')).toEqual([{ type: 'download-end', downloadId: 1, ok: true, bytes: 40 }]);
    expect(downloads.count).toBe(0);
    expect(downloads.shownIds).toEqual([]);
    expect(touched()).toBe(1);
  });

  it('a waiting download begins: the row gets its facts, and Cancel fires the response\'s abort from then on', () => {
    const { downloads, sent } = setup();
    const waiting = new AbortController();
    const track = downloads.track(waiting, { link: 1, name: 'docs', path: '/docs', zip: false, offset: 0, waiting: true });
    expect(sent.at(-1)).toMatchObject({ type: 'download-progress', waiting: true, name: 'docs' });
    const response = new AbortController();
    track.begin({ link: 1, name: 'docs.zip', path: '/docs', zip: true, offset: 0, connection: 'transfer-1' }, response);
    expect(sent.at(-1)).toEqual({ type: 'download-progress', downloadId: 1, link: 1, name: 'docs.zip', path: '/docs', zip: true, connection: 'transfer-1', offset: 0, bytes: 0, rate: 0 });
    expect(downloads.cancel(1)).toBe(true);
    expect(response.signal.aborted).toBe(true);
    expect(waiting.signal.aborted).toBe(false);
  });

  it("stops only the page's own downloads, and says who stopped one", () => {
    const { downloads, sent } = setup();
    const hidden = new AbortController();
    downloads.track(hidden);
    const mine = new AbortController();
    let spent = false;
    const track = downloads.track(mine, shown, () => void (spent = true));
    expect(downloads.cancel(1)).toBe(false);
    expect(hidden.signal.aborted).toBe(false);
    expect(downloads.cancel(2)).toBe(true);
    expect(mine.signal.aborted).toBe(true);
    // No reason: a stop, which the route tells from the server's own aborts.
    expect(mine.signal.reason).toBeInstanceOf(DOMException);
    expect(spent).toBe(true);
    track.end({ ok: false, stopped: true });
    expect(sent.at(-1)).toMatchObject({ type: 'download-end', downloadId: 2, stopped: 'page' });
    const other = downloads.track(new AbortController(), shown);
    other.end({ ok: false, stopped: true });
    expect(sent.at(-1)).toMatchObject({ type: 'download-end', stopped: 'browser' });
  });
});
