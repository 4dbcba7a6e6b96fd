import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, type Rendered } from '../../insight/testing/render.tsx';
import { appStore } from '../../store/index.ts';
import { ExportPanel } from './ExportPanel.tsx';

let view: Rendered | undefined;
const created = vi.fn((_blob: Blob) => 'blob:export');
beforeEach(() => {
  created.mockClear();
  URL.createObjectURL = created;
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  view?.unmount();
  act(() => appStore.getState().clearTranscript());
});

const line = (seq: number, text: string): WireTranscriptLine => ({ seq, time: 0, connection: 'browse', kind: 'command', text });

describe('ExportPanel', () => {
  it('builds the text when it opens and when an option changes, not on every transcript batch', () => {
    act(() => appStore.getState().appendTranscript([line(1, 'NOOP')]));
    view = render(<ExportPanel onClose={() => {}} />);
    const text = () => view?.container.querySelector('textarea')?.value ?? '';
    expect(text()).toContain('NOOP');
    expect(created).toHaveBeenCalledTimes(1);

    act(() => appStore.getState().appendTranscript([line(2, 'PWD')]));
    act(() => appStore.getState().appendTranscript([line(3, 'SYST')]));
    expect(text()).not.toContain('PWD');
    expect(created).toHaveBeenCalledTimes(1);

    // Changing an option rebuilds from the buffer as it is now.
    const host = view.container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')[1];
    act(() => host?.click());
    expect(text()).toContain('SYST');
    expect(created).toHaveBeenCalledTimes(2);
  });
});
