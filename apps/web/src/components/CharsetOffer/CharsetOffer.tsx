/**
 * The offer to read file names with another charset. Under encoding `auto`
 * the engine keeps names that are not UTF-8 byte for byte (drawn with
 * escapes such as \xC4) and guesses which charset reads them; when the guess
 * is one the page offers, this bar says so and switches with one click
 * (`set-encoding`: the server reconnects with the same credentials). The
 * connect form follows, so the choice is remembered with the site.
 */
import { useState } from 'react';
import { useServices } from '../../hooks/tabContext.ts';
import { useT } from '../../i18n/useT.ts';
import { encodingForGuess, encodingLabel } from '../../lib/encodings.ts';
import { useAppStore } from '../../store/index.ts';
import { Icon } from '../Icon/Icon.tsx';
import './CharsetOffer.css';

/** The encoding to offer for the session as it stands, or undefined. */
function useOfferedEncoding(): string | undefined {
  return useAppStore((s) => (s.server.status === 'connected' && s.server.encoding === 'auto' ? encodingForGuess(s.server.guessedCharset) : undefined));
}

/** See the file comment. Renders nothing when there is nothing to offer. */
export function CharsetOffer() {
  const t = useT();
  const services = useServices();
  const offered = useOfferedEncoding();
  const pending = useAppStore((s) => s.connectPending);
  // Dismissed per guess: a different guess later is worth saying.
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (offered === undefined || dismissed === offered) return null;
  const charset = encodingLabel(offered, t);
  return (
    <div className="charset-offer" role="region" aria-label={t('charset.region')}>
      <Icon name="info" size={16} className="co-icon" />
      <p className="co-text">{t('charset.offer', { charset })}</p>
      <button
        type="button"
        className="btn btn-primary co-switch"
        title={t('charset.switchHint', { charset })}
        disabled={pending}
        onClick={() => void services.ops.switchEncoding(offered)}
      >
        {t('charset.switch', { charset })}
      </button>
      <button type="button" className="btn btn-ghost btn-icon" aria-label={t('charset.dismiss')} title={t('charset.dismiss')} onClick={() => setDismissed(offered)}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}
