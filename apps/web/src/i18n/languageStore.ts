/**
 * The chosen language as a module-level store. Deliberately not zustand: the
 * insight components must work in any host (tests, a future embed) with only
 * React, and `useSyncExternalStore` needs nothing more than get + subscribe.
 */
import { LANGUAGES, translate, type Language, type MessageParams, type TranslatableKey } from './i18n.ts';

/** localStorage key of the persisted choice. */
export const LANGUAGE_STORAGE_KEY = 'ftpdeck.language';

/** Maps a BCP 47 tag to a shipped language: any Chinese → zh-CN, else English. */
export function languageFromTag(tag: string | undefined | null): Language {
  return tag && /^zh\b/i.test(tag) ? 'zh-CN' : 'en';
}

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function readStored(): Language | undefined {
  try {
    const v = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(v) ? v : undefined;
  } catch {
    // Storage can throw (privacy mode, sandboxed iframe): treat as "no choice".
    return undefined;
  }
}

/**
 * The language to start with: the persisted choice, else the browser's first
 * preferred language (zh* → zh-CN, anything else → en).
 */
export function detectLanguage(): Language {
  const stored = readStored();
  if (stored) return stored;
  const nav = globalThis.navigator;
  const first = nav?.languages?.[0] ?? nav?.language;
  return languageFromTag(first);
}

let current: Language | undefined;
const listeners = new Set<() => void>();

/** The active language (detected lazily on first use). */
export function getLanguage(): Language {
  current ??= detectLanguage();
  return current;
}

/** Switches language, persists the choice and notifies subscribers. */
export function setLanguage(lang: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // Not persisting is acceptable; the switch still applies to this tab.
  }
  if (current === lang) return;
  current = lang;
  for (const l of [...listeners]) l();
}

/** Subscribes to language changes; returns the unsubscribe function. */
export function subscribeLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forgets the in-memory choice so the next `getLanguage()` detects again. For tests. */
export function resetLanguageForTests(): void {
  current = undefined;
}

/** Renders a message in the active language, for code outside React (React code uses `useT()`). */
export function t(key: TranslatableKey, params?: MessageParams): string {
  return translate(getLanguage(), key, params);
}
