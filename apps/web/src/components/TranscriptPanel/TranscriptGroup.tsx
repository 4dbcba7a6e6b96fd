/** The lines one user action caused, under a collapsible header ("Upload report.pdf"). */
import { memo } from 'react';
import { useT } from '../../i18n/useT.ts';
import type { LineGroup } from '../../insight/grouping.ts';
import { sameReplyContext, type ReplyContext } from '../../insight/replyContext.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { useStoreApi } from '../../store/index.ts';
import { ServerText } from '../ServerText/ServerText.tsx';
import { TranscriptLine } from './TranscriptLine.tsx';

/** Props of TranscriptGroup. */
export interface TranscriptGroupProps {
  group: LineGroup;
  collapsed: boolean;
  onToggle: (id: string) => void;
  /** reply seq → what it answers (`replyContexts`). */
  previous: ReadonlyMap<number, ReplyContext>;
}

function TranscriptGroupImpl({ group, collapsed, onToggle, previous }: TranscriptGroupProps) {
  const t = useT();
  const store = useStoreApi();
  // A group's label names the file or folder it acts on, as the server listed it.
  const raw = group.label || t('ui.session');
  const label = displayServerText(raw);
  return (
    // A group, not a region: one landmark per user action would bury the page's real landmarks.
    <div role="group" className="tp-group" data-group={group.id} aria-label={label}>
      <div className="tp-group-head">
        <button
          type="button"
          className="tp-group-toggle"
          tabIndex={-1}
          aria-expanded={!collapsed}
          title={t(collapsed ? 'tp.group.expand' : 'tp.group.collapse', { label })}
          onClick={() => onToggle(group.id)}
        >
          <span className="tp-group-caret" aria-hidden="true">
            {collapsed ? '▸' : '▾'}
          </span>
          <span className="tp-group-label">
            <ServerText text={raw} />
          </span>
        </button>
        <span className="tp-group-count">{t('tp.group.lines', { count: group.lines.length })}</span>
        <button
          type="button"
          className="btn btn-ghost btn-sm tp-group-seq"
          title={t('tp.group.sequenceTitle')}
          onClick={() => store.getState().showSequence(group.id)}
        >
          {t('tp.group.sequence')}
        </button>
      </div>
      {!collapsed &&
        group.lines.map((line) => (
          <TranscriptLine key={`${line.connection}:${line.seq}`} line={line} context={previous.get(line.seq)} />
        ))}
    </div>
  );
}

/**
 * True when a group would render the same: grouping builds new group objects
 * for every batch of lines, but most groups hold the very same lines as before
 * (only the newest grows, the oldest falls off the window), and only those two
 * should re-render.
 */
export function sameGroupProps(a: TranscriptGroupProps, b: TranscriptGroupProps): boolean {
  if (a.collapsed !== b.collapsed || a.onToggle !== b.onToggle) return false;
  const ga = a.group;
  const gb = b.group;
  if (ga === gb && a.previous === b.previous) return true;
  if (ga.id !== gb.id || ga.label !== gb.label || ga.lines.length !== gb.lines.length) return false;
  for (let i = 0; i < ga.lines.length; i += 1) {
    const line = ga.lines[i];
    if (line !== gb.lines[i]) return false;
    if (line && !sameReplyContext(a.previous.get(line.seq), b.previous.get(line.seq))) return false;
  }
  return true;
}

/** Memoised group: re-renders only when its own lines (or their explanations' context) changed. */
export const TranscriptGroup = memo(TranscriptGroupImpl, sameGroupProps);
