import { describe, expect, it } from 'vitest';
import { tabLabel, tabTokenStorage } from './siteTab.ts';

describe('siteTab', () => {
  it('keeps each tab’s session token apart; tab 1 keeps the plain key', () => {
    const m = new Map<string, string>();
    const base = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
    tabTokenStorage(base, '1').setItem('tok', 'a');
    tabTokenStorage(base, '2').setItem('tok', 'b');
    expect(m.get('tok')).toBe('a');
    expect(tabTokenStorage(base, '2').getItem('tok')).toBe('b');
    tabTokenStorage(base, '2').removeItem('tok');
    expect(m.has('tab2:tok')).toBe(false);
  });

  it('names a tab after its connection', () => {
    expect(tabLabel({ status: 'disconnected' })).toBe('');
    expect(tabLabel({ status: 'connected', host: 'h', port: 21, user: 'u' })).toBe('u@h');
    expect(tabLabel({ status: 'connected', host: 'h', port: 2121 })).toBe('h:2121');
  });
});
