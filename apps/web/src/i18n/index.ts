/**
 * @packageDocumentation
 * Internationalisation of the web UI: catalogs (en, zh-CN), `t`, the language
 * store and its React bindings.
 */
export * from './i18n.ts';
export * from './languageStore.ts';
export * from './useT.ts';
export { LanguageProvider, type LanguageProviderProps } from './LanguageProvider.tsx';
export { LanguageSwitcher, type LanguageSwitcherProps } from './LanguageSwitcher.tsx';
