/**
 * The message catalogs and a tiny translator. No library: the UI needs `{name}`
 * interpolation and one/other plurals, nothing an ICU runtime would add value to.
 * Catalogs are flat JSON objects (`"reply.550.title": "…"`) so that the key type
 * is simply `keyof` the English catalog and parity is a set comparison.
 */
import en from './en.json';
import zhCN from './zh-CN.json';

/** Languages FTP Deck ships. */
export type Language = 'en' | 'zh-CN';

/** All shipped languages, in menu order. */
export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

/** Every message key; the English catalog is the reference. */
export type MessageKey = keyof typeof en;

/** Keys that exist as `<base>_one` / `<base>_other` pairs, named by their base. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_other` ? Base : never;
}[MessageKey];

/** What `t` accepts: a message key or the base of a plural pair. */
export type TranslatableKey = MessageKey | PluralKey;

/** Interpolation values; `count` also selects the plural form. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** A bound translator, as returned by `useT()`. */
export interface Translate {
  (key: TranslatableKey, params?: MessageParams): string;
  /** The language this translator renders. */
  readonly lang: Language;
}

/** The catalogs by language, typed loosely for dynamic lookups. */
export const CATALOGS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  en,
  'zh-CN': zhCN,
};

const pluralRules = new Map<Language, Intl.PluralRules>();

function pluralCategory(lang: Language, count: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return rules.select(count);
}

/** True when `key` names a message (or a plural pair), for keys built at run time. */
export function isMessageKey(key: string): key is TranslatableKey {
  return key in en || `${key}_other` in en;
}

function lookup(lang: Language, key: string, params: MessageParams | undefined): string | undefined {
  const catalog = CATALOGS[lang];
  const count = params?.['count'];
  if (typeof count === 'number') {
    const plural = catalog[`${key}_${pluralCategory(lang, count)}`] ?? catalog[`${key}_other`];
    if (plural !== undefined) return plural;
  }
  return catalog[key] ?? catalog[`${key}_other`];
}

/** Replaces `{name}` with `params.name`; unknown placeholders stay visible so a gap is noticed, not hidden. */
export function interpolate(template: string, params: MessageParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * Renders one message in `lang`. Falls back to English, then to the key itself,
 * so a missing translation degrades to readable text rather than a crash.
 */
export function translate(lang: Language, key: TranslatableKey | string, params?: MessageParams): string {
  const template = lookup(lang, key, params) ?? lookup('en', key, params) ?? key;
  return interpolate(template, params);
}

/** Builds a translator bound to one language. */
export function translator(lang: Language): Translate {
  const fn = (key: TranslatableKey, params?: MessageParams): string => translate(lang, key, params);
  return Object.assign(fn, { lang });
}
