/**
 * The delete confirmation on a server that lists names only: an `unknown`
 * entry is asked about (`stat`) before anything else, and a folder is then
 * planned, shown and removed as one (RMD, recursively), not sent as a DELE
 * the server would refuse.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type ServerMessage } from '@ftpdeck/protocol';
import { createServices, type Services } from '../../api/services.ts';
import { FakeWebSocket } from '../../api/testing/FakeWebSocket.ts';
import { createAppStore } from '../../store/index.ts';
import { TabScope } from '../Tabs/TabScope.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLElement;
let ws: FakeWebSocket;
let services: Services;

const send = async (msg: ServerMessage) => act(async () => ws.serverSend(msg));
const reply = async (type: string, result: unknown) => {
  const req = ws.lastRequest(type);
  expect(req, `a ${type} request`).toBeDefined();
  await send({ type: 'reply', id: req?.id as number, ok: true, result } as ServerMessage);
};
const deleteButton = () => [...document.querySelectorAll('button')].find((b) => /^Delete/.test(b.textContent ?? '')) as HTMLButtonElement;

beforeEach(async () => {
  host = document.createElement('div');
  document.body.append(host);
  const store = createAppStore();
  store.setState({ cwd: '/top' });
  services = createServices(store, { url: 'ws://test/ws', createWebSocket: (url) => (ws = new FakeWebSocket(url)) });
  services.socket.start();
  await act(async () => ws.serverOpen());
  await send({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, sessionToken: 't', resumed: false, state: { status: 'connected' } });
  root = createRoot(host);
});

afterEach(async () => {
  await act(async () => root.unmount());
  services.socket.stop();
  host.remove();
});

describe('DeleteDialog with names of unknown type', () => {
  it('asks what each one is, then plans, shows and removes a folder as a folder', async () => {
    await act(async () =>
      root.render(
        <TabScope services={services} active>
          <DeleteDialog entries={[{ name: 'sub', type: 'unknown' }, { name: 'a.txt', type: 'unknown' }]} onClose={() => undefined} />
        </TabScope>,
      ),
    );
    // Nothing can be confirmed before both names are settled.
    expect(deleteButton().disabled).toBe(true);
    const asked = ws.sentJson.filter((m) => m.type === 'stat').map((m) => m.path);
    expect(asked).toEqual(['/top/sub', '/top/a.txt']);
    const stats = ws.sentJson.filter((m) => m.type === 'stat');
    await send({ type: 'reply', id: stats[0]?.id as number, ok: true, result: { entry: { name: 'sub', type: 'dir' } } } as ServerMessage);
    await send({ type: 'reply', id: stats[1]?.id as number, ok: true, result: { entry: { name: 'a.txt', type: 'unknown' } } } as ServerMessage);

    // The folder is looked into, as any folder is.
    expect(ws.lastRequest('list')?.path).toBe('/top/sub');
    await reply('list', { path: '/top/sub', entries: [{ name: 'b.bin', type: 'unknown' }] });
    expect(document.body.textContent).toContain('sub');
    expect(document.querySelector('.del-note')?.textContent).toBeTruthy();

    await act(async () => deleteButton().click());
    const removes = ws.sentJson.filter((m) => m.type === 'remove');
    expect(removes[0]).toMatchObject({ path: '/top/sub', dir: true, recursive: true });
  });
});
