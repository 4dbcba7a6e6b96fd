/**
 * The site tab strip above the apps. Each tab is an independent session
 * (lib/siteTab.ts) with its own `<App>`, mounted for as long as the tab is
 * open and bound to that tab's store and services by `TabScope`. A switch
 * only hides one panel and shows another, so nothing a tab's components
 * hold (console history, transcript filters, scroll positions, open panels)
 * is lost, and a hidden tab's listeners, dialogs and shortcuts stay idle.
 */
import { useEffect, useId, useRef, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { App } from '../../App.tsx';
import { useT } from '../../i18n/index.ts';
import { activateTab, closeTab, needsAttention, openTab, siteTabs, tabLabel, type SiteTab } from '../../lib/siteTab.ts';
import { selectModalOpen } from '../../store/selectors.ts';
import type { AppState } from '../../store/types.ts';
import { Icon } from '../Icon/Icon.tsx';
import { TabScope } from './TabScope.tsx';
import './SiteTabs.css';

function useTabName(store: StoreApi<AppState>): { name: string; connected: boolean; busy: boolean } {
  const t = useT();
  const label = useStore(store, (s) => tabLabel(s.server));
  const connected = useStore(store, (s) => s.server.status === 'connected');
  // A background tab with a question, running transfers or an error shows a mark, so nothing waits unseen.
  const busy = useStore(store, needsAttention);
  return { name: label || t('tabs.empty'), connected, busy };
}

/** DOM ids of a tab's button and panel; `base` (from useId) keeps them unique in the document. */
function tabIds(base: string, tab: string): { button: string; panel: string } {
  return { button: `${base}-tab-${tab}`, panel: `${base}-panel-${tab}` };
}

function TabButton({ tab, base, active, closable }: { tab: SiteTab; base: string; active: boolean; closable: boolean }) {
  const t = useT();
  const { name, connected, busy } = useTabName(tab.store);
  return (
    <div className={`site-tab${active ? ' is-active' : ''}`}>
      <button
        type="button"
        role="tab"
        id={tabIds(base, tab.id).button}
        data-tab={tab.id}
        aria-selected={active}
        aria-controls={tabIds(base, tab.id).panel}
        aria-keyshortcuts={closable ? 'Delete' : undefined}
        tabIndex={active ? 0 : -1}
        className="site-tab-button"
        title={name}
        onClick={() => activateTab(tab.id)}
      >
        <span className={`site-tab-dot${connected ? ' is-on' : ''}`} aria-hidden="true" />
        <span className="site-tab-name">{name}</span>
        {busy && !active && (
          <>
            <span className="site-tab-busy" aria-hidden="true" />
            {/* The dot is drawn; this says it, as part of the tab's name, to screen readers. */}
            <span className="visually-hidden">{t('tabs.needsAttention')}</span>
          </>
        )}
      </button>
      {closable && (
        // Not a button: a tablist may hold only tabs (ARIA). The mouse closes a tab here; the keyboard
        // and screen readers close the focused tab with Delete (aria-keyshortcuts on the tab).
        <span className="site-tab-close" aria-hidden="true" title={t('tabs.close', { name })} onClick={() => void closeTab(tab.id)}>
          <Icon name="close" size={12} />
        </span>
      )}
    </div>
  );
}

/** Whether a dialog or the editor covers the tab of `store` (see selectModalOpen). */
function useModalOpen(store: StoreApi<AppState> | undefined): boolean {
  return useSyncExternalStore(
    (changed) => store?.subscribe(changed) ?? (() => undefined),
    () => (store ? selectModalOpen(store.getState()) : false),
  );
}

/** Strip + every open tab's app, only the active one shown. */
export function SiteTabs() {
  const t = useT();
  const base = useId();
  const tabs = useStore(siteTabs, (s) => s.tabs);
  const active = useStore(siteTabs, (s) => s.active);
  const strip = useRef<HTMLDivElement>(null);
  // While the tab on screen asks something, the strip is out of reach too: a dialog keeps focus.
  const covered = useModalOpen(tabs.find((tab) => tab.id === active)?.store);

  // The active tab is always in view: a new tab opens past the strip's edge
  // once many are open, and a tab chosen elsewhere (a shortcut) may be too.
  // The strip's scroll padding keeps it clear of the New tab button.
  useEffect(() => {
    strip.current?.querySelector(`[data-tab="${active}"]`)?.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active, tabs.length]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (!(e.target instanceof HTMLElement) || e.target.getAttribute('role') !== 'tab') return;
    const focused = e.target.dataset.tab;
    if (e.key === 'Delete' && focused !== undefined && tabs.length > 1) {
      e.preventDefault();
      // Focus comes back to the strip, on the active tab, once the tab is gone or kept. With
      // transfers running there closeTab asks first, in that tab's dialog, which has the focus meanwhile.
      void closeTab(focused).then(() =>
        requestAnimationFrame(() => {
          // A question still on screen (the tab already asked something) keeps it.
          if (document.activeElement?.closest('[aria-modal="true"]')) return;
          strip.current?.querySelector<HTMLElement>(`[data-tab="${siteTabs.getState().active}"]`)?.focus();
        }),
      );
      return;
    }
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const idx = tabs.findIndex((x) => x.id === active);
    const next = tabs[(idx + step + tabs.length) % tabs.length];
    if (!next) return;
    activateTab(next.id);
    requestAnimationFrame(() => {
      // A dialog waiting in the tab just shown has taken focus (Modal): leave it there.
      const panel = document.getElementById(tabIds(base, next.id).panel);
      if (panel?.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      strip.current?.querySelector<HTMLElement>(`[data-tab="${next.id}"]`)?.focus();
    });
  };

  return (
    <div className="site-tabs-shell">
      <div className="site-tabs-bar" inert={covered} aria-hidden={covered || undefined}>
        <div ref={strip} className="site-tabs" role="tablist" aria-label={t('tabs.label')} onKeyDown={onKeyDown}>
          {tabs.map((tab) => (
            <TabButton key={tab.id} tab={tab} base={base} active={tab.id === active} closable={tabs.length > 1} />
          ))}
        </div>
        {/* Beside the tablist, not in it: a tablist may hold only tabs. */}
        <button type="button" className="site-tab-new" title={t('tabs.newTabTitle')} onClick={() => openTab()}>
          {/* A plain plus: the shared icon set has none, and this is the only place that needs one. */}
          <svg width={14} height={14} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" aria-hidden="true">
            <path d="M12 5v14M5 12h14" />
          </svg>
          <span>{t('tabs.newTab')}</span>
        </button>
      </div>
      {tabs.map((tab) => (
        <TabScope key={tab.id} services={tab.services} active={tab.id === active} id={tabIds(base, tab.id).panel} labelledBy={tabIds(base, tab.id).button}>
          <App />
        </TabScope>
      ))}
    </div>
  );
}
