import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, type Rendered } from '../../insight/testing/render.tsx';
import { StoreProvider, createAppStore } from '../../store/index.ts';
import { ExportPanel } from './ExportPanel.tsx';

let view: Rendered | undefined;
let store = createAppStore();
const created = vi.fn((_blob: Blob) => 'blob:export');
beforeEach(() => {
  store = createAppStore();
  created.mockClear();
  URL.createObjectURL = created;
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  view?.unmount();
});

const line = (seq: number, text: string): WireTranscriptLine => ({ seq, time: 0, connection: 'browse', kind: 'command', text });

describe('ExportPanel', () => {
  it('builds the text when it opens and when an option changes, not on every transcript batch', () => {
    act(() => store.getState().appendTranscript([line(1, 'NOOP')]));
    view = render(
      <StoreProvider store={store}>
        <ExportPanel onClose={() => {}} />
      </StoreProvider>,
    );
    const text = () => view?.container.querySelector('textarea')?.value ?? '';
    expect(text()).toContain('NOOP');
    expect(created).toHaveBeenCalledTimes(1);

    act(() => store.getState().appendTranscript([line(2, 'PWD')]));
    act(() => store.getState().appendTranscript([line(3, 'SYST')]));
    expect(text()).not.toContain('PWD');
    expect(created).toHaveBeenCalledTimes(1);

    // Changing an option rebuilds from the buffer as it is now.
    const host = view.container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')[1];
    act(() => host?.click());
    expect(text()).toContain('SYST');
    expect(created).toHaveBeenCalledTimes(2);
  });
});
