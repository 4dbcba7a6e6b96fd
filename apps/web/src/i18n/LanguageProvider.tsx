/**
 * Optional wrapper: applies an initial language and keeps `<html lang>` in
 * step, which screen readers use to pick a voice. The store works without it.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { Language } from './i18n.ts';
import { setLanguage } from './languageStore.ts';
import { useLanguage } from './useT.ts';

/** Props of {@link LanguageProvider}. */
export interface LanguageProviderProps {
  /** Forces a language at mount (tests, embeds); omit to keep the detected one. */
  initial?: Language;
  children?: ReactNode;
}

/** Syncs the document language with the store. */
export function LanguageProvider({ initial, children }: LanguageProviderProps): ReactNode {
  // Applied once, during the first render, so children never flash the other language.
  useState(() => {
    if (initial) setLanguage(initial);
    return true;
  });
  const lang = useLanguage();
  useEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }, [lang]);
  return children;
}
