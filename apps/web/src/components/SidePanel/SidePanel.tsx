/**
 * The right-hand side: tabs Transcript | Sequence | Console | Server. Every
 * panel stays mounted (hidden when not chosen) so the console keeps its
 * history and the transcript its filters and scroll position across panel
 * switches. Across site-tab switches too: each site tab keeps its own
 * mounted app (components/Tabs/TabScope.tsx), this panel included.
 */
import { useId, type KeyboardEvent } from 'react';
import type { MessageKey } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/useT.ts';
import type { SideTab } from '../../store/insightSlice.ts';
import { useAppStore } from '../../store/index.ts';
import { TranscriptPanel } from '../TranscriptPanel/TranscriptPanel.tsx';
import { ConsolePanel } from './ConsolePanel.tsx';
import { SequencePanel } from './SequencePanel.tsx';
import { ServerPanel } from './ServerPanel.tsx';
import './SidePanel.css';

const TABS: ReadonlyArray<{ tab: SideTab; key: MessageKey }> = [
  { tab: 'transcript', key: 'tab.transcript' },
  { tab: 'sequence', key: 'tab.sequence' },
  { tab: 'console', key: 'tab.console' },
  { tab: 'server', key: 'tab.server' },
];

/** The tabbed side panel. */
export function SidePanel() {
  const t = useT();
  const id = useId();
  const current = useAppStore((s) => s.sideTab);
  const setTab = useAppStore((s) => s.setSideTab);
  // WAI-ARIA tabs: arrows move between tabs, Home/End jump.
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((x) => x.tab === current);
    const to =
      e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
    const next = TABS[to];
    if (!next) return;
    e.preventDefault();
    setTab(next.tab);
    document.getElementById(`${id}-tab-${next.tab}`)?.focus();
  };
  return (
    <div className="sp">
      <div className="sp-tabs" role="tablist" aria-label={t('tab.panels')} onKeyDown={onKeyDown}>
        {TABS.map(({ tab, key }) => (
          <button
            key={tab}
            id={`${id}-tab-${tab}`}
            type="button"
            role="tab"
            className="sp-tab"
            aria-selected={current === tab}
            aria-controls={`${id}-panel-${tab}`}
            tabIndex={current === tab ? 0 : -1}
            onClick={() => setTab(tab)}
          >
            {t(key)}
          </button>
        ))}
      </div>
      {TABS.map(({ tab }) => (
        <div
          key={tab}
          id={`${id}-panel-${tab}`}
          role="tabpanel"
          aria-labelledby={`${id}-tab-${tab}`}
          className={`sp-panel sp-panel-${tab}`}
          hidden={current !== tab}
        >
          {tab === 'transcript' && <TranscriptPanel />}
          {tab === 'sequence' && <SequencePanel active={current === 'sequence'} />}
          {tab === 'console' && <ConsolePanel />}
          {tab === 'server' && <ServerPanel />}
        </div>
      ))}
    </div>
  );
}
