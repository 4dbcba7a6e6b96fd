/**
 * Site tabs: several sites open at once. Each tab is an independent FTP
 * Deck session — its own store, WebSocket, server session, transfers and
 * transcript — and keeps running while another tab is on screen. Each tab
 * also keeps its own mounted `<App>` (components/Tabs/SiteTabs.tsx), bound
 * to its store and services through `TabScope`; `active` only says which
 * one is shown.
 */
import type { SessionState } from '@ftpdeck/protocol';
import type { StoreApi } from 'zustand/vanilla';
import { createStore } from 'zustand/vanilla';
import { getAppConfig } from '../api/config.ts';
import { createServices, type Services } from '../api/services.ts';
import { t } from '../i18n/languageStore.ts';
import { askStopTransfers, hasTransfersToStop } from '../api/uploadGuard.ts';
import type { TokenStorage } from '../api/socket.ts';
import { createAppStore } from '../store/index.ts';
import type { AppState } from '../store/types.ts';
import { persistFinishedRows, type FinishedRowsKeeper } from '../store/persistFinishedRows.ts';
import { keepRunningDownloads } from '../store/runningDownloads.ts';
import { browserSessionStorage, browserStorage } from './browserStorage.ts';
import { siteAddress } from './siteAddress.ts';
import { persistViewPrefs } from '../store/viewPrefs.ts';

/** One open site. */
export interface SiteTab {
  id: string;
  store: StoreApi<AppState>;
  services: Services;
}

/** The tab list and which one is on screen. */
export interface TabsState {
  tabs: readonly SiteTab[];
  active: string;
}

/**
 * sessionStorage is per browser tab, so every site tab keeps its session
 * token under its own prefix; otherwise two site tabs would rejoin one
 * server session. Tab 1 keeps the plain key, so a reload rejoins it.
 */
export function tabTokenStorage(base: TokenStorage, tab: string): TokenStorage {
  if (tab === '1') return base;
  const k = (key: string) => `tab${tab}:${key}`;
  return {
    getItem: (key) => base.getItem(k(key)),
    setItem: (key, value) => base.setItem(k(key), value),
    removeItem: (key) => base.removeItem(k(key)),
  };
}

export { siteAddress } from './siteAddress.ts';

/** What a tab is called: `user@host[:port]` once connected, '' before. */
export function tabLabel(state: SessionState): string {
  if (state.status === 'disconnected' || !state.host) return '';
  return siteAddress(state.host, state.port, state.user);
}

/** Transfer states in which a tab is still at work. */
const WORKING = new Set(['queued', 'starting', 'sending', 'finishing']);

/**
 * Should a tab that is not on screen show its mark? When a question waits
 * (a dialog), transfers are still running, or an error toast has not been
 * dismissed: errors stay until dismissed, and a background tab's failure
 * would otherwise go unseen.
 */
export function needsAttention(s: AppState): boolean {
  return s.dialog !== null || s.toasts.some((t) => t.kind === 'error') || transfersWorking(s.transfers);
}

/** Per transfer table: the tab label asks on every store write, and the table changes far less often. */
const working = new WeakMap<AppState['transfers'], boolean>();

function transfersWorking(transfers: AppState['transfers']): boolean {
  let busy = working.get(transfers);
  if (busy === undefined) {
    busy = Object.values(transfers).some((t) => WORKING.has(t.status));
    working.set(transfers, busy);
  }
  return busy;
}

/** The tabs store (React reads it with `useStore(siteTabs, …)`). */
export const siteTabs = createStore<TabsState>()(() => ({ tabs: [], active: '1' }));

let nextId = 1;

/** Each open tab's keeping of its finished transfer rows, by tab id. */
const keepers = new Map<string, FinishedRowsKeeper>();

