import { describe, expect, it } from 'vitest';
import { createAppStore } from './index.ts';
import { loadViewPrefs, persistViewPrefs } from './viewPrefs.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('viewPrefs', () => {
  it('restores and saves sort and hidden-files preferences', () => {
    const storage = memoryStorage({ 'ftpdeck.view': JSON.stringify({ sort: { key: 'size', dir: 'desc' }, showHidden: false }) });
    const store = createAppStore();
    persistViewPrefs(store, storage);
    expect(store.getState().sort).toEqual({ key: 'size', dir: 'desc' });
    expect(store.getState().showHidden).toBe(false);
    store.getState().toggleSort('name');
    expect(JSON.parse(storage.map.get('ftpdeck.view') ?? '{}')).toEqual({ sort: { key: 'name', dir: 'asc' }, showHidden: false });
  });

  it('writes only what a tab changed, so two tabs do not undo each other', () => {
    const storage = memoryStorage();
    const a = createAppStore();
    const b = createAppStore();
    persistViewPrefs(a, storage);
    persistViewPrefs(b, storage);
    a.getState().setTransferTypePref('ascii');
    b.getState().toggleSort('size');
    expect(JSON.parse(storage.map.get('ftpdeck.view') ?? '{}')).toMatchObject({ transferType: 'ascii', sort: { key: 'size' } });
    // A new tab opens with both.
    const c = createAppStore();
    persistViewPrefs(c, storage);
    expect(c.getState().transferTypePref).toBe('ascii');
    expect(c.getState().sort.key).toBe('size');
  });

  it('restores and saves the transfer type setting', () => {
    const storage = memoryStorage({ 'ftpdeck.view': JSON.stringify({ transferType: 'auto' }) });
    const store = createAppStore();
    persistViewPrefs(store, storage);
    expect(store.getState().transferTypePref).toBe('auto');
    store.getState().setTransferTypePref('ascii');
    expect(JSON.parse(storage.map.get('ftpdeck.view') ?? '{}')).toMatchObject({ transferType: 'ascii' });
  });

  it('restores and saves keeping file times, off until chosen', () => {
    const storage = memoryStorage();
    const store = createAppStore();
    persistViewPrefs(store, storage);
    expect(store.getState().keepTimes).toBe(false);
    store.getState().setKeepTimes(true);
    expect(JSON.parse(storage.map.get('ftpdeck.view') ?? '{}')).toEqual({ keepTimes: true });
    const next = createAppStore();
    persistViewPrefs(next, storage);
    expect(next.getState().keepTimes).toBe(true);
  });

  it('ignores malformed data', () => {
    expect(loadViewPrefs(memoryStorage({ 'ftpdeck.view': '{"sort":{"key":"evil","dir":"up"},"showHidden":"yes","transferType":"ebcdic","keepTimes":1}' }))).toEqual({});
    expect(loadViewPrefs(memoryStorage({ 'ftpdeck.view': 'not json' }))).toEqual({});
  });
});
