/**
 * One transcript line: time, connection tag, kind (FileZilla's Status /
 * Command / Response / Error), the exact text with its meaning as a tooltip,
 * and a button that unfolds the full explanation.
 */
import { memo, useId, useMemo, useState } from 'react';
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { useT } from '../../i18n/useT.ts';
import { ExplanationPanel } from '../../insight/ExplanationPanel.tsx';
import { connectionName, explainLine, type ExplainContext } from '../../insight/explain.ts';
import { KIND_LABEL_KEYS } from '../../insight/LineExplanation.tsx';
import { sameReplyContext, type ReplyContext } from '../../insight/replyContext.ts';
import { formatClock } from '../../lib/format.ts';
import { ServerText } from '../ServerText/ServerText.tsx';
import { isHelpReply } from '../../lib/serverText.ts';
import { shownLineText } from './lineText.ts';

/** Stable colour slot per connection tag, so `transfer-2` always looks the same. */
function tagSlot(tag: string): number {
  let h = 0;
  for (let i = 0; i < tag.length; i += 1) h = (h * 31 + tag.charCodeAt(i)) | 0;
  return Math.abs(h) % 6;
}

/** Props of TranscriptLine. */
export interface TranscriptLineProps {
  line: WireTranscriptLine;
  /** What a reply answers: its command (sharpens 213 SIZE/MDTM decoding) and why an ABOR was sent. */
  context?: ReplyContext | undefined;
}

function TranscriptLineImpl({ line, context }: TranscriptLineProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const textId = useId();
  // Cheap (a few catalog lookups); rows are memoised, so it runs once per line and language.
  const command = context?.command;
  const abortCause = context?.abortCause;
  const insight = useMemo(() => {
    const ctx: ExplainContext = { lang: t.lang };
    if (command !== undefined) ctx.previousCommand = command;
    if (abortCause !== undefined) ctx.abortCause = abortCause;
    return explainLine(line, ctx);
  }, [line, command, abortCause, t.lang]);
  const kind = t(KIND_LABEL_KEYS[line.kind]);
  const shown = shownLineText(line, t, insight.facts);
  return (
    <div className={`tp-line kind-${line.kind}${open ? ' is-open' : ''}`} data-seq={line.seq}>
      <div className="tp-row">
        {/* Drawn by CSS from data-clock: the clock's digits then stay out of copied text and
            innerText, where they would read like reply codes (a time ending .230 is not "230"). */}
        <time className="tp-time" dateTime={new Date(line.time).toISOString()} data-clock={formatClock(line.time)} />
        <span className={`tp-conn tag-${tagSlot(line.connection)}`} title={t('tp.connectionTag', { name: connectionName(line.connection, t.lang) })}>
          {line.connection}
        </span>
        <span className="tp-kind">{kind}</span>
        <span id={textId} className="tp-text" title={insight.summary}>
          {/* Replies are the server's words, and commands carry the names it listed. */}
          <ServerText text={shown} multiline tabs={isHelpReply(line)} />
        </span>
        <button
          type="button"
          className="tp-explain"
          // One tab stop for the whole log; arrows move between lines (TranscriptPanel's moveInLog).
          tabIndex={-1}
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          aria-label={t('insight.showDetails')}
          // The line's text describes the button; it is data, so it stays out of the (translated) name.
          aria-describedby={textId}
          title={insight.summary}
          onClick={() => setOpen((o) => !o)}
        >
          ?
        </button>
      </div>
      {open && <ExplanationPanel insight={insight} id={panelId} />}
    </div>
  );
}

/** Memoised line (lines never change once written). */
export const TranscriptLine = memo(TranscriptLineImpl, (a, b) => a.line === b.line && sameReplyContext(a.context, b.context));
