/**
 * "Why: 530 Login incorrect." — a link from an error to the transcript line
 * where the server said it, so the plain-words headline and the exact reply
 * are one click apart.
 */
import type { WireError, WireTranscriptLine } from '@ftpdeck/protocol';
import { useMemo } from 'react';
import { useT } from '../../i18n/index.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { useAppStore } from '../../store/index.ts';

/** The newest reply line carrying `ftpCode`, or null. Searches from the end, where the error's reply is. */
export function findReplyLine(lines: { readonly length: number; at(i: number): WireTranscriptLine | undefined }, ftpCode: number): WireTranscriptLine | null {
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines.at(i);
    if (line?.kind === 'reply' && line.code === ftpCode) return line;
  }
  return null;
}

/** Scrolls the transcript `log` (one tab's; every open tab has one) to line `seq` and marks it for a moment. */
export function revealTranscriptLine(log: ParentNode, seq: number): void {
  const el = log.querySelector<HTMLElement>(`.tp-line[data-seq="${seq}"]`);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.classList.add('is-target');
  el.setAttribute('data-target', 'true');
  window.setTimeout(() => {
    el.classList.remove('is-target');
    el.removeAttribute('data-target');
  }, 4000);
}

/** The link, when the error has an FTP code and the transcript holds the reply. */
export function TranscriptReplyLink({ error }: { error: WireError }) {
  const t = useT();
  const revealLine = useAppStore((s) => s.revealLine);
  const version = useAppStore((s) => s.transcriptVersion);
  const buffer = useAppStore((s) => s.transcript);
  const ftpCode = error.ftpCode;
  // The scan can cover 100,000 lines: run it when the transcript changes, not on every store update.
  // `version` says the mutable buffer changed.
  const line = useMemo(() => (ftpCode === undefined ? null : findReplyLine(buffer, ftpCode)), [buffer, ftpCode, version]);
  if (!line) return null;
  const text = displayServerText(line.text.split('\n')[0] ?? '');
  return (
    <p>
      <a
        href={`#transcript-${line.seq}`}
        className="fl-why-link"
        onClick={(e) => {
          e.preventDefault();
          // The panel switches to its Transcript tab, unfolds the line's group, then scrolls.
          revealLine(line.seq);
        }}
      >
        {t('errLink.transcript', { line: text })}
      </a>
    </p>
  );
}
