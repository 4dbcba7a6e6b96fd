import type { WireError } from '@ftpdeck/protocol';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, type Rendered } from '../../insight/testing/render.tsx';
import { StoreProvider, createAppStore } from '../../store/index.ts';
import { ConnectingState, NotConnectedState } from './FileListStates.tsx';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.useRealTimers();
});

function shown(error: WireError, lost = false): string {
  view?.unmount();
  view = render(
    <StoreProvider store={createAppStore()}>
      <NotConnectedState error={error} lost={lost} />
    </StoreProvider>,
  );
  return view.container.textContent ?? '';
}

describe('NotConnectedState', () => {
  it('points at what the server said only when a server replied', () => {
    expect(shown({ code: 'FTP_ERR_AUTH', message: 'Login incorrect.', ftpCode: 530 })).toContain('shows exactly what the server said');
    const refused = shown({ code: 'FTP_ERR_CONNECT', message: 'connect ECONNREFUSED 127.0.0.1:2121' });
    expect(refused).not.toContain('what the server said');
    expect(refused).toContain('No FTP server answered');
    expect(shown({ code: 'FTP_ERR_TIMEOUT', message: 'No greeting within 15000 ms' })).toContain('No FTP server answered');
    // A server that answered, then failed in TLS: neither "what it said" nor "no answer".
    const tls = shown({ code: 'FTP_ERR_TLS', message: 'handshake failed' });
    expect(tls).not.toContain('what the server said');
    expect(tls).not.toContain('No FTP server answered');
    expect(tls).toContain('shows each step of the attempt');
  });

  it('points at the steps when a connection was lost and its reconnects gave up without a reply', () => {
    const lost = shown({ code: 'FTP_ERR_CLOSED', message: 'read ECONNRESET' }, true);
    expect(lost).toContain('Connection lost');
    expect(lost).not.toContain('what the server said');
    expect(lost).toContain('shows each step of the attempt');
    // A 421 is something the server said.
    expect(shown({ code: 'FTP_ERR_CLOSED', message: '421 Timeout.', ftpCode: 421 }, true)).toContain('shows exactly what the server said');
  });
});

describe('ConnectingState', () => {
  it('says where it connects, and how long it has waited once that is worth saying', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    act(() => store.getState().applyWelcome('token', { status: 'connecting', host: 'ftp.example.com', port: 2121, user: 'me' }));
    view = render(
      <StoreProvider store={store}>
        <ConnectingState />
      </StoreProvider>,
    );
    const text = (): string => view?.container.textContent ?? '';
    expect(view.container.querySelector('[role="status"]')?.textContent).toBe('Connecting to ftp.example.com:2121…');
    expect(text()).not.toContain('so far');
    act(() => vi.advanceTimersByTime(3000));
    expect(text()).toContain('Waiting for 3 s so far');
    expect(text()).toContain('transcript on the right');
  });
});
