/**
 * The offer to read file names with another charset. Under encoding `auto`
 * the engine keeps names that are not UTF-8 byte for byte (drawn with
 * escapes such as \xC4) and guesses which charset reads them; when the guess
 * is one the page offers, this bar shows a few of the folder's names as
 * that charset reads them and switches with one click (`set-encoding`: the
 * server reconnects with the same credentials). The connect form's
 * Encoding follows, so Save site keeps the choice.
 */
import { Fragment, useMemo, useState } from 'react';
import { useServices } from '../../hooks/tabContext.ts';
import { useT } from '../../i18n/useT.ts';
import { encodingForGuess, encodingLabel, readAs, surveyNames } from '../../lib/encodings.ts';
import { useAppStore } from '../../store/index.ts';
import { Icon } from '../Icon/Icon.tsx';
import { ServerText } from '../ServerText/ServerText.tsx';
import './CharsetOffer.css';

/** Names shown as examples of what the switch gives. */
const EXAMPLES = 3;
/** Legacy names checked against the offered charset (it must read every one). */
const CHECKED = 50;

/** The encoding to offer for the session as it stands, or undefined. */
function useOfferedEncoding(): string | undefined {
  return useAppStore((s) => (s.server.status === 'connected' && s.server.encoding === 'auto' ? encodingForGuess(s.server.guessedCharset) : undefined));
}

/**
 * What to offer for the folder shown: the encoding and a few of its names
 * as that encoding reads them. Nothing when the folder has no legacy names;
 * nothing when it also has UTF-8 names (the switch would garble those);
 * nothing when the offered charset cannot read one of its legacy names.
 * The examples are there because the engine's guess can be wrong (its
 * candidates are CJK charsets and Windows-1252): the user sees the result
 * before choosing it.
 */
function useOffer(): { encoding: string; examples: string[] } | undefined {
  const offered = useOfferedEncoding();
  const entries = useAppStore((s) => s.listing?.entries);
  return useMemo(() => {
    if (offered === undefined || entries === undefined) return undefined;
    const { legacy, utf8 } = surveyNames(entries.map((e) => e.name));
    if (legacy.length === 0 || utf8.length > 0) return undefined;
    const read = readAs(legacy.slice(0, CHECKED), offered);
    return read === undefined ? undefined : { encoding: offered, examples: read.slice(0, EXAMPLES) };
  }, [offered, entries]);
}

/** See the file comment. Renders nothing when there is nothing to offer. */
export function CharsetOffer() {
  const t = useT();
  const services = useServices();
  const offer = useOffer();
  const pending = useAppStore((s) => s.connectPending);
  // Dismissed per guess: a different guess later is worth saying.
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (offer === undefined || dismissed === offer.encoding) return null;
  const charset = encodingLabel(offer.encoding, t);
  return (
    <div className="charset-offer" role="region" aria-label={t('charset.region')}>
      <Icon name="info" size={16} className="co-icon" />
      <p className="co-text">
        {t('charset.offer', { charset })}
        {offer.examples.map((name, i) => (
          <Fragment key={i}>
            {i > 0 ? t('charset.exampleSeparator') : null}
            <q className="co-example">
              <ServerText text={name} />
            </q>
          </Fragment>
        ))}
      </p>
      <button
        type="button"
        className="btn btn-primary co-switch"
        title={t('charset.switchHint', { charset })}
        disabled={pending}
        onClick={() => void services.ops.switchEncoding(offer.encoding)}
      >
        {t('charset.switch', { charset })}
      </button>
      <button type="button" className="btn btn-ghost btn-icon" aria-label={t('charset.dismiss')} title={t('charset.dismiss')} onClick={() => setDismissed(offer.encoding)}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}
