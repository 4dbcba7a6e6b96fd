/**
 * The counts in the transfers panel's header ("2 running", "3 failed", …).
 * Each count is a toggle button that lists only its rows (queueFilter.ts);
 * pressing it again, or "Show all", lists every row again.
 */
import { useLayoutEffect, useRef } from 'react';
import type { DropReading, FolderWork } from '../../store/transfersSlice.ts';
import { useT } from '../../i18n/index.ts';
import type { MessageKey, TranslatableKey } from '../../i18n/i18n.ts';
import { groupCount, type QueueFilter, type QueueGroup } from './queueFilter.ts';
import type { QueueSummary } from './queueSummary.ts';

/** Each group's count text, tooltip and colour, in the order the header shows them. */
const GROUPS: readonly { group: QueueGroup; count: TranslatableKey; only: MessageKey; tone: string }[] = [
  { group: 'running', count: 'tq.countRunning', only: 'tq.onlyRunning', tone: 'is-active' },
  { group: 'queued', count: 'tq.countQueued', only: 'tq.onlyQueued', tone: 'is-queued' },
  { group: 'paused', count: 'tq.countPaused', only: 'tq.onlyPaused', tone: 'is-paused' },
  { group: 'done', count: 'tq.countDone', only: 'tq.onlyDone', tone: 'is-done' },
  { group: 'failed', count: 'tq.countFailed', only: 'tq.onlyFailed', tone: 'is-failed' },
  { group: 'stopped', count: 'tq.countStopped', only: 'tq.onlyStopped', tone: '' },
];

/** What the header's counts show and act on. */
export interface QueueCountsProps {
  q: QueueSummary;
  /** Rows in the queue, whatever the filter. */
  rows: number;
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  /** Where the focus goes when the button that had it goes away (a group with no rows left, un-pressed). */
  fallbackFocus: () => HTMLElement | null;
  reading: DropReading | null;
  folders: FolderWork | null;
  /** Whether the session is connected: failed or paused rows wait for it. */
  online: boolean;
}

/** The header's counts, each a filter for the list below. */
export function QueueCounts({ q, rows, filter, onFilter, fallbackFocus, reading, folders, online }: QueueCountsProps) {
  const t = useT();
  const box = useRef<HTMLSpanElement>(null);
  // The button to focus after this render, when the one pressed goes away ("Show all" always does):
  // a keyboard user must not be dropped on the page's body.
  const refocus = useRef<QueueGroup | 'fallback' | null>(null);
  useLayoutEffect(() => {
    const want = refocus.current;
    if (want === null) return;
    refocus.current = null;
    const button = want === 'fallback' ? null : box.current?.querySelector<HTMLElement>(`[data-group="${want}"]`);
    (button ?? fallbackFocus())?.focus();
  });
  return (
    <span className="tq-counts" ref={box}>
      {reading && <span className="tq-count is-active">{t('tq.countReading', { count: reading.found })}</span>}
      {folders && <span className="tq-count is-active">{t('tq.countFolders', { done: folders.done, total: folders.total })}</span>}
      {GROUPS.map(({ group, count, only, tone }) => {
        const n = groupCount(q, group);
        const pressed = filter === group;
        // A pressed count stays at 0 (its list says it is empty): it is the way back, and it has the focus.
        if (n === 0 && !pressed) return null;
        return (
          <button
            key={group}
            data-group={group}
            type="button"
            className={`tq-count tq-filter ${tone}`}
            aria-pressed={pressed}
            title={pressed ? t('tq.showAllHint') : t(only)}
            onClick={() => {
              if (pressed && n === 0) refocus.current = 'fallback';
              onFilter(pressed ? 'all' : group);
            }}
          >
            {t(count, { count: n })}
          </button>
        );
      })}
      {filter !== 'all' && (
        <button
          type="button"
          className="tq-count tq-filter tq-show-all"
          onClick={() => {
            refocus.current = groupCount(q, filter) > 0 ? filter : 'fallback';
            onFilter('all');
          }}
        >
          {t('tq.showAll', { count: rows })}
        </button>
      )}
      {rows === 0 && !folders && !reading && <span className="tq-count">{t('tq.none')}</span>}
      {/* Said in words, not only in the disabled buttons' tooltips, which a keyboard cannot reach. */}
      {!online && (q.retryable > 0 || q.paused > 0) && <span className="tq-count is-waiting">{t('tq.needsConnection')}</span>}
    </span>
  );
}
