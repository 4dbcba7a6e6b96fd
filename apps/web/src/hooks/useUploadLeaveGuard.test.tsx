/**
 * Leaving the page or closing the session while uploads are active asks
 * first: the beforeunload warning, and the tab's "stop transfers?" dialog.
 */
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, type ServerMessage } from '@ftpdeck/protocol';
import { createServices } from '../api/services.ts';
import { FakeWebSocket } from '../api/testing/FakeWebSocket.ts';
import { activeUploadKeys, askStopTransfers, stopCounts } from '../api/uploadGuard.ts';
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

  /** The stop-transfers question open in `store`, if any. */
  const question = (store: StoreApi<AppState>) => {
    const d = store.getState().dialog;
    return d?.kind === 'stop-transfers' ? d : null;
  };

  it('counts only unfinished uploads, and asks with their number in the tab\'s own dialog', async () => {
    const store = createAppStore();
    store.getState().addTransfers([upload('a', 'sending'), upload('b', 'done'), upload('c', 'queued')]);
    expect(activeUploadKeys(store.getState())).toEqual(['a', 'c']);
    expect(stopCounts(store.getState())).toEqual({ begun: 1, waiting: 1, downloads: 0 });
    const answer = askStopTransfers(store, 'closeSession');
    expect(question(store)).toMatchObject({ reason: 'closeSession' });
    question(store)?.respond(false);
    await expect(answer).resolves.toBe(false);
    // Nothing running: no question.
    store.getState().closeDialog();
    store.getState().clearFinishedTransfers();
    store.getState().patchTransfers({ a: { status: 'done' }, c: { status: 'cancelled' } });
    await expect(askStopTransfers(store, 'closeSession')).resolves.toBe(true);
    expect(store.getState().dialog).toBeNull();
  });

  it('counts running downloads too: closing the session ends them, though leaving the page does not', async () => {
    const store = createAppStore();
    store.getState().addTransfers([upload('a', 'sending'), { ...upload('d', 'sending'), direction: 'download' }]);
    expect(activeUploadKeys(store.getState())).toEqual(['a']);
    expect(stopCounts(store.getState())).toEqual({ begun: 1, waiting: 0, downloads: 1 });
    const answer = askStopTransfers(store, 'connect');
    expect(question(store)).toMatchObject({ reason: 'connect' });
    question(store)?.respond(true);
    await expect(answer).resolves.toBe(true);
    // One at its check against the server's hash has every byte in the browser: closing loses nothing.
    store.getState().closeDialog();
    store.getState().patchTransfers({ a: { status: 'done' }, d: { status: 'finishing' } });
    expect(stopCounts(store.getState())).toEqual({ begun: 0, waiting: 0, downloads: 0 });
    await expect(askStopTransfers(store, 'closeSession')).resolves.toBe(true);
    expect(store.getState().dialog).toBeNull();
  });

  it('never replaces a dialog already open (a file-exists question would lose its answer): it keeps the transfers', async () => {
    const store = createAppStore();
    store.getState().addTransfers([upload('a', 'sending')]);
    store.getState().openDialog({ kind: 'mkdir' });
    await expect(askStopTransfers(store, 'closeTab')).resolves.toBe(false);
    expect(store.getState().dialog).toEqual({ kind: 'mkdir' });
  });

  it('counts an upload waiting to resume as begun: part of it is on the server already', () => {
    const store = createAppStore();
    store.getState().addTransfers([aTransfer('r', { status: 'queued', written: 4 }), aTransfer('p', { status: 'paused', written: 2 }), aTransfer('w', { status: 'queued' })]);
    expect(stopCounts(store.getState())).toEqual({ begun: 2, waiting: 1, downloads: 0 });
  });

  it('hears a question that left the screen unanswered as "keep", so no caller waits for ever', async () => {
    const store = createAppStore();
    store.getState().addTransfers([upload('a', 'sending')]);
    const answer = askStopTransfers(store, 'closeSession');
    store.getState().openDialog({ kind: 'shortcuts' });
    await expect(answer).resolves.toBe(false);
  });

  it('"Close session" with an active upload asks first, and sends nothing on No', async () => {
    const { ws, store, services } = await connectedServices();
    store.getState().addTransfers([upload('u', 'sending')]);
    const kept = services.ops.disconnect();
    expect(question(store)).toMatchObject({ reason: 'closeSession' });
    question(store)?.respond(false);
    store.getState().closeDialog(); // as the dialog does with its answer
    await kept;
    expect(ws?.lastRequest('disconnect')).toBeUndefined();
    expect(store.getState().transfers.u?.status).toBe('sending');

    void services.ops.disconnect();
    question(store)?.respond(true);
    await act(async () => undefined);
    expect(ws?.lastRequest('disconnect')).toBeDefined();

    // A caller that asked already (closing a site tab) passes force: no second question.
    store.getState().closeDialog();
    store.getState().addTransfers([upload('v', 'sending')]);
    void services.ops.disconnect({ force: true });
    await act(async () => undefined);
    expect(store.getState().dialog).toBeNull();
    services.socket.stop();
  });

  it('Connect while a download runs asks first too: connecting again ends the old session\'s transfers', async () => {
    const { ws, store, services } = await connectedServices();
    store.getState().addTransfers([{ ...upload('d', 'sending'), direction: 'download' }]);
    const params = { host: 'ftp.example.com', port: 21, secure: 'none', user: 'u', password: 'p' } as Parameters<typeof services.ops.connect>[0];
    const connecting = services.ops.connect(params);
    expect(question(store)).toMatchObject({ reason: 'connect' });
    question(store)?.respond(false);
    expect(await connecting).toBe(false);
    expect(ws?.lastRequest('connect')).toBeUndefined();
    store.getState().closeDialog();
    // With the connection lost already there is nothing to stop, and a paused upload stays for its Resume.
    store.getState().addTransfers([upload('p', 'paused')]);
    act(() => store.getState().applyServerState({ status: 'disconnected' }));
    void services.ops.connect(params);
    await act(async () => undefined);
    expect(store.getState().dialog).toBeNull();
    expect(ws?.lastRequest('connect')).toBeDefined();
    expect(store.getState().transfers.p?.status).toBe('paused');
    services.socket.stop();
  });
});
