import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualFrames, setFrameScheduler } from '../../store/frameScheduler.ts';
import type { ReplyContext } from '../../insight/replyContext.ts';
import { sameGroupProps, type TranscriptGroupProps } from './TranscriptGroup.tsx';
import { render, type Rendered } from '../../insight/testing/render.tsx';
import { StoreProvider, createAppStore } from '../../store/index.ts';
import { TranscriptPanel } from './TranscriptPanel.tsx';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
});

const line = (seq: number, kind: WireTranscriptLine['kind'], text: string, code?: number): WireTranscriptLine =>
  code === undefined ? { seq, time: 0, connection: 'browse', kind, text } : { seq, time: 0, connection: 'browse', kind, text, code };

describe('TranscriptPanel', () => {
  // About 4 s alone in jsdom (the paused page draws 1000 lines), past Vitest's 5 s default under load.
  it('renders a bounded window of 100,000 lines, grouped under the action that caused them', { timeout: 30_000 }, () => {
    const store = createAppStore();
    const s = store.getState();
    const bulk: WireTranscriptLine[] = [];
    for (let i = 1; i <= 100_000; i += 1) bulk.push(line(i, i % 2 ? 'command' : 'reply', i % 2 ? 'NOOP' : '200 NOOP ok.', i % 2 ? undefined : 200));
    act(() => s.appendTranscript(bulk));
    act(() => {
      s.recordAction('act.mkdir', { name: 'reports' });
      s.appendTranscript([line(100_001, 'command', 'MKD /reports'), line(100_002, 'reply', '257 "/reports" created', 257)]);
    });
    view = render(
      <StoreProvider store={store}>
        <TranscriptPanel />
      </StoreProvider>,
    );
    const log = view.container.querySelector('[role="log"]');
    expect(log?.getAttribute('aria-label')).toBe('Transcript');
    // The buffer keeps 100,000 lines. While the log follows its bottom, the newest 60 are in the DOM:
    // a flood of lines would otherwise have the page build thousands it scrolls past unseen.
    expect(view.container.querySelectorAll('.tp-line').length).toBe(60);
    // Paused (or scrolled up), a page of 1000 is, the rest one click away.
    act(() => view?.container.querySelector<HTMLButtonElement>('button[aria-label="Pause autoscroll"]')?.click());
    expect(view.container.querySelectorAll('.tp-line').length).toBe(1000);
    expect(view.container.querySelector('.tp-earlier')?.textContent).toBe('Show 1,000 earlier lines (99,000 hidden)');
    // "Show earlier" adds what it says to what is shown.
    act(() => view?.container.querySelector<HTMLButtonElement>('.tp-earlier')?.click());
    expect(view.container.querySelectorAll('.tp-line').length).toBe(2000);
    expect(view.container.querySelector('.tp-earlier')?.textContent).toBe('Show 1,000 earlier lines (98,000 hidden)');
    // Back to the latest, the log follows with its small window again.
    act(() => view?.container.querySelector<HTMLButtonElement>('button.tp-jump')?.click());
    expect(view.container.querySelectorAll('.tp-line').length).toBe(60);
    act(() => view?.container.querySelector<HTMLButtonElement>('button[aria-label="Pause autoscroll"]')?.click());
    const group = view.container.querySelector('[role="group"][aria-label="Create folder reports"]');
    expect([...(group?.querySelectorAll('.tp-text') ?? [])].map((e) => e.textContent)).toEqual(['MKD /reports', '257 "/reports" created']);

    // The reply explains itself: tooltip, then the full breakdown on demand.
    const reply = group?.querySelectorAll('.tp-line')[1];
    expect(reply?.querySelector('.tp-text')?.getAttribute('title')).toMatch(/^257: /);
    const toggle = reply?.querySelector<HTMLButtonElement>('button.tp-explain');
    act(() => toggle?.click());
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(reply?.querySelector('.fd-explain')?.textContent).toContain('/reports');

    // Collapsing the group hides its lines.
    act(() => group?.querySelector<HTMLButtonElement>('.tp-group-toggle')?.click());
    expect(group?.querySelectorAll('.tp-line').length).toBe(0);
  });

  it('holds still while paused, and catches up on the way back to the bottom', () => {
    const store = createAppStore();
    const s = store.getState();
    act(() => s.appendTranscript([line(1, 'command', 'PWD'), line(2, 'reply', '257 "/" is the current directory', 257)]));
    view = render(
      <StoreProvider store={store}>
        <TranscriptPanel />
      </StoreProvider>,
    );
    act(() => view?.container.querySelector<HTMLButtonElement>('button[aria-label="Pause autoscroll"]')?.click());
    // Lines that arrive now do not move the ones being read…
    act(() => s.appendTranscript([line(3, 'command', 'NOOP while paused')]));
    expect(view.container.textContent).not.toContain('NOOP while paused');
    // …and show once the reader goes back to the latest.
    act(() => view?.container.querySelector<HTMLButtonElement>('button.tp-jump')?.click());
    expect(view.container.textContent).toContain('NOOP while paused');
  });

  it('follows the bottom with one layout read and one scroll per frame, however many batches arrive', () => {
    const frames = createManualFrames();
    const restore = setFrameScheduler(frames);
    try {
      const store = createAppStore();
      view = render(
        <StoreProvider store={store}>
          <TranscriptPanel />
        </StoreProvider>,
      );
      const log = view.container.querySelector('[role="log"]') as HTMLElement;
      let heightReads = 0;
      const scrollWrites: number[] = [];
      Object.defineProperty(log, 'scrollHeight', { configurable: true, get: () => (heightReads += 1, 5000) });
      Object.defineProperty(log, 'scrollTop', { configurable: true, get: () => 0, set: (v: number) => void scrollWrites.push(v) });
      act(() => void frames.flush());
      heightReads = 0;
      scrollWrites.length = 0;

      // 30 transcript messages land between two frames (a burst of small uploads).
      act(() => {
        for (let i = 1; i <= 30; i += 1) store.getState().appendTranscript([line(2 * i - 1, 'command', `STOR f${i}.txt`), line(2 * i, 'reply', '226 ok', 226)]);
      });
      expect(view.container.querySelectorAll('.tp-line').length).toBe(0);
      expect(heightReads).toBe(0);
      act(() => void frames.flush()); // the frame that renders the 60 lines
      expect(view.container.querySelectorAll('.tp-line').length).toBe(60);
      act(() => void frames.flush()); // the frame that scrolls
      expect(scrollWrites).toEqual([5000]);
      expect(heightReads).toBe(1);
    } finally {
      restore();
    }
  });

  it('re-renders only groups whose lines changed', () => {
    const a = line(1, 'command', 'STOR a');
    const b = line(2, 'reply', '226 ok', 226);
    const onToggle = () => {};
    const props = (lines: WireTranscriptLine[], previous: Map<number, ReplyContext>): TranscriptGroupProps => ({
      group: { id: 'a1', label: 'Upload a', lines },
      collapsed: false,
      onToggle,
      previous,
    });
    // Grouping builds a new group object and map per batch; the same lines mean the same rows.
    const stor = (): Map<number, ReplyContext> => new Map([[2, { command: 'STOR a' }]]);
    expect(sameGroupProps(props([a, b], stor()), props([a, b], stor()))).toBe(true);
    expect(sameGroupProps(props([a], new Map()), props([a, b], stor()))).toBe(false);
    expect(sameGroupProps(props([a, b], new Map()), props([a, b], stor()))).toBe(false);
    // Learning why an ABOR was sent changes how its answers read.
    const abor = (abortCause?: 'cancel'): Map<number, ReplyContext> => new Map([[2, abortCause ? { command: 'ABOR', abortCause } : { command: 'ABOR' }]]);
    expect(sameGroupProps(props([a, b], abor()), props([a, b], abor('cancel')))).toBe(false);
  });

  /** The panel with two lines, its log 5000 px tall in a 300 px window; `jump` says whether "Jump to latest" shows (following stopped). */
  const mountTallLog = (): { log: HTMLElement; jump: () => boolean } => {
    const store = createAppStore();
    act(() => store.getState().appendTranscript([line(1, 'command', 'NOOP'), line(2, 'reply', '200 ok', 200)]));
    view = render(
      <StoreProvider store={store}>
        <TranscriptPanel />
      </StoreProvider>,
    );
    const log = view.container.querySelector('[role="log"]') as HTMLElement;
    Object.defineProperty(log, 'scrollHeight', { configurable: true, get: () => 5000 });
    Object.defineProperty(log, 'clientHeight', { configurable: true, get: () => 300 });
    return { log, jump: () => [...view!.container.querySelectorAll('button')].some((b) => b.textContent === 'Jump to latest') };
  };

  it('keeps following when the log scrolls by itself, and stops when the user scrolls up', () => {
    const { log, jump } = mountTallLog();
    // Lines left the top of the window and the browser moved the scroll position: not the user.
    log.scrollTop = 3000;
    act(() => void log.dispatchEvent(new Event('scroll')));
    expect(jump()).toBe(false);
    // The wheel, then a scroll up: the user wants to read, so the log stops following.
    act(() => void log.dispatchEvent(new WheelEvent('wheel', { bubbles: true, deltaY: -300 })));
    log.scrollTop = 2500;
    act(() => void log.dispatchEvent(new Event('scroll')));
    expect(jump()).toBe(true);
  });

  it('stops following when keyboard focus moves into the log and scrolls it up', () => {
    const { log, jump } = mountTallLog();
    // Tab lands on a control near the top: the browser scrolls it into view.
    const control = log.querySelector('button') as HTMLElement;
    act(() => control.focus());
    log.scrollTop = 100;
    act(() => void log.dispatchEvent(new Event('scroll')));
    expect(jump()).toBe(true);
  });
});
