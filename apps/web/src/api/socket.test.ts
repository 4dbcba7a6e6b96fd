import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '@ftpdeck/protocol';
import type { RequestError } from '../lib/errorMessages.ts';
import { SocketClient, TOKEN_KEY, backoffDelay, type SocketSink } from './socket.ts';
import { FakeWebSocket } from './testing/FakeWebSocket.ts';

afterEach(() => {
  vi.useRealTimers();
});

function setup(token?: string) {
  const sockets: FakeWebSocket[] = [];
  const stored = new Map<string, string>(token ? [[TOKEN_KEY, token]] : []);
  const log: string[] = [];
  const sink: SocketSink = {
    link: (status, attempt) => log.push(`link:${status}:${attempt}`),
    welcome: (t, state) => log.push(`welcome:${t}:${state.status}`),
    event: (msg) => log.push(`event:${msg.type}`),
  };
  const client = new SocketClient({
    url: 'ws://test/ws',
    sink,
    createWebSocket: (url) => {
      const ws = new FakeWebSocket(url);
      sockets.push(ws);
      return ws;
    },
    storage: {
      getItem: (k) => stored.get(k) ?? null,
      setItem: (k, v) => void stored.set(k, v),
      removeItem: (k) => void stored.delete(k),
    },
    backoff: { baseMs: 100, maxMs: 1000 },
    random: () => 1,
  });
  const current = () => sockets[sockets.length - 1] as FakeWebSocket;
  const welcome = (ws: FakeWebSocket, sessionToken = 'tok-1') =>
    ws.serverSend({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, sessionToken, resumed: false, state: { status: 'disconnected' } });
  return { client, sockets, stored, log, current, welcome };
}

describe('SocketClient', () => {
  it('says hello with the stored token and keeps the new one', () => {
    const { client, current, welcome, stored, log } = setup('old-token');
    client.start();
    current().serverOpen();
    expect(current().sentJson[0]).toEqual({ type: 'hello', protocolVersion: PROTOCOL_VERSION, sessionToken: 'old-token' });
    welcome(current(), 'new-token');
    expect(stored.get(TOKEN_KEY)).toBe('new-token');
    expect(client.ready).toBe(true);
    expect(log).toContain('welcome:new-token:disconnected');
    expect(log).toContain('link:open:0');
  });

  it('takes the welcome even when storage refuses to keep the token (Review 45: the tab waited for ever)', () => {
    const { client, current, welcome, log, stored } = setup();
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    stored.set = full;
    stored.get = full;
    client.start();
    current().serverOpen();
    expect(current().sentJson[0]).toEqual({ type: 'hello', protocolVersion: PROTOCOL_VERSION });
    welcome(current(), 'new-token');
    expect(client.ready).toBe(true);
    expect(log).toContain('welcome:new-token:disconnected');
  });

  it('holds requests until welcome, then correlates replies by id', async () => {
    const { client, current, welcome } = setup();
    client.start();
    const listing = client.request({ type: 'list' });
    current().serverOpen();
    expect(current().sentJson.map((m) => m.type)).toEqual(['hello']);
    welcome(current());
    const sent = current().lastRequest('list');
    expect(sent).toMatchObject({ type: 'list' });
    current().serverSend({ type: 'reply', id: sent?.id as number, ok: true, result: { path: '/', entries: [] } });
    await expect(listing).resolves.toEqual({ path: '/', entries: [] });
  });

  it('rejects with the server error', async () => {
    const { client, current, welcome } = setup();
    client.start();
    current().serverOpen();
    welcome(current());
    const p = client.request({ type: 'cd', path: '/nope' });
    const id = current().lastRequest('cd')?.id as number;
    current().serverSend({ type: 'reply', id, ok: false, error: { code: 'FTP_ERR_REPLY', message: '550', ftpCode: 550 } });
    await expect(p).rejects.toMatchObject({ code: 'FTP_ERR_REPLY' });
  });

  it('routes events to the sink and transfer events to subscribers', () => {
    const { client, current, welcome, log } = setup();
    client.start();
    current().serverOpen();
    welcome(current());
    const acks: number[] = [];
    client.transfers.subscribe(3, (e) => {
      if (e.type === 'upload-ack') acks.push(e.accepted);
    });
    current().serverSend({ type: 'transcript', lines: [] });
    current().serverSend({ type: 'upload-ack', transferId: 3, accepted: 4096 });
    expect(log).toContain('event:transcript');
    expect(acks).toEqual([4096]);
  });

  it('ends the transfers someone waits on when the socket is lost, so an upload resumes instead of waiting for ever', () => {
    const { client, current, welcome } = setup();
    client.start();
    current().serverOpen();
    welcome(current());
    const seen: unknown[] = [];
    const stop = client.watchTransfer(5, (e) => seen.push(e));
    client.watchTransfer(6, (e) => seen.push(e))();
    current().serverSend({ type: 'upload-ack', transferId: 5, accepted: 100 });
    // The server aborts the upload when the socket goes; its transfer-done can never arrive.
    current().serverClose();
    expect(seen).toEqual([
      { type: 'upload-ack', transferId: 5, accepted: 100 },
      { type: 'transfer-done', transferId: 5, ok: false, bytes: 0, error: { code: 'WEB_ERR_DISCONNECTED', message: expect.any(String), retryable: true } },
    ]);
    // Told once: a second loss says nothing more to it.
    stop();
    current().serverClose();
    expect(seen).toHaveLength(2);
  });

  it('fails pending requests on close and reconnects with backoff', async () => {
    vi.useFakeTimers();
    const { client, sockets, current, welcome, log } = setup();
    client.start();
    current().serverOpen();
    welcome(current());
    const p = client.request({ type: 'list' }).catch((e: RequestError) => e.code);
    current().serverClose();
    await expect(p).resolves.toBe('WEB_ERR_DISCONNECTED');
    expect(log).toContain('link:closed:0');
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(sockets).toHaveLength(2);
    current().serverOpen();
    expect(current().sentJson[0]).toMatchObject({ type: 'hello', sessionToken: 'tok-1' });
  });

  it('stops reconnecting after a protocol version error', () => {
    vi.useFakeTimers();
    const { client, sockets, current } = setup();
    client.start();
    current().serverOpen();
    current().serverSend({ type: 'error', error: { code: 'SRV_ERR_PROTOCOL_VERSION', message: 'old' } });
    current().serverClose();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });

  it('refuses binary frames while the link is down', () => {
    const { client } = setup();
    expect(client.sendBinary(new Uint8Array(1))).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('doubles up to the ceiling, with jitter between 50 and 100 %', () => {
    expect(backoffDelay(0, 500, 8000, () => 1)).toBe(500);
    expect(backoffDelay(3, 500, 8000, () => 1)).toBe(4000);
    expect(backoffDelay(10, 500, 8000, () => 1)).toBe(8000);
    expect(backoffDelay(10, 500, 8000, () => 0)).toBe(4000);
  });
});
