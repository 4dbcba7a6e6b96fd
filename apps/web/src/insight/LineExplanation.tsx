/**
 * One transcript line with its explanation: the short meaning as a `title`
 * tooltip, and a button (aria-expanded) that reveals the full breakdown.
 * The breakdown is only rendered while open, so 100,000 rows stay cheap.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/i18n.ts';
import { useT } from '../i18n/useT.ts';
import { displayServerText, isHelpReply } from '../lib/serverText.ts';
import { ServerText } from '../components/ServerText/ServerText.tsx';
import { ExplanationPanel } from './ExplanationPanel.tsx';
import { explainLine } from './explain.ts';
import './insight.css';

/** FileZilla's prefixes: Status / Command / Response / Error. */
export const KIND_LABEL_KEYS: Readonly<Record<WireTranscriptLine['kind'], MessageKey>> = {
  status: 'ui.status',
  command: 'ui.command',
  reply: 'ui.response',
  error: 'ui.error',
};

/** Props of {@link LineExplanation}. */
export interface LineExplanationProps {
  line: WireTranscriptLine;
  /** The command a reply answers (the previous `command` line on the same connection). */
  previousCommand?: string;
  /** Show the prefix and text row (default). False renders only the toggle and panel, for hosts that draw the row. */
  showText?: boolean;
  /** Start expanded. */
  defaultOpen?: boolean;
  className?: string;
}

/** A transcript line that explains itself. */
export function LineExplanation({ line, previousCommand, showText = true, defaultOpen = false, className }: LineExplanationProps): ReactNode {
  const t = useT();
  const [open, setOpen] = useState(defaultOpen);
  const panelId = useId();
  const insight = useMemo(
    () => explainLine(line, previousCommand === undefined ? { lang: t.lang } : { lang: t.lang, previousCommand }),
    [line, previousCommand, t.lang],
  );
  return (
    <div className={`fd-line fd-line--${line.kind}${className ? ` ${className}` : ''}`} data-seq={line.seq}>
      <div className="fd-line__row" title={insight.summary}>
        {showText ? (
          <>
            <span className="fd-line__prefix">{t(KIND_LABEL_KEYS[line.kind])}:</span>
            <span className="fd-line__text">
              <ServerText text={line.text} multiline tabs={isHelpReply(line)} />
            </span>
          </>
        ) : null}
        <button
          type="button"
          className="fd-line__toggle"
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          // Starts with the visible word, so "click Details" works for voice control.
          aria-label={`${t('insight.details')}: ${displayServerText(line.text.split('\n')[0] ?? '')}`}
          onClick={() => setOpen((o) => !o)}
        >
          {t('insight.details')}
        </button>
      </div>
      {open ? <ExplanationPanel insight={insight} id={panelId} /> : null}
    </div>
  );
}
