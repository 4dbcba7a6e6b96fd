/**
 * Text the FTP server chose (a file name, a link target, a reply line), with
 * the characters that could hide or reorder it drawn as marked escapes
 * (lib/serverText.ts says which and why). Plain text renders as it is.
 */
import { Fragment } from 'react';
import { useT } from '../../i18n/useT.ts';
import { hasHiddenCharacters, splitServerText } from '../../lib/serverText.ts';
import './ServerText.css';

/** Renders `text`; every escape gets a tooltip saying what it stands for. */
export function ServerText({ text }: { text: string }) {
  const t = useT();
  if (!hasHiddenCharacters(text)) return <>{text}</>;
  return (
    <bdi className="server-text">
      {splitServerText(text).map((part, i) =>
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
