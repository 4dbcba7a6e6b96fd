import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n/languageStore.ts';
import { componentTestHooks } from '../../insight/testing/render.tsx';
import { ConnectForm } from './ConnectForm.tsx';

describe('ConnectForm', () => {
  const mount = componentTestHooks();

  it('marks a missing host, and the message follows a language switch', () => {
    const view = mount(<ConnectForm />);
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
