import { describe, expect, it } from 'vitest';
import { EMPTY_FIELDS, type ConnectFields } from '../components/ConnectForm/connectFields.ts';
import { SAVED_SITES_KEY, defaultSiteName, deleteSite, listSites, saveSite, siteToFields, type SiteStorage } from './savedSites.ts';

function memoryStorage(): SiteStorage & { raw: () => string | null } {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    raw: () => data.get(SAVED_SITES_KEY) ?? null,
  };
}

const form: ConnectFields = { ...EMPTY_FIELDS, host: 'ftp.example.com', port: '2121', user: 'alice', password: 's3cret', secure: 'explicit', encoding: 'gbk' };

describe('savedSites', () => {
  it('never stores the password unless asked', () => {
    const storage = memoryStorage();
    saveSite(form, 'work', false, storage);
    expect(storage.raw()).not.toContain('s3cret');
    const [site] = listSites(storage);
    expect(site).toEqual({ name: 'work', host: 'ftp.example.com', port: '2121', secure: 'explicit', dataMode: 'passive', encoding: 'gbk', user: 'alice', anonymous: false });
    expect(siteToFields(site!)).toEqual({ ...form, password: '' });
  });

  it('stores the password when asked, and gives it back', () => {
    const storage = memoryStorage();
    saveSite(form, 'work', true, storage);
    expect(JSON.parse(storage.raw() ?? '[]')[0].password).toBe('s3cret');
    expect(siteToFields(listSites(storage)[0]!)).toEqual(form);
  });

  it('keeps the account like the password (only when asked), and the virtual-host choice always', () => {
    const withAcct: ConnectFields = { ...form, account: 'acct-1', virtualHost: true };
    const storage = memoryStorage();
    saveSite(withAcct, 'work', false, storage);
    expect(storage.raw()).not.toContain('acct-1');
    expect(siteToFields(listSites(storage)[0]!)).toEqual({ ...withAcct, password: '', account: '' });
    saveSite(withAcct, 'work', true, storage);
    expect(siteToFields(listSites(storage)[0]!)).toEqual(withAcct);
  });

  it('keeps no password for anonymous logins even when asked', () => {
    const storage = memoryStorage();
    saveSite({ ...form, anonymous: true }, '', true, storage);
    const [site] = listSites(storage);
    expect(site?.name).toBe('anonymous@ftp.example.com');
    expect(site && 'password' in site).toBe(false);
  });

  it('replaces a site of the same name in place, and deletes by name', () => {
    const storage = memoryStorage();
    saveSite(form, 'a', true, storage);
    saveSite({ ...form, host: 'b.example' }, 'b', false, storage);
    saveSite({ ...form, host: 'a2.example' }, 'a', false, storage);
    expect(listSites(storage).map((s) => [s.name, s.host, s.password])).toEqual([
      ['a', 'a2.example', undefined],
      ['b', 'b.example', undefined],
    ]);
    expect(storage.raw()).not.toContain('s3cret');
    expect(deleteSite('a', storage).map((s) => s.name)).toEqual(['b']);
    expect(listSites(storage).map((s) => s.name)).toEqual(['b']);
  });

  it('names a site user@host by default and survives damaged storage', () => {
    expect(defaultSiteName(form)).toBe('alice@ftp.example.com');
    expect(defaultSiteName({ ...form, user: '' })).toBe('ftp.example.com');
    const storage = memoryStorage();
    storage.setItem(SAVED_SITES_KEY, '{not json');
    expect(listSites(storage)).toEqual([]);
    storage.setItem(SAVED_SITES_KEY, JSON.stringify([{ name: 'ok', host: 'h', port: '21', user: 'u' }, 42, null]));
    expect(listSites(storage).map((s) => s.name)).toEqual(['ok']);
  });

  it('keeps a fixed server time zone (not a secret), stores nothing for automatic, and ignores a damaged one', () => {
    const storage = memoryStorage();
    saveSite({ ...form, serverTimezone: 330 }, 'india', false, storage);
    saveSite(form, 'auto', false, storage);
    const [india, auto] = listSites(storage);
    expect(india?.serverTimezone).toBe(330);
    expect(siteToFields(india!).serverTimezone).toBe(330);
    expect(auto).not.toHaveProperty('serverTimezone');
    expect(siteToFields(auto!).serverTimezone).toBe('auto');
    expect(siteToFields({ ...india!, serverTimezone: 7 }).serverTimezone).toBe('auto');
  });
});
