/** A labelled select that switches the UI language. */
import { useId, type ReactNode } from 'react';
import { LANGUAGES, type Language } from './i18n.ts';
import { useLanguageState, useT } from './useT.ts';

/** Each language named in itself, so a reader can find theirs whatever is active. */
const NATIVE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

/** Props of {@link LanguageSwitcher}. */
export interface LanguageSwitcherProps {
  className?: string;
}

/** `<label>Language <select>…</select></label>`, "语言" in Chinese. */
export function LanguageSwitcher({ className }: LanguageSwitcherProps): ReactNode {
  const t = useT();
  const [lang, setLang] = useLanguageState();
  const id = useId();
  return (
    <span className={className ?? 'fd-language-switcher'}>
      <label htmlFor={id}>{t('language.label')}</label>{' '}
      <select
        id={id}
        value={lang}
        onChange={(e) => {
          const next = LANGUAGES.find((l) => l === e.target.value);
          if (next) setLang(next);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {NATIVE_NAMES[l]}
          </option>
        ))}
      </select>
    </span>
  );
}
