/**
 * The UI contract end-to-end tests rely on, checked in jsdom against a fake
 * WebSocket: labelled connect fields, the "Remote files" grid, the "Path"
 * navigation, the "Transcript" log, upload by the hidden input.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION, decodeUploadFrame, type ServerMessage } from '@ftpdeck/protocol';
import { createServices, type Services } from './api/services.ts';
import { FakeWebSocket } from './api/testing/FakeWebSocket.ts';
import { App } from './App.tsx';
import { TabScope } from './components/Tabs/TabScope.tsx';
import { createAppStore } from './store/index.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLElement;
let ws: FakeWebSocket;
let services: Services;

const byLabel = (text: string) => {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent === text);
  return label ? (document.getElementById(label.htmlFor) as HTMLInputElement) : null;
};
const button = (name: string) =>
  [...document.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name) ?? null;
const send = async (msg: ServerMessage) => act(async () => ws.serverSend(msg));
const reply = async (type: string, result: unknown) => {
  const req = ws.lastRequest(type);
  expect(req, `a ${type} request`).toBeDefined();
  await send({ type: 'reply', id: req?.id as number, ok: true, result } as ServerMessage);
};
const typeInto = (input: HTMLInputElement, value: string) => {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
};

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  host = document.createElement('div');
  document.body.append(host);
  // App reads the store of its tab, which is the one its services write into.
  services = createServices(createAppStore(), { url: 'ws://test/ws', createWebSocket: (url) => (ws = new FakeWebSocket(url)) });
});

afterEach(async () => {
  await act(async () => root.unmount());
  services.socket.stop();
  host.remove();
});

describe('App contract', () => {
  it('connects, lists, opens a folder, goes back by crumb, uploads, and shows the transcript', async () => {
    services.socket.start();
    root = createRoot(host);
    await act(async () =>
      root.render(
        <TabScope services={services} active>
          <App />
        </TabScope>,
      ),
    );
    await act(async () => ws.serverOpen());
    await send({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, sessionToken: 't', resumed: false, state: { status: 'disconnected' } });

    for (const label of ['Host', 'Port', 'Username', 'Password']) expect(byLabel(label), label).not.toBeNull();
    await act(async () => {
      typeInto(byLabel('Host') as HTMLInputElement, '127.0.0.1');
      typeInto(byLabel('Port') as HTMLInputElement, '2121');
      typeInto(byLabel('Username') as HTMLInputElement, 'demo');
      typeInto(byLabel('Password') as HTMLInputElement, 'secret');
    });
    await act(async () => button('Connect')?.click());
    expect(ws.lastRequest('connect')?.params).toMatchObject({ host: '127.0.0.1', port: 2121, user: 'demo', password: 'secret' });

    await send({ type: 'transcript', lines: [
      { seq: 1, time: 0, connection: 'browse', kind: 'command', text: 'USER demo' },
      { seq: 2, time: 1, connection: 'browse', kind: 'reply', text: '331 Please specify the password.', code: 331 },
      { seq: 3, time: 2, connection: 'browse', kind: 'command', text: 'PASS ****' },
      { seq: 4, time: 3, connection: 'browse', kind: 'reply', text: '230 Login successful.', code: 230 },
    ] });
    await reply('connect', { cwd: '/', state: { status: 'connected', host: '127.0.0.1', port: 2121, user: 'demo' } });
    await reply('list', { path: '/', entries: [{ name: 'readme.txt', type: 'file', size: 5 }, { name: 'docs', type: 'dir' }] });

    const grid = document.querySelector('[role="grid"][aria-label="Remote files"]');
    expect(grid).not.toBeNull();
    const rows = [...(grid?.querySelectorAll('[role="rowgroup"] .fl-canvas [role="row"]') ?? [])];
    expect(rows.map((r) => r.querySelector('.fl-name-text')?.textContent)).toEqual(['docs', 'readme.txt']);

    const log = document.querySelector('[role="log"][aria-label="Transcript"]');
    // The transcript redraws at most once per frame (and every 100 ms), so it shows its lines a moment later.
    await vi.waitFor(() =>
      expect([...(log?.querySelectorAll('.tp-text') ?? [])].map((e) => e.textContent)).toEqual([
        'USER demo',
        '331 Please specify the password.',
        'PASS ****',
        '230 Login successful.',
      ]),
    );

    // Double-click a folder row opens it (cd, then list).
    await act(async () => rows[0]?.dispatchEvent(new MouseEvent('dblclick', { bubbles: true })));
    expect(ws.lastRequest('cd')?.path).toBe('/docs');
    await reply('cd', { cwd: '/docs' });
    await reply('list', { path: '/docs', entries: [{ name: 'guide.txt', type: 'file', size: 3 }] });
    const nav = document.querySelector('nav[aria-label="Path"]');
    const crumbs = [...(nav?.querySelectorAll('.pb-crumbs button, button.pb-edit') ?? [])];
    expect(crumbs.map((b) => b.textContent)).toEqual(['/', 'docs', '']);
    await act(async () => (crumbs[0] as HTMLButtonElement).click());
    expect(ws.lastRequest('cd')?.path).toBe('/');

    // Upload through the hidden input: upload-start, then binary frames with the bytes.
    const input = document.querySelector('input[type="file"][aria-label="Upload files"]') as HTMLInputElement;
    expect(input.multiple).toBe(true);
    const bytes = new TextEncoder().encode('hello upload');
    const file = { name: 'up.txt', size: bytes.byteLength, slice: (a: number, b: number) => ({ arrayBuffer: async () => bytes.slice(a, b).buffer }) };
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await act(async () => input.dispatchEvent(new Event('change', { bubbles: true })));
    // The name check lists the target folder fresh before anything is sent.
    expect(ws.lastRequest('list')).toMatchObject({ path: '/docs' });
    await reply('list', { path: '/docs', entries: [{ name: 'guide.txt', type: 'file', size: 3 }] });
    expect(ws.lastRequest('upload-start')).toMatchObject({ path: '/docs/up.txt', size: bytes.byteLength, mode: 'overwrite' });
    await reply('upload-start', { transferId: 9, offset: 0, window: 1 << 20 });
    await act(async () => new Promise((r) => setTimeout(r, 20)));
    const frame = decodeUploadFrame(ws.sentBinary[0] as Uint8Array);
    expect(frame?.transferId).toBe(9);
    expect(new TextDecoder().decode(frame?.payload)).toBe('hello upload');
    await send({ type: 'transfer-done', transferId: 9, ok: true, bytes: bytes.byteLength, verified: true });
    await act(async () => new Promise((r) => setTimeout(r, 200)));
    expect(document.querySelector('.tq-item.is-done .tq-name')?.textContent).toBe('up.txt');
  });
});
