/** What the connected server supports, and what FTP Deck does with each feature. */
import { useMemo, type ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';
import { displayServerText } from '../lib/serverText.ts';
import { CAPABILITY_ROWS, capabilitiesOf } from './capabilities.ts';
import './insight.css';

/** Props of {@link CapabilitiesPanel}. */
export interface CapabilitiesPanelProps {
  /** SYST reply text (SessionState.system). */
  system?: string;
  /** FEAT keys (SessionState.features); undefined or empty when the server sent none. */
  features?: string[];
  /** SITE subcommands from a SITE HELP reply (parseHelpReply), which can reveal SITE CHMOD. */
  siteCommands?: string[];
  /** Heading level text; defaults to "Server capabilities". */
  title?: string;
}

/** A list of capabilities with a supported/not-advertised state and a sentence each. */
export function CapabilitiesPanel({ system, features, siteCommands, title }: CapabilitiesPanelProps): ReactNode {
  const t = useT();
  const caps = useMemo(() => capabilitiesOf(features, siteCommands), [features, siteCommands]);
  const heading = title ?? t('cap.title');
  return (
    <section className="fd-caps" aria-label={heading}>
      <h3>{heading}</h3>
      {system ? <p>{t('cap.system', { system: displayServerText(system) })}</p> : null}
      {!features || features.length === 0 ? <p>{t('cap.noFeat')}</p> : null}
      <ul>
        {CAPABILITY_ROWS.map(({ flag, key }) => {
          const yes = caps[flag];
          return (
            <li key={key} data-capability={key} data-supported={yes}>
              <span className="fd-caps__name">{t(`cap.${key}.name`)}</span>
              <span className={`fd-caps__state fd-caps__state--${yes ? 'yes' : 'no'}`}>
                <span aria-hidden="true">{yes ? '✓ ' : '– '}</span>
                {t(yes ? 'cap.supported' : 'cap.unsupported')}
              </span>
              <span className="fd-caps__text">{t(`cap.${key}.text`)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
