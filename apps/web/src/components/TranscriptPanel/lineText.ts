/**
 * The words a transcript row shows. Replies and commands are shown exactly
 * as sent. FTP Deck's own status and error lines are English sentences from
 * the engine; in another language the row shows their translated reading
 * (FileZilla translates its 状态 lines too), from the line's `detail`, never
 * from its English text. The export keeps the engine's original words.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import type { Translate } from '../../i18n/i18n.ts';
import { certLineText } from '../../insight/certLine.ts';
import { isAbortLine } from '../../store/transcriptIngest.ts';

/** Status lines whose own words (not an explanation) exist in every language. */
function translatedStatus(line: WireTranscriptLine, t: Translate): string | undefined {
  const d = line.detail;
  if (d?.type !== 'connecting') return undefined;
  return t('tp.status.connecting', { target: `${d.host}${d.address ? ` (${d.address})` : ''}:${d.port}` });
}

/**
 * The text of one row in `t`'s language. `facts` are the line's explained
 * facts (`explainLine`), whose first sentence reads a status detail.
 */
export function shownLineText(line: WireTranscriptLine, t: Translate, facts: readonly string[]): string {
  // An abort the user asked for (store/transcriptIngest.ts) reads as what happened, in every language.
  if (line.kind === 'status' && isAbortLine(line)) return t('tp.status.userStopped');
  if (t.lang === 'en') return line.text;
  if (line.kind === 'status') return translatedStatus(line, t) ?? facts[0] ?? line.text;
  if (line.kind === 'error') return certLineText(line, t.lang) ?? line.text;
  return line.text;
}
