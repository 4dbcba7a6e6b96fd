import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
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
  it('renders a bounded window of 100,000 lines, grouped under the action that caused them', () => {
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
    // The buffer keeps 100,000 lines; only the newest page of them is in the DOM, the rest one click away.
    expect(view.container.querySelectorAll('.tp-line').length).toBe(1000);
    expect(view.container.querySelector('.tp-earlier')?.textContent).toBe('Show 1,000 earlier lines (99,000 hidden)');
    const group = view.container.querySelector('section[aria-label="Create folder reports"]');
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
});
