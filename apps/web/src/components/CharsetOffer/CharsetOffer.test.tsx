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

/** 测试.txt in GBK as the engine hands it over under auto: each byte kept as an escape (U+DC00 + byte). */
const GBK_TEST = '\udcb2\udce2\udcca\udcd4.txt';
/** Документы.txt in Windows-1251, the same way (the engine's guess for such names is cp1252). */
const CP1251_DOCS = '\udcc4\udcee\udcea\udcf3\udcec\udce5\udced\udcf2\udcfb.txt';

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
  const tab = (state: SessionState, names: string[] = [GBK_TEST, 'plain.txt']) => {
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
    act(() => {
      const store = services!.store.getState();
      store.listLoaded(store.beginList(), '/', names.map((name) => ({ name, type: 'file' as const })));
    });
    const offer = () => view.container.querySelector('[role="region"]');
    const button = (name: string) => [...(offer()?.querySelectorAll('button') ?? [])].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);
    return { view, socket, offer, button };
  };

  it('offers the guessed charset, switches with set-encoding, and the connect form follows', async () => {
    const { view, socket, offer, button } = tab(GBK_SESSION);
    expect(offer()?.textContent).toContain('Some file names here are not UTF-8. Read as Chinese (GB18030), they would be:测试.txt');
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
    // The last site a new tab starts from keeps its own setting: the choice was for this server.
    expect(JSON.parse(localStorage.getItem(LAST_SITE_KEY) ?? '{}')).toMatchObject({ host: 'ftp.example.com', encoding: 'auto' });
  });

  it('can be dismissed, and speaks Chinese', () => {
    const { offer, button } = tab(GBK_SESSION);
    act(() => setLanguage('zh-CN'));
    expect(offer()?.textContent).toContain('按简体中文（GB18030）解读，它们会显示为：测试.txt');
    expect(offer()?.textContent).toContain('按简体中文（GB18030）显示文件名');
    act(() => button('忽略')?.click());
    expect(offer()).toBeNull();
  });

  it('shows what a wrong guess would give, so the user can see it before switching', () => {
    const { offer } = tab({ ...GBK_SESSION, guessedCharset: 'cp1252' }, [CP1251_DOCS]);
    expect(offer()?.textContent).toContain('Read as Windows-1252, they would be:Äîêóìåíòû.txt');
  });

  it('offers nothing in a folder without legacy names, or one that also has UTF-8 names the switch would garble', async () => {
    for (const names of [['plain.txt', '统一码.txt'], [GBK_TEST, '统一码.txt']]) {
      const { offer } = tab(GBK_SESSION, names);
      expect(offer(), names.join(' ')).toBeNull();
      await act(async () => services?.socket.stop());
    }
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