function startTab(store: StoreApi<AppState>): SiteTab {
  const id = String(nextId++);
  // Either storage may be missing (site data blocked): the tab then remembers nothing, and works.
  const local = browserStorage();
  if (local) persistViewPrefs(store, local);
  // Keyed like the token, so a reload of this tab finds its own rows; before the socket
  // starts, so they go ahead of the downloads and interrupted uploads the server brings back.
  // Its running downloads are kept beside them, for the socket's first welcome to take up again.
  const session = browserSessionStorage();
  if (session) keepers.set(id, persistFinishedRows(store, tabTokenStorage(session, id), { alongside: keepRunningDownloads(tabTokenStorage(session, id)) }));
  const services = createServices(store, session ? { storage: tabTokenStorage(session, id) } : {});
  services.socket.start();
  void getAppConfig().then((config) => store.getState().setAccessRequired(config.authRequired === true));
  return { id, store, services };
}

/** Starts tab 1 (the page's own session, which a reload rejoins); main.tsx calls it once. */
export function startFirstTab(): SiteTab {
  // A page starts with tab 1 only, and later tabs take ids 2, 3, … again: what an earlier page's
  // tabs kept (their session tokens, their finished rows) must not become theirs (Review 45).
  const session = browserSessionStorage();
  if (session) forgetOtherTabs(session);
  const tab = startTab(createAppStore());
  siteTabs.setState({ tabs: [tab], active: tab.id });
  return tab;
}

/** Removes every key a tab other than tab 1 kept (`tab<n>:…`, see {@link tabTokenStorage}). */
export function forgetOtherTabs(storage: Pick<Storage, 'length' | 'key' | 'removeItem'>): void {
  try {
    const stale: string[] = [];
    for (let i = 0; i < storage.length; i += 1) {
      const key = storage.key(i);
      if (key !== null && /^tab\d+:/.test(key)) stale.push(key);
    }
    for (const key of stale) storage.removeItem(key);
  } catch {
    // A storage that refuses holds nothing the next tab could take.
  }
}

/** Puts a tab on screen; the others stay mounted, hidden. */
export function activateTab(id: string): void {
  if (!siteTabs.getState().tabs.some((t) => t.id === id)) return;
  siteTabs.setState({ active: id });
}

/** Opens a new, unconnected site tab and shows it. */
export function openTab(): string {
  const tab = startTab(createAppStore());
  siteTabs.setState((s) => ({ tabs: [...s.tabs, tab] }));
  activateTab(tab.id);
  return tab.id;
}

/**
 * Closes a tab (never the last one): ends its FTP session and its socket.
 * With transfers running there, it first shows that tab and asks in it
 * (its uploads read files only this tab holds); resolves once closed, or
 * kept.
 */
export async function closeTab(id: string): Promise<void> {
  const tab = siteTabs.getState().tabs.find((t) => t.id === id);
  if (!tab || siteTabs.getState().tabs.length === 1) return;
  const store = tab.services.store;
  // The tab the user is on: where they stay, or come back to once the question brought this one forward.
  const previous = siteTabs.getState().active;
  if (hasTransfersToStop(store.getState())) {
    // The question is the tab's own dialog: asked where its transfers are in view.
    activateTab(id);
    if (store.getState().dialog !== null) {
      // It already asks something (a file exists): that answer comes first, and the tab stays in front for it.
      store.getState().pushToast({ kind: 'info', title: t('tabs.answerFirst') });
      return;
    }
    if (!(await askStopTransfers(store, 'closeTab'))) {
      // Kept: back to the tab the user was on before the question brought this one forward.
      if (siteTabs.getState().active === id && siteTabs.getState().tabs.some((x) => x.id === previous)) activateTab(previous);
      return;
    }
  }
  // Read again: tabs may have opened or closed while the question was open.
  const { tabs, active } = siteTabs.getState();
  const idx = tabs.findIndex((t) => t.id === id);
  if (idx < 0 || tabs.length === 1) return;
  const rest = tabs.filter((t) => t.id !== id);
  siteTabs.setState({ tabs: rest });
  // A tab a later page opens may get this id again: it must not show the closed one's rows.
  keepers.get(id)?.forget();
  keepers.delete(id);
  if (active === id) activateTab(rest.some((x) => x.id === previous) ? previous : (rest[idx - 1] ?? rest[0] as SiteTab).id);
  void tab.services.ops
    .disconnect({ force: true })
    .catch(() => undefined)
    .finally(() => tab.services.socket.stop());
}
