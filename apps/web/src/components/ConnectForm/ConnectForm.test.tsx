import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n/languageStore.ts';
import { createServices } from '../../api/services.ts';
import { FakeWebSocket } from '../../api/testing/FakeWebSocket.ts';
import { componentTestHooks } from '../../insight/testing/render.tsx';
import { createAppStore } from '../../store/index.ts';
import { TabScope } from '../Tabs/TabScope.tsx';
import { ConnectForm } from './ConnectForm.tsx';

describe('ConnectForm', () => {
  const mount = componentTestHooks();

  it('marks a missing host, and the message follows a language switch', () => {
    // A tab of its own; its socket is never started, since a missing host never reaches it.
    const services = createServices(createAppStore(), { url: 'ws://test/ws', createWebSocket: (url) => new FakeWebSocket(url) });
    const view = mount(
      <TabScope services={services} active>
        <ConnectForm />
      </TabScope>,
    );
    const form = view.container.querySelector('form');
    act(() => form?.requestSubmit());
    expect(view.container.querySelector('[role="alert"]')?.textContent).toBe('Enter a host name');
    const host = view.container.querySelector('input[autocomplete="url"]');
    expect(host?.getAttribute('aria-invalid')).toBe('true');

    act(() => setLanguage('zh-CN'));
    expect(view.container.querySelector('[role="alert"]')?.textContent).not.toBe('Enter a host name');
    expect(host?.getAttribute('aria-invalid')).toBe('true');
  });
});
