import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { componentTestHooks } from '../insight/testing/render.tsx';
import { createManualFrames, setFrameScheduler, type ManualFrames } from './frameScheduler.ts';
import { StoreProvider, createAppStore, useAppStore, useFramedAppStore } from './index.ts';

const line = (seq: number): WireTranscriptLine => ({ seq, time: 0, connection: 'transfer-1', kind: 'reply', text: '226 ok', code: 226 });

describe('useFramedAppStore', () => {
  const mount = componentTestHooks();
  let frames: ManualFrames;
  let restore: () => void;
  beforeEach(() => {
    frames = createManualFrames();
    restore = setFrameScheduler(frames);
  });
  afterEach(() => restore());

  /** Renders a probe that counts its renders and shows the version it saw. */
  function probe(sideTab: 'transcript' | 'server') {
    const store = createAppStore();
    store.getState().setSideTab(sideTab);
    const seen: number[] = [];
    function Probe() {
      // Like the transcript panel: paused while another side tab is shown.
      const hidden = useAppStore((s) => s.sideTab !== 'transcript');
      const version = useFramedAppStore((s) => s.transcriptVersion, { paused: hidden });
      seen.push(version);
      return <output>{version}</output>;
    }
    const view = mount(
      <StoreProvider store={store}>
        <Probe />
      </StoreProvider>,
    );
    return { store, seen, view };
  }

  it('re-renders once per frame however many store writes the frame saw', () => {
    const { store, seen, view } = probe('transcript');
    expect(seen).toEqual([0]);
    // 40 transcript messages arrive before the next frame: no render yet.
    act(() => {
      for (let i = 1; i <= 40; i += 1) store.getState().appendTranscript([line(i)]);
    });
    expect(seen).toEqual([0]);
    expect(frames.pending).toBe(1);
    act(() => void frames.flush());
    // One render, with everything the 40 messages did.
    expect(seen).toEqual([0, 40]);
    expect(view.container.textContent).toBe('40');
    expect(store.getState().transcript.length).toBe(40);
  });

  it('stays quiet while paused and reads the store afresh when un-paused', () => {
    const { store, seen, view } = probe('server');
    act(() => {
      for (let i = 1; i <= 5; i += 1) store.getState().appendTranscript([line(i)]);
    });
    act(() => void frames.flush());
    expect(frames.pending).toBe(0);
    expect(seen).toEqual([0]);
    expect(view.container.textContent).toBe('0');
    // Shown again: the first render already has all five batches.
    act(() => store.getState().setSideTab('transcript'));
    expect(view.container.textContent).toBe('5');
  });
});
