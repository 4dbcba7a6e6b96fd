import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';
import enText from './en.json?raw';
import zhCNText from './zh-CN.json?raw';
import { CATALOGS, LANGUAGES, interpolate, isMessageKey, translate, translator } from './i18n.ts';
import {
  LANGUAGE_STORAGE_KEY,
  detectLanguage,
  getLanguage,
  languageFromTag,
  resetLanguageForTests,
  setLanguage,
  subscribeLanguage,
  t,
} from './languageStore.ts';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('catalogs', () => {
  const catalogs: Record<string, Record<string, string>> = { en, 'zh-CN': zhCN };

  it('have exactly the same keys in every language', () => {
    const reference = new Set(Object.keys(en));
    for (const [lang, catalog] of Object.entries(catalogs)) {
      const keys = new Set(Object.keys(catalog));
      const missing = [...reference].filter((k) => !keys.has(k));
      const extra = [...keys].filter((k) => !reference.has(k));
      expect({ lang, missing, extra }).toEqual({ lang, missing: [], extra: [] });
    }
  });

  it('name each key once in the file: JSON keeps the last of two, so an edit to the first would vanish', () => {
    for (const [lang, text] of [['en', enText], ['zh-CN', zhCNText]] as const) {
      const keys = [...text.matchAll(/^\s*"((?:[^"\\]|\\.)*)"\s*:/gm)].map((m) => m[1]);
      const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
      expect({ lang, twice }).toEqual({ lang, twice: [] });
    }
  });

  it('have no empty values', () => {
    for (const [lang, catalog] of Object.entries(catalogs)) {
      const empty = Object.entries(catalog).filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
      expect({ lang, empty }).toEqual({ lang, empty: [] });
    }
  });

  it('use the same placeholders in every language', () => {
    const mismatched = Object.keys(en).filter(
      (k) => placeholders((en as Record<string, string>)[k] ?? '').join() !== placeholders((zhCN as Record<string, string>)[k] ?? '').join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('keep plural pairs complete (_one has _other)', () => {
    const orphans = Object.keys(en).filter((k) => k.endsWith('_one') && !(`${k.slice(0, -4)}_other` in en));
    expect(orphans).toEqual([]);
  });

  it('keep the Foundation UI accessible names exactly', () => {
    const names: Record<string, string> = {
      'ui.host': 'Host',
      'ui.port': 'Port',
      'ui.username': 'Username',
      'ui.password': 'Password',
      'ui.connect': 'Connect',
      'ui.upload': 'Upload',
      'ui.remoteFiles': 'Remote files',
      'ui.path': 'Path',
      'ui.transcript': 'Transcript',
      'ui.transfers': 'Transfers',
      'ui.newFolder': 'New folder',
      'ui.disconnect': 'Disconnect',
      'console.label': 'FTP command',
      'language.label': 'Language',
    };
    for (const [k, v] of Object.entries(names)) expect(translate('en', k, undefined)).toBe(v);
    expect(translate('zh-CN', 'language.label')).toBe('语言');
    expect(LANGUAGES).toEqual(Object.keys(CATALOGS));
  });
});

describe('t', () => {
  it('interpolates {name} and leaves unknown placeholders visible', () => {
    expect(interpolate('Delete {name}?', { name: 'a.txt' })).toBe('Delete a.txt?');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translate('zh-CN', 'ui.confirmDelete', { name: 'a.txt' })).toBe('删除 a.txt？');
  });

  it('picks plural forms by count', () => {
    const t = translator('en');
    expect(t('ui.items', { count: 1 })).toBe('1 item');
    expect(t('ui.items', { count: 0 })).toBe('0 items');
    expect(t('ui.items', { count: 5 })).toBe('5 items');
    expect(translator('zh-CN')('ui.items', { count: 1 })).toBe('1 项');
  });

  it('falls back to the key for unknown messages', () => {
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
    expect(isMessageKey('ui.items')).toBe(true);
    expect(isMessageKey('no.such.key')).toBe(false);
  });
});

describe('language store', () => {
  beforeEach(() => {
    localStorage.clear();
    resetLanguageForTests();
  });
  afterEach(() => {
    localStorage.clear();
    resetLanguageForTests();
  });

  it('maps browser tags: zh* → zh-CN, else en', () => {
    expect(languageFromTag('zh')).toBe('zh-CN');
    expect(languageFromTag('zh-TW')).toBe('zh-CN');
    expect(languageFromTag('ZH-hans-CN')).toBe('zh-CN');
    expect(languageFromTag('en-GB')).toBe('en');
    expect(languageFromTag('de')).toBe('en');
    expect(languageFromTag(undefined)).toBe('en');
  });

  it('prefers the persisted choice over the browser language', () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'zh-CN');
    expect(detectLanguage()).toBe('zh-CN');
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'klingon');
    expect(detectLanguage()).toBe(languageFromTag(navigator.language));
  });

  it('persists and notifies on change', () => {
    const seen: string[] = [];
    const off = subscribeLanguage(() => seen.push(getLanguage()));
    setLanguage('zh-CN');
    setLanguage('zh-CN');
    setLanguage('en');
    off();
    setLanguage('zh-CN');
    expect(seen).toEqual(['zh-CN', 'en']);
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
  });
});

describe('t (active language)', () => {
  afterEach(() => resetLanguageForTests());
  it('follows the store', () => {
    setLanguage('zh-CN');
    expect(t('ui.upload')).toBe('上传');
    setLanguage('en');
    expect(t('ui.upload')).toBe('Upload');
  });
});
