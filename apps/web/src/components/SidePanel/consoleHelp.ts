/** Finds HELP / SITE HELP replies already in the transcript, so the console can autocomplete from them. */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { replyContexts } from '../../insight/replyContext.ts';

/** The latest 214 replies to `HELP` and to `SITE HELP` among `lines`. */
export function helpReplies(lines: readonly WireTranscriptLine[]): { help?: string; siteHelp?: string } {
  const previous = replyContexts(lines);
  const out: { help?: string; siteHelp?: string } = {};
  for (let i = lines.length - 1; i >= 0 && (out.help === undefined || out.siteHelp === undefined); i -= 1) {
    const l = lines[i];
    if (!l || l.kind !== 'reply' || l.code !== 214) continue;
    const cmd = previous.get(l.seq)?.command.trim().toUpperCase() ?? '';
    if (cmd === 'HELP' && out.help === undefined) out.help = l.text;
    else if (cmd === 'SITE HELP' && out.siteHelp === undefined) out.siteHelp = l.text;
  }
  return out;
}
