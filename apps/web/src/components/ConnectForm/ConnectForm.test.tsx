import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@ftpdeck/protocol';
import { setLanguage } from '../../i18n/languageStore.ts';
import { createServices } from '../../api/services.ts';
import { FakeWebSocket } from '../../api/testing/FakeWebSocket.ts';
import { componentTestHooks, getByLabelText, typeInto } from '../../insight/testing/render.tsx';
import { createAppStore } from '../../store/index.ts';
import { TabScope } from '../Tabs/TabScope.tsx';
import { ConnectForm } from './ConnectForm.tsx';
import { LAST_SITE_KEY } from './connectFields.ts';
import type { Services } from '../../api/services.ts';

describe('ConnectForm', () => {
  const mount = componentTestHooks();

  /** A form in a tab of its own whose socket is never started: the checks here never reach it. */
  const offlineForm = () => {
    const services = createServices(createAppStore(), { url: 'ws://test/ws', createWebSocket: (url) => new FakeWebSocket(url) });
    return mount(
      <TabScope services={services} active>
        <ConnectForm />
      </TabScope>,
    );
  };

  it('marks a missing host, and the message follows a language switch', () => {
    const view = offlineForm();
    const form = view.container.querySelector('form');
    act(() => form?.requestSubmit());
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe('Enter a host name');
    const host = view.container.querySelector('input[autocomplete="url"]');
    expect(host?.getAttribute('aria-invalid')).toBe('true');

    act(() => setLanguage('zh-CN'));
    expect(view.container.querySelector('[role="alert"]')?.textContent).not.toBe('Enter a host name');
    expect(host?.getAttribute('aria-invalid')).toBe('true');
  });

  it('says a bad port under the port field, marks and focuses it, and stops saying it once the port is edited', () => {
    const view = offlineForm();
    const host = view.container.querySelector<HTMLInputElement>('input[autocomplete="url"]')!;
    const port = view.container.querySelector<HTMLInputElement>('input[inputmode="numeric"]')!;
    typeInto(host, 'ftp.example.com');
    typeInto(port, '99999');
    act(() => view.container.querySelector('form')?.requestSubmit());
    const alert = view.container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('Port must be between 1 and 65535');
    // Under the port field, tied to it, and the field is where the user is sent.
    expect(port.parentElement?.contains(alert ?? null)).toBe(true);
    expect(port.getAttribute('aria-invalid')).toBe('true');
    expect(port.getAttribute('aria-describedby')).toBe(alert?.id);
    expect(host.getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(port);
    typeInto(port, '2121');
    expect(view.container.querySelector('[role="alert"]')).toBeNull();
    expect(port.getAttribute('aria-invalid')).toBeNull();
    // Fixed some other way (here: a pasted ftp:// URL that sets the port on blur), it goes too.
    typeInto(port, '0');
    act(() => view.container.querySelector('form')?.requestSubmit());
    expect(view.container.querySelector('[role="alert"]')).not.toBeNull();
    typeInto(host, 'ftp://ftp.example.com:2121');
    act(() => host.dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    expect(port.value).toBe('2121');
    expect(view.container.querySelector('[role="alert"]')).toBeNull();
  });

  describe('server time zone', () => {
    let services: Services | undefined;
    afterEach(async () => {
      // Still mounted here: stopping fails the pending connects, which updates the store.
      await act(async () => services?.socket.stop());
      services = undefined;
      localStorage.clear();
    });

    /** A form whose tab socket is open and welcomed, so a connect request goes out at once. */
    const connectedForm = () => {
      let ws: FakeWebSocket | undefined;
      services = createServices(createAppStore(), { url: 'ws://test/ws', createWebSocket: (url) => (ws = new FakeWebSocket(url)) });
      services.socket.start();
      const view = mount(
        <TabScope services={services} active>
          <ConnectForm />
        </TabScope>,
      );
      const socket = ws as unknown as FakeWebSocket;
      act(() => socket.serverOpen());
      act(() =>
        socket.serverSend({ type: 'welcome', protocolVersion: PROTOCOL_VERSION, sessionToken: 't', resumed: false, state: { status: 'disconnected' } }),
      );
      const zone = getByLabelText(view.container, 'Server time zone') as HTMLSelectElement;
      const choose = (value: string) =>
        act(() => {
          zone.value = value;
          zone.dispatchEvent(new Event('change', { bubbles: true }));
        });
      // Async act: the submit handler and the request it sends settle inside it.
      const connectParams = async () => {
        await act(async () => view.container.querySelector('form')?.requestSubmit());
        return socket.lastRequest('connect')?.params as Record<string, unknown> | undefined;
      };
      typeInto(getByLabelText(view.container, 'Host') as HTMLInputElement, 'ftp.example.com');
      return { view, zone, choose, connectParams };
    };

    it('offers automatic and fixed offsets, explained by a hint', () => {
      const { zone } = connectedForm();
      const labels = [...zone.options].map((o) => o.textContent);
      expect(labels[0]).toBe('Automatic (compare with MDTM)');
      expect(zone.value).toBe('auto');
      expect(labels[1]).toBe('UTC-12:00');
      expect(labels.at(-1)).toBe('UTC+14:00');
      for (const odd of ['UTC-09:30', 'UTC-03:30', 'UTC+03:30', 'UTC+04:30', 'UTC+05:30', 'UTC+05:45', 'UTC+06:30', 'UTC+08:45', 'UTC+09:30', 'UTC+10:30', 'UTC+12:45', 'UTC+13:45'])
        expect(labels).toContain(odd);
      const hint = document.getElementById(zone.getAttribute('aria-describedby') ?? '');
      expect(hint?.textContent).toContain('MDTM');
    });

    it('sends the chosen offset in minutes, and nothing for Automatic', async () => {
      const { choose, connectParams } = connectedForm();
      choose('480');
      expect(await connectParams()).toMatchObject({ host: 'ftp.example.com', serverTimezone: 480 });
      choose('-210');
      expect(await connectParams()).toMatchObject({ serverTimezone: -210 });
      choose('auto');
      expect(await connectParams()).not.toHaveProperty('serverTimezone');
    });

    it('starts from the last site used, time zone included', async () => {
      localStorage.setItem(LAST_SITE_KEY, JSON.stringify({ host: 'ftp.example.com', serverTimezone: 525 }));
      const { zone, connectParams } = connectedForm();
      expect(zone.value).toBe('525');
      expect(await connectParams()).toMatchObject({ serverTimezone: 525 });
    });

    it('keeps the choice in a saved site and restores it', async () => {
      const { view, zone, choose, connectParams } = connectedForm();
      choose('480');
      const button = (name: string) =>
        [...view.container.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);
      act(() => button('Sites')?.click());
      act(() => button('Save site')?.click());
      choose('auto');
      expect(await connectParams()).not.toHaveProperty('serverTimezone');
      act(() => button('Sites')?.click());
      act(() => button('ftp.example.com')?.click());
      expect(zone.value).toBe('480');
      expect(await connectParams()).toMatchObject({ serverTimezone: 480 });
    });
  });
});
