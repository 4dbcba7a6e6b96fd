/**
 * A list request whose frame reached the server twice: the server refuses
 * the second copy with SRV_ERR_DUPLICATE_ID (reply first), then answers the
 * first copy (reply second, same id). The real socket client, request map,
 * browse operations and store run together; only the WebSocket is a fake.
 */
import { PROTOCOL_VERSION, type WireEntry } from '@ftpdeck/protocol';
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/index.ts';
import { createBrowseOps } from './browseOps.ts';
import { SocketClient } from './socket.ts';
import { FakeWebSocket } from './testing/FakeWebSocket.ts';
import { FakeUploadChannel, flush } from './testing/fakeDeps.ts';

function setup() {
  let ws: FakeWebSocket | undefined;
  const client = new SocketClient({
    url: 'ws://test/ws',
    sink: { link: () => {}, welcome: () => {}, event: () => {} },
    createWebSocket: (url) => (ws = new FakeWebSocket(url)),
  });
  client.start();
  const socket = (): FakeWebSocket => {
    if (!ws) throw new Error('no socket');
    return ws;
  };
  socket().serverOpen();
  socket().serverSend({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, sessionToken: 't', resumed: false, state: { status: 'disconnected' } });
  const store = createAppStore({ transcriptCapacity: 100 });
  const ops = createBrowseOps({ request: (body, ms) => client.request(body, ms), store, uploadChannel: new FakeUploadChannel() });
  /** Answers the last `list` request with `entries`, after a duplicate-id refusal of the same id when `duplicate`. */
  const answerList = (entries: WireEntry[], duplicate: boolean): void => {
    const id = socket().lastRequest('list')?.id as number;
    if (duplicate) {
      socket().serverSend({
        type: 'reply',
        id,
        ok: false,
        error: { code: 'SRV_ERR_DUPLICATE_ID', message: `request id ${id} is still in flight on this socket; this request did not run` },
      });
    }
    socket().serverSend({ type: 'reply', id, ok: true, result: { path: '/', entries } });
  };
  return { client, socket, store, ops, answerList };
}

describe('a request frame the server saw twice', () => {
  it('shows the listing that loaded, with no "sent twice" error over it', async () => {
    const { client, store, ops, answerList } = setup();
    store.getState().navigated('/', 'replace');
    const first = ops.refresh();
    await flush(1);
    answerList([{ name: 'README.md', type: 'file', size: 6 }], false);
    await first;
    expect(store.getState().listing?.entries.map((e) => e.name)).toEqual(['README.md']);

    const again = ops.refresh();
    await flush(1);
    answerList([{ name: 'README.md', type: 'file', size: 6 }, { name: 'up.txt', type: 'file', size: 9 }], true);
    await again;
    const s = store.getState();
    expect(s.listError).toBeNull();
    expect(s.listLoading).toBe(false);
    expect(s.listing?.entries.map((e) => e.name)).toEqual(['README.md', 'up.txt']);
    expect(client.pendingRequests).toBe(0);
    client.stop();
  });

  it('clears an earlier listing error when a later listing of the view succeeds', async () => {
    const { client, socket, store, ops, answerList } = setup();
    store.getState().navigated('/', 'replace');
    const failed = ops.refresh();
    await flush(1);
    const id = socket().lastRequest('list')?.id as number;
    socket().serverSend({ type: 'reply', id, ok: false, error: { code: 'FTP_ERR_DATA_CONNECT', message: '425 Cannot open data connection', ftpCode: 425 } });
    await failed;
    expect(store.getState().listError?.code).toBe('FTP_ERR_DATA_CONNECT');
    const retry = ops.refresh();
    await flush(1);
    answerList([{ name: 'README.md', type: 'file', size: 6 }], true);
    await retry;
    expect(store.getState().listError).toBeNull();
    expect(store.getState().listing?.entries.map((e) => e.name)).toEqual(['README.md']);
    client.stop();
  });
});
