/** React bindings of the language store. */
import { useMemo, useSyncExternalStore } from 'react';
import { translator, type Language, type Translate } from './i18n.ts';
import { getLanguage, setLanguage, subscribeLanguage } from './languageStore.ts';

/** The active language; re-renders on change. */
export function useLanguage(): Language {
  // The server snapshot is the store too: detection copes with a missing navigator and storage.
  return useSyncExternalStore(subscribeLanguage, getLanguage, getLanguage);
}

/** A translator for the active language; its identity changes only when the language does. */
export function useT(): Translate {
  const lang = useLanguage();
  return useMemo(() => translator(lang), [lang]);
}

/** `[language, setLanguage]`, for switchers and settings. */
export function useLanguageState(): readonly [Language, (lang: Language) => void] {
  return [useLanguage(), setLanguage] as const;
}
