/**
 * A page reloaded while its session's connect was still running: the
 * welcome says `connecting`, and the connect ends with a session-state event
 * this page never asked for. The real services run; only the WebSocket is a fake.
 */
import { PROTOCOL_VERSION } from '@ftpdeck/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../store/index.ts';
import { createServices, type Services } from './services.ts';
import { FakeWebSocket } from './testing/FakeWebSocket.ts';
import { flush } from './testing/fakeDeps.ts';

let services: Services | undefined;
afterEach(() => {
  services?.socket.stop();
  services = undefined;
});

describe('services', () => {
  it('lists where a connect it did not send landed, once that connect ends', async () => {
    let ws: FakeWebSocket | undefined;
    services = createServices(createAppStore(), { url: 'ws://test/ws', createWebSocket: (url) => (ws = new FakeWebSocket(url)) });
    services.socket.start();
    const socket = ws as unknown as FakeWebSocket;
    socket.serverOpen();
    socket.serverSend({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, sessionToken: 't', resumed: true, state: { status: 'connecting', host: 'ftp.example.com' } });
    expect(socket.lastRequest('list')).toBeUndefined();

    socket.serverSend({ type: 'session-state', state: { status: 'connected', host: 'ftp.example.com', cwd: '/pub' } });
    await flush(1);
    expect(socket.lastRequest('list')).toMatchObject({ path: '/pub' });
    expect(services.store.getState().cwd).toBe('/pub');
  });
});
