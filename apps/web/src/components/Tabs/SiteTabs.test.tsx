/**
 * The site tab strip with two real tabs mounted: keyboard switching and
 * dialogs that wait in a background tab.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createServices } from '../../api/services.ts';
import { FakeWebSocket } from '../../api/testing/FakeWebSocket.ts';
import { resetLanguageForTests, setLanguage } from '../../i18n/languageStore.ts';
import { siteTabs, type SiteTab } from '../../lib/siteTab.ts';
import { createAppStore } from '../../store/index.ts';
import { SiteTabs } from './SiteTabs.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom lays nothing out and has no scrollIntoView; the strip calls it for the active tab.
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

/** A tab whose socket never starts: the store is driven by hand. */
function tab(id: string): SiteTab {
  const services = createServices(createAppStore(), { url: 'ws://test/ws', createWebSocket: (url) => new FakeWebSocket(url) });
  return { id, store: services.store, services };
}

let host: HTMLElement;
let root: Root;
const before = siteTabs.getState();

beforeEach(() => {
  resetLanguageForTests();
  setLanguage('en');
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
  siteTabs.setState(before, true);
});

const nextFrame = (): Promise<void> => act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));

it('switching with an arrow key to a tab whose dialog waits leaves focus in that dialog, and closing it keeps focus in the tab', async () => {
  const first = tab('1');
  const second = tab('2');
  siteTabs.setState({ tabs: [first, second], active: '2' });
  act(() => root.render(<SiteTabs />));
  // A question arrives in hidden tab 1 (as a background upload's "file exists" would).
  act(() => first.store.getState().openDialog({ kind: 'shortcuts' }));
  const button2 = host.querySelector<HTMLElement>('[data-tab="2"]')!;
  button2.focus();
  act(() => void button2.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true })));
  await nextFrame();
  expect(siteTabs.getState().active).toBe('1');
  const dialog = host.querySelector('[role="dialog"]')!;
  expect(dialog.contains(document.activeElement)).toBe(true);
  // Closing it must not send focus to the button of the tab just left (inactive, tabIndex -1).
  act(() => first.store.getState().closeDialog());
  expect(document.activeElement).not.toBe(button2);
});

it('switching with an arrow key and no dialog puts focus on the new tab', async () => {
  siteTabs.setState({ tabs: [tab('1'), tab('2')], active: '1' });
  act(() => root.render(<SiteTabs />));
  const button1 = host.querySelector<HTMLElement>('[data-tab="1"]')!;
  button1.focus();
  act(() => void button1.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true })));
  await nextFrame();
  expect(siteTabs.getState().active).toBe('2');
  expect(document.activeElement).toBe(host.querySelector('[data-tab="2"]'));
});

it('holds only tabs in its tablist, and closes the focused tab with Delete, focus staying on the active tab', async () => {
  const first = tab('1');
  const second = tab('2');
  const third = tab('3');
  siteTabs.setState({ tabs: [first, second, third], active: '2' });
  act(() => root.render(<SiteTabs />));
  const tablist = host.querySelector('[role="tablist"]')!;
  // ARIA's tablist owns tabs only: New tab sits beside it, and the close marks are hidden from the tree.
  expect([...tablist.querySelectorAll('button, [tabindex]')].every((el) => el.getAttribute('role') === 'tab')).toBe(true);
  expect([...tablist.querySelectorAll('.site-tab-close')].every((el) => el.getAttribute('aria-hidden') === 'true')).toBe(true);
  expect(host.querySelector('[data-tab="2"]')?.getAttribute('aria-keyshortcuts')).toBe('Delete');
  const button2 = host.querySelector<HTMLElement>('[data-tab="2"]')!;
  button2.focus();
  act(() => void button2.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true })));
  await nextFrame();
  expect(siteTabs.getState().tabs.map((t) => t.id)).toEqual(['1', '3']);
  expect(document.activeElement).toBe(host.querySelector(`[data-tab="${siteTabs.getState().active}"]`));
  // The last two: Delete still closes; the last tab cannot be closed.
  const active = host.querySelector<HTMLElement>(`[data-tab="${siteTabs.getState().active}"]`)!;
  act(() => void active.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true })));
  await nextFrame();
  expect(siteTabs.getState().tabs).toHaveLength(1);
  expect(host.querySelector('[role="tab"]')?.hasAttribute('aria-keyshortcuts')).toBe(false);
});
