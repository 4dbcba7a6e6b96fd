/**
 * One transcript line: time, connection tag, kind (FileZilla's Status /
 * Command / Response / Error), the exact text with its meaning as a tooltip,
 * and a button that unfolds the full explanation.
 */
import { memo, useId, useMemo, useState } from 'react';
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import type { Translate } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/useT.ts';
import { ExplanationPanel } from '../../insight/ExplanationPanel.tsx';
import { connectionName, explainLine } from '../../insight/explain.ts';
import { KIND_LABEL_KEYS } from '../../insight/LineExplanation.tsx';
import { formatClock } from '../../lib/format.ts';
import { isAbortLine } from '../../store/transcriptIngest.ts';
import { ServerText } from '../ServerText/ServerText.tsx';

/** Stable colour slot per connection tag, so `transfer-2` always looks the same. */
function tagSlot(tag: string): number {
  let h = 0;
  for (let i = 0; i < tag.length; i += 1) h = (h * 31 + tag.charCodeAt(i)) | 0;
  return Math.abs(h) % 6;
}

/** Status lines whose own words (not an explanation) exist in every language. */
function translatedStatus(line: WireTranscriptLine, t: Translate): string | undefined {
  if (isAbortLine(line)) return t('tp.status.userStopped');
  const d = line.detail;
  if (d?.type !== 'connecting') return undefined;
  return t('tp.status.connecting', { target: `${d.host}${d.address ? ` (${d.address})` : ''}:${d.port}` });
}

/** Props of TranscriptLine. */
export interface TranscriptLineProps {
  line: WireTranscriptLine;
  /** The command a reply answers (sharpens 213 SIZE/MDTM decoding). */
  previousCommand?: string | undefined;
}

function TranscriptLineImpl({ line, previousCommand }: TranscriptLineProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const textId = useId();
  // Cheap (a few catalog lookups); rows are memoised, so it runs once per line and language.
  const insight = useMemo(
    () => explainLine(line, previousCommand === undefined ? { lang: t.lang } : { lang: t.lang, previousCommand }),
    [line, previousCommand, t.lang],
  );
  const kind = t(KIND_LABEL_KEYS[line.kind]);
  // FTP Deck's own status lines are English sentences from the engine; in another language show
  // the translated reading of their detail (FileZilla translates its 状态 lines too). The
  // export keeps the engine's original words.
  // An abort the user asked for (store/transcriptIngest.ts) reads as what happened, in every language.
  const userStop = line.kind === 'status' && isAbortLine(line);
  const shown =
    (t.lang === 'en' && !userStop) || line.kind !== 'status' ? line.text : (translatedStatus(line, t) ?? insight.facts[0] ?? line.text);
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
          <ServerText text={shown} multiline />
        </span>
        <button
          type="button"
          className="tp-explain"
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
export const TranscriptLine = memo(TranscriptLineImpl, (a, b) => a.line === b.line && a.previousCommand === b.previousCommand);
