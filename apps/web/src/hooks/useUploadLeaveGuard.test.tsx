/**
 * Leaving the page or closing the session while uploads are active asks
 * first: the beforeunload warning, and the "Close session" confirmation.
 */
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, type ServerMessage } from '@ftpdeck/protocol';
import { createServices } from '../api/services.ts';
import { FakeWebSocket } from '../api/testing/FakeWebSocket.ts';
import { activeUploadKeys, confirmStopTransfers } from '../api/uploadGuard.ts';
import { componentTestHooks } from '../insight/testing/render.tsx';
import { createAppStore } from '../store/index.ts';
import { StoreProvider } from '../store/StoreProvider.tsx';
import type { Transfer } from '../store/transfersSlice.ts';
import { aTransfer } from '../store/testing/transfers.ts';
import type { AppState } from '../store/types.ts';
import type { StoreApi } from 'zustand/vanilla';
import { useUploadLeaveGuard } from './useUploadLeaveGuard.ts';

const upload = (key: string, status: Transfer['status']): Transfer => aTransfer(key, { status });

function Guard() {
  useUploadLeaveGuard();
  return null;
}

const leave = () => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
};

/** Services over a fake socket that has said welcome to a connected session. */
async function connectedServices(): Promise<{ ws: FakeWebSocket | undefined; store: StoreApi<AppState>; services: ReturnType<typeof createServices> }> {
  let ws: FakeWebSocket | undefined;
  const store: StoreApi<AppState> = createAppStore();
  const services = createServices(store, { url: 'ws://test/ws', storage: sessionStorage, createWebSocket: (url) => (ws = new FakeWebSocket(url)) });
  services.socket.start();
  await act(async () => ws?.serverOpen());
  await act(async () =>
    ws?.serverSend({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, sessionToken: 't', resumed: false, state: { status: 'connected' } } as ServerMessage),
  );
  return { ws, store, services };
}

describe('upload leave guard', () => {
  const render = componentTestHooks();
  afterEach(() => vi.restoreAllMocks());

  it('warns before unload only while an upload is queued, running or paused', () => {
    const store = createAppStore();
    render(
      <StoreProvider store={store}>
        <Guard />
      </StoreProvider>,
    );
    expect(leave()).toBe(false);
    act(() => store.getState().addTransfers([upload('done', 'done'), upload('failed', 'failed')]));
    expect(leave()).toBe(false);
    act(() => store.getState().addTransfers([upload('q', 'queued')]));
    expect(leave()).toBe(true);
    act(() => store.getState().patchTransfers({ q: { status: 'paused' } }));
    expect(leave()).toBe(true);
    act(() => store.getState().patchTransfers({ q: { status: 'cancelled' } }));
    expect(leave()).toBe(false);
  });

  it('counts only unfinished uploads, and asks with their number', () => {
    const state = { transfers: { a: upload('a', 'sending'), b: upload('b', 'done'), c: upload('c', 'queued') }, transferOrder: ['a', 'b', 'c'] };
    expect(activeUploadKeys(state)).toEqual(['a', 'c']);
    const ask = vi.fn(() => false);
    expect(confirmStopTransfers(state, ask)).toBe(false);
    expect(ask).toHaveBeenCalledWith('2 uploads are still running or queued. Close the session and stop them?');
    expect(confirmStopTransfers({ transfers: {}, transferOrder: [] }, ask)).toBe(true);
    expect(ask).toHaveBeenCalledOnce();
  });

  it('counts running downloads too: closing the session ends them, though leaving the page does not', () => {
    const download = { ...upload('d', 'sending'), direction: 'download' as const };
    const state = { transfers: { a: upload('a', 'sending'), d: download }, transferOrder: ['a', 'd'] };
    expect(activeUploadKeys(state)).toEqual(['a']);
    const ask = vi.fn(() => true);
    expect(confirmStopTransfers(state, ask)).toBe(true);
    expect(ask).toHaveBeenCalledWith('2 transfers are still running or queued (downloads in the browser stop with the session too). Close the session and stop them?');
    expect(confirmStopTransfers({ transfers: { d: download }, transferOrder: ['d'] }, ask)).toBe(true);
    expect(ask).toHaveBeenLastCalledWith('1 transfer is still running or queued (downloads in the browser stop with the session too). Close the session and stop it?');
  });

  it('"Close session" with an active upload asks first, and sends nothing on No', async () => {
    const { ws, store, services } = await connectedServices();
    store.getState().addTransfers([upload('u', 'sending')]);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    await services.ops.disconnect();
    expect(confirm).toHaveBeenCalledOnce();
    expect(ws?.lastRequest('disconnect')).toBeUndefined();

    confirm.mockReturnValue(true);
    void services.ops.disconnect();
    await act(async () => undefined);
    expect(ws?.lastRequest('disconnect')).toBeDefined();

    // A caller that asked already (closing a site tab) passes force: no second question.
    confirm.mockClear();
    void services.ops.disconnect({ force: true });
    await act(async () => undefined);
    expect(confirm).not.toHaveBeenCalled();
    services.socket.stop();
  });

  it('Connect while a download runs asks first too: connecting again ends the old session\'s transfers', async () => {
    const { ws, store, services } = await connectedServices();
    store.getState().addTransfers([{ ...upload('d', 'sending'), direction: 'download' }]);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const params = { host: 'ftp.example.com', port: 21, secure: 'none', user: 'u', password: 'p' } as Parameters<typeof services.ops.connect>[0];
    expect(await services.ops.connect(params)).toBe(false);
    expect(confirm).toHaveBeenCalledOnce();
    expect(ws?.lastRequest('connect')).toBeUndefined();
    // With the connection lost already there is nothing to stop, and a paused upload stays for its Resume.
    store.getState().addTransfers([upload('p', 'paused')]);
    act(() => store.getState().applyServerState({ status: 'disconnected' }));
    void services.ops.connect(params);
    await act(async () => undefined);
    expect(confirm).toHaveBeenCalledOnce();
    expect(ws?.lastRequest('connect')).toBeDefined();
    expect(store.getState().transfers.p?.status).toBe('paused');
    services.socket.stop();
  });
});
