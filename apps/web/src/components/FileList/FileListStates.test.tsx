import type { WireError } from '@ftpdeck/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { render, type Rendered } from '../../insight/testing/render.tsx';
import { StoreProvider, createAppStore } from '../../store/index.ts';
import { NotConnectedState } from './FileListStates.tsx';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

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
  });

  it('says neither when the connection to FTP Deck itself was lost', () => {
    const lost = shown({ code: 'WEB_ERR_DISCONNECTED', message: 'lost' }, true);
    expect(lost).not.toContain('what the server said');
    expect(lost).not.toContain('No FTP server answered');
  });
});
