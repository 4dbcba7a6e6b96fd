import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/index.ts';
import { aTransfer } from '../store/testing/transfers.ts';
import { forgetOtherTabs, needsAttention, tabLabel, tabTokenStorage } from './siteTab.ts';

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

  it('forgets what an earlier page\'s later tabs kept, so a new tab 2 starts empty (Review 45)', () => {
    const m = new Map<string, string>([
      ['ftpdeck.sessionToken', 'tab-1-token'],
      ['ftpdeck.finishedTransfers', '{}'],
      ['tab2:ftpdeck.sessionToken', 'old-tab-2-token'],
      ['tab2:ftpdeck.finishedTransfers', '{}'],
      ['tab13:ftpdeck.sessionToken', 'old-tab-13-token'],
      ['tablet', 'not a tab key'],
    ]);
    const storage = { get length() { return m.size; }, key: (i: number) => [...m.keys()][i] ?? null, removeItem: (k: string) => void m.delete(k) };
    forgetOtherTabs(storage);
    expect([...m.keys()]).toEqual(['ftpdeck.sessionToken', 'ftpdeck.finishedTransfers', 'tablet']);
    // A storage that refuses is no reason to fail the page.
    expect(() => forgetOtherTabs({ get length(): number { throw new DOMException('denied', 'SecurityError'); }, key: () => null, removeItem: () => undefined })).not.toThrow();
  });

  it('names a tab after its connection', () => {
    expect(tabLabel({ status: 'disconnected' })).toBe('');
    expect(tabLabel({ status: 'connected', host: 'h', port: 21, user: 'u' })).toBe('u@h');
    expect(tabLabel({ status: 'connected', host: 'h', port: 2121 })).toBe('h:2121');
  });

  it('marks a background tab that has a question, a running transfer or an error nobody dismissed', () => {
    const store = createAppStore();
    const s = () => store.getState();
    expect(needsAttention(s())).toBe(false);
    const info = s().pushToast({ kind: 'info', title: 'Copied' });
    expect(needsAttention(s())).toBe(false);
    const error = s().pushToast({ kind: 'error', title: 'Upload failed' });
    expect(needsAttention(s())).toBe(true);
    s().dismissToast(error);
    s().dismissToast(info);
    expect(needsAttention(s())).toBe(false);
    s().openDialog({ kind: 'mkdir' });
    expect(needsAttention(s())).toBe(true);
  });

  it('marks a tab while its transfers run, and answers from the new table after each change', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().addTransfers([aTransfer('a', { status: 'queued' }), aTransfer('b', { status: 'done' })]);
    expect(needsAttention(s())).toBe(true);
    s().appendTranscript([{ seq: 1, time: 0, connection: 'browse', kind: 'command', text: 'NOOP' }]);
    expect(needsAttention(s())).toBe(true);
    s().patchTransfers({ a: { status: 'sending' } });
    expect(needsAttention(s())).toBe(true);
    s().patchTransfers({ a: { status: 'done' } });
    expect(needsAttention(s())).toBe(false);
  });
});
