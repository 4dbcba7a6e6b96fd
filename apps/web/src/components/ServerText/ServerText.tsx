/**
 * Text the FTP server chose (a file name, a link target, a reply line), with
 * the characters that could hide or reorder it drawn as marked escapes
 * (lib/serverText.ts says which and why). Plain text renders as it is.
 */
import { Fragment } from 'react';
import { useT } from '../../i18n/useT.ts';
import { hasMarks, splitServerText } from '../../lib/serverText.ts';
import './ServerText.css';

/**
 * Renders `text`; every escape gets a tooltip saying what it stands for.
 * `multiline` keeps line feeds (multi-line replies, lists of paths), and
 * `tabs` with it keeps tabs (a HELP reply's columns; never where names are).
 * A single-line text is a name or a path: spaces at its start and end are
 * marked, since ` a.txt` and `a.txt ` would look like `a.txt`.
 */
export function ServerText({ text, multiline = false, tabs = false }: { text: string; multiline?: boolean; tabs?: boolean }) {
  const t = useT();
  const options = { multiline, tabs, edges: !multiline };
  if (!hasMarks(text, options)) return <>{text}</>;
  return (
    <bdi className="server-text">
      {splitServerText(text, options).map((part, i) =>
        'escape' in part ? (
          <span key={i} className="server-escape" title={t(`esc.${part.escape}`, { code: part.code })}>
            {part.text}
          </span>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </bdi>
  );
}
