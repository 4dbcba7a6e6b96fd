import type { WireError } from '@ftpdeck/protocol';
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, type Rendered } from '../../insight/testing/render.tsx';
import { StoreProvider, createAppStore } from '../../store/index.ts';
import { TranscriptReplyLink } from './TranscriptReplyLink.tsx';

let view: Rendered | undefined;
// A fresh store per test, provided the way each site tab provides its own.
let store = createAppStore();
beforeEach(() => {
  store = createAppStore();
});
afterEach(() => {
  view?.unmount();
  vi.restoreAllMocks();
});

describe('TranscriptReplyLink', () => {
  it('links to the reply, and scans the transcript only when it changes', () => {
    act(() =>
      store.getState().appendTranscript([
        { seq: 1, time: 0, connection: 'browse', kind: 'command', text: 'PASS ****' },
        { seq: 2, time: 0, connection: 'browse', kind: 'reply', text: '530 Login incorrect.', code: 530 },
      ]),
    );
    const error: WireError = { code: 'FTP_ERR_AUTH', message: 'Login refused', ftpCode: 530 };
    view = render(
      <StoreProvider store={store}>
        <TranscriptReplyLink error={error} />
      </StoreProvider>,
    );
    expect(view.container.querySelector('a')?.getAttribute('href')).toBe('#transcript-2');

    const at = vi.spyOn(store.getState().transcript, 'at');
    act(() => store.getState().setSideTab('console'));
    expect(at).not.toHaveBeenCalled();

    act(() => store.getState().appendTranscript([{ seq: 3, time: 0, connection: 'browse', kind: 'reply', text: '530 Not logged in.', code: 530 }]));
    expect(at).toHaveBeenCalled();
    expect(view.container.querySelector('a')?.getAttribute('href')).toBe('#transcript-3');
  });
});
