/** One transcript line: time, connection tag, kind, and the exact text. */
import { memo } from 'react';
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { formatClock } from '../../lib/format.ts';
import { KIND_LABEL } from './transcriptView.ts';

/** Stable colour slot per connection tag, so `transfer-2` always looks the same. */
function tagSlot(tag: string): number {
  let h = 0;
  for (let i = 0; i < tag.length; i += 1) h = (h * 31 + tag.charCodeAt(i)) | 0;
  return Math.abs(h) % 6;
}

function TranscriptLineImpl({ line }: { line: WireTranscriptLine }) {
  return (
    <div className={`tp-line kind-${line.kind}`}>
      {/* Drawn by CSS from data-clock: the clock's digits then stay out of copied text and
          innerText, where they would read like reply codes (a time ending .230 is not "230"). */}
      <time className="tp-time" dateTime={new Date(line.time).toISOString()} data-clock={formatClock(line.time)} />
      <span className={`tp-conn tag-${tagSlot(line.connection)}`} title={`Connection: ${line.connection}`}>
        {line.connection}
      </span>
      <span className="tp-kind" title={KIND_LABEL[line.kind]}>
        {KIND_LABEL[line.kind]}
      </span>
      <span className="tp-text">{line.text}</span>
    </div>
  );
}

/** Memoised line (lines never change once written). */
export const TranscriptLine = memo(TranscriptLineImpl, (a, b) => a.line === b.line);
