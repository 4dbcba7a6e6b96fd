import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type SessionState } from '@ftpdeck/protocol';
import { createServices, type Services } from '../../api/services.ts';
import { FakeWebSocket } from '../../api/testing/FakeWebSocket.ts';
import { setLanguage } from '../../i18n/languageStore.ts';
import { componentTestHooks, getByLabelText } from '../../insight/testing/render.tsx';
import { createAppStore } from '../../store/index.ts';
import { LAST_SITE_KEY } from '../ConnectForm/connectFields.ts';
import { ConnectForm } from '../ConnectForm/ConnectForm.tsx';
import { TabScope } from '../Tabs/TabScope.tsx';
import { CharsetOffer } from './CharsetOffer.tsx';

const GBK_SESSION: SessionState = { status: 'connected', host: 'ftp.example.com', port: 21, encoding: 'auto', guessedCharset: 'gb18030', cwd: '/' };

describe('CharsetOffer', () => {
  const mount = componentTestHooks();
  let services: Services | undefined;
  afterEach(async () => {
    await act(async () => services?.socket.stop());
    services = undefined;
    localStorage.clear();
    act(() => setLanguage('en'));
  });

  /** The offer and the connect form in one tab whose server says `state`. */
  const tab = (state: SessionState) => {
    let ws: FakeWebSocket | undefined;
    localStorage.setItem(LAST_SITE_KEY, JSON.stringify({ host: 'ftp.example.com', encoding: 'auto' }));
    services = createServices(createAppStore(), { url: 'ws://test/ws', createWebSocket: (url) => (ws = new FakeWebSocket(url)) });
    services.socket.start();
    const view = mount(
      <TabScope services={services} active>
        <ConnectForm />
        <CharsetOffer />
      </TabScope>,
    );
    const socket = ws as unknown as FakeWebSocket;
    act(() => socket.serverOpen());
    act(() => socket.serverSend({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, sessionToken: 't', resumed: true, state }));
    const offer = () => view.container.querySelector('[role="region"]');
    const button = (name: string) => [...(offer()?.querySelectorAll('button') ?? [])].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);
    return { view, socket, offer, button };
  };

  it('offers the guessed charset, switches with set-encoding, and the connect form follows', async () => {
    const { view, socket, offer, button } = tab(GBK_SESSION);
    expect(offer()?.textContent).toContain('Some file names on this server are not UTF-8. They read correctly as Chinese (GB18030).');
    await act(async () => button('Show names as Chinese (GB18030)')?.click());
    const sent = socket.lastRequest('set-encoding');
    expect(sent).toMatchObject({ encoding: 'gb18030' });
    // No password travels for the switch: the server reuses the connection's own.
    expect(JSON.stringify(sent)).not.toContain('password');
    await act(async () =>
      socket.serverSend({ type: 'reply', id: sent!.id as number, ok: true, result: { cwd: '/', state: { ...GBK_SESSION, encoding: 'gb18030', guessedCharset: undefined } } }),
    );
    expect(offer()).toBeNull();
    expect((getByLabelText(view.container, 'Encoding') as HTMLSelectElement).value).toBe('gb18030');
    expect(JSON.parse(localStorage.getItem(LAST_SITE_KEY) ?? '{}')).toMatchObject({ host: 'ftp.example.com', encoding: 'gb18030' });
  });

  it('can be dismissed, and speaks Chinese', () => {
    const { offer, button } = tab(GBK_SESSION);
    act(() => setLanguage('zh-CN'));
    expect(offer()?.textContent).toContain('按简体中文（GB18030）显示文件名');
    act(() => button('忽略')?.click());
    expect(offer()).toBeNull();
  });

  it('offers nothing for UTF-8 names, a charset the form lacks, or a session with a chosen encoding', async () => {
    for (const state of [
      { ...GBK_SESSION, guessedCharset: 'utf-8' },
      { ...GBK_SESSION, guessedCharset: 'iso-2022-jp' },
      { ...GBK_SESSION, encoding: 'gbk' },
      { ...GBK_SESSION, status: 'reconnecting' as const },
    ]) {
      const { offer } = tab(state);
      expect(offer(), JSON.stringify(state)).toBeNull();
      await act(async () => services?.socket.stop());
    }
  });
});
