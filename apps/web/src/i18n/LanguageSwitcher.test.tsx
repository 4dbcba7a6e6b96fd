import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getByLabelText, render } from '../insight/testing/render.tsx';
import { LanguageProvider } from './LanguageProvider.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { LANGUAGE_STORAGE_KEY, resetLanguageForTests } from './languageStore.ts';

describe('LanguageSwitcher', () => {
  beforeEach(() => {
    localStorage.clear();
    resetLanguageForTests();
  });
  afterEach(() => resetLanguageForTests());

  it('switches the UI language, the label and <html lang>, and persists the choice', () => {
    const r = render(
      <LanguageProvider initial="en">
        <LanguageSwitcher />
      </LanguageProvider>,
    );
    const select = getByLabelText(r.container, 'Language') as HTMLSelectElement;
    expect(select.value).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    act(() => {
      select.value = 'zh-CN';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(getByLabelText(r.container, '语言')).toBe(select);
    expect(select.value).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
    r.unmount();
  });
});
