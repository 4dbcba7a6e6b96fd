/**
 * Two site tabs mounted at once, the way SiteTabs mounts them: each app is
 * bound to its own store and services, the hidden one is out of reach, and
 * a window-level shortcut acts on the tab on screen only.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../App.tsx';
import { createServices, type Services } from '../../api/services.ts';
import { FakeWebSocket } from '../../api/testing/FakeWebSocket.ts';
import { resetLanguageForTests, setLanguage } from '../../i18n/languageStore.ts';
import { createAppStore } from '../../store/index.ts';
import { TabScope } from './TabScope.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLElement;
let tabs: Services[];

/** A tab whose store says it is connected and lists `names` in `/`. */
function connectedTab(names: string[]): Services {
  // The socket is never started: the store is set by hand, as the socket would set it.
  const services = createServices(createAppStore(), { url: 'ws://test/ws', createWebSocket: (url) => new FakeWebSocket(url) });
  const s = services.store.getState();
  s.applyServerState({ status: 'connected', host: '127.0.0.1', port: 21, user: 'u' });
  s.navigated('/', 'replace');
  s.listLoaded(
    s.beginList(),
    '/',
    names.map((name) => ({ name, type: 'file' as const, size: 1 })),
  );
  return services;
}

function renderTabs(active: number): void {
  act(() =>
    root.render(
      <>
        {tabs.map((services, i) => (
          <TabScope key={i} services={services} active={i === active} id={`panel-${i}`}>
            <App />
          </TabScope>
        ))}
      </>,
    ),
  );
}

const panel = (i: number) => host.querySelector<HTMLElement>(`#panel-${i}`) as HTMLElement;
const pressOnBody = (key: string, mods: KeyboardEventInit = {}) =>
  act(() => {
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...mods }));
  });

beforeEach(() => {
  resetLanguageForTests();
  setLanguage('en');
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  tabs = [connectedTab(['a.txt', 'b.txt']), connectedTab(['other.txt'])];
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

describe('TabScope', () => {
  it('keeps every tab mounted, binds each to its own store, and hides the inactive one', () => {
    renderTabs(0);
    const names = (i: number) => [...panel(i).querySelectorAll('[role="grid"] .fl-name-text')].map((e) => e.textContent);
    expect(names(0)).toEqual(['a.txt', 'b.txt']);
    expect(names(1)).toEqual(['other.txt']);
    expect(panel(0).hidden).toBe(false);
    expect(panel(1).hidden).toBe(true);
    expect(panel(1).hasAttribute('inert')).toBe(true);

    // Every id in the document is unique although two apps are mounted.
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    expect(ids.length).toBeGreaterThan(10);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps component state across a switch', () => {
    renderTabs(0);
    const search = panel(0).querySelector<HTMLInputElement>('input[aria-label="Search transcript"]') as HTMLInputElement;
    expect(search).not.toBeNull();
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(search, 'RETR');
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    renderTabs(1);
    renderTabs(0);
    // The same element, still holding the text: nothing was remounted.
    expect(panel(0).querySelector('input[aria-label="Search transcript"]')).toBe(search);
    expect(search.value).toBe('RETR');
  });

  it('runs a window shortcut in the tab on screen only', () => {
    renderTabs(1);
    pressOnBody('a', { ctrlKey: true });
    expect([...tabs[1]!.store.getState().selected]).toEqual(['other.txt']);
    expect(tabs[0]!.store.getState().selected.size).toBe(0);

    pressOnBody('?');
    expect(tabs[1]!.store.getState().dialog?.kind).toBe('shortcuts');
    expect(tabs[0]!.store.getState().dialog).toBeNull();
    // The dialog is drawn in its own tab's panel.
    expect(panel(1).querySelector('[role="dialog"]')).not.toBeNull();
    expect(panel(0).querySelector('[role="dialog"]')).toBeNull();

    act(() => tabs[1]!.store.getState().closeDialog());
    renderTabs(0);
    pressOnBody('a', { ctrlKey: true });
    expect([...tabs[0]!.store.getState().selected].sort()).toEqual(['a.txt', 'b.txt']);
    expect([...tabs[1]!.store.getState().selected]).toEqual(['other.txt']);
  });
});
