/** What the file area shows when there is no listing to show. */
import { useEffect, useState } from 'react';
import type { WireError } from '@ftpdeck/protocol';
import { useAppStore } from '../../store/index.ts';
import { describeError, errorDetail } from '../../lib/errorMessages.ts';
import { siteAddress } from '../../lib/siteTab.ts';
import { Icon } from '../Icon/Icon.tsx';
import { ServerText } from '../ServerText/ServerText.tsx';
import { useT } from '../../i18n/useT.ts';
import { TranscriptReplyLink } from './TranscriptReplyLink.tsx';

/** Before any connection (or after closing one). */
export function NotConnectedState({ error, lost = false }: { error: WireError | null; lost?: boolean }) {
  const t = useT();
  return (
    <div className="fl-state">
      <div className="fl-state-card">
        <div className={`fl-state-icon${error ? ' is-error' : ''}`}>
          <Icon name={error ? 'alert' : 'server'} size={22} />
        </div>
        {error ? (
          <>
            <h2>{lost ? t('fl.lost') : t('fl.couldNotConnect')}</h2>
            {/* Said at once: after a failed connect, focus stays in the form. */}
            <div role="alert">
              <p className="fl-state-lead">{describeError(error)}</p>
              <p className="fl-state-detail">{errorDetail(error)}</p>
            </div>
            <TranscriptReplyLink error={error} />
            <p>{t(transcriptPointer(error))}</p>
          </>
        ) : (
          <>
            <h2>{t('fl.welcome')}</h2>
            <p>{t('fl.welcomeLead')}</p>
            <ul className="fl-state-tips">
              <li>{t('fl.tip.modes')}</li>
              <li>{t('fl.tip.drag')}</li>
              <li>
                {t('fl.tip.pasteBefore')}
                <code>ftp://user@host:port</code>
                {t('fl.tip.pasteAfter')}
              </li>
            </ul>
          </>
        )}
      </div>
    </div>
  );
}

/**
 * What the transcript holds for a failed or lost connection. Only a reply is "what the
 * server said"; a refused connection or a server that never greeted said
 * nothing; anything else (TLS, a certificate, FTP Deck's own policy) is told
 * by the steps the transcript lists.
 */
function transcriptPointer(error: WireError): 'fl.seeTranscript' | 'fl.seeTranscriptNoReply' | 'fl.seeTranscriptSteps' {
  if (error.ftpCode !== undefined) return 'fl.seeTranscript';
  const silent = error.code === 'FTP_ERR_CONNECT' || (error.code === 'FTP_ERR_TIMEOUT' && /greeting|connect/i.test(error.message));
  return silent ? 'fl.seeTranscriptNoReply' : 'fl.seeTranscriptSteps';
}

/**
 * While a connect runs: where to, for how long so far, and where to watch
 * it. A server that accepts the connection but never greets used to leave
 * the welcome card on screen for the whole connect timeout.
 */
export function ConnectingState() {
  const t = useT();
  const where = useAppStore((s) => (s.server.host ? siteAddress(s.server.host, s.server.port) : ''));
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="fl-state">
      <div className="fl-state-card">
        <div className="fl-state-icon">
          <span className="spinner" aria-hidden="true" />
        </div>
        {/* Announced once; the counter below is not a live region, so it does not speak every second. */}
        <h2 role="status">{where ? t('fl.connectingTo', { where }) : t('fl.connecting')}</h2>
        {seconds >= 2 && <p>{t('fl.connectingFor', { seconds })}</p>}
        <p>{t('fl.connectingSteps')}</p>
      </div>
    </div>
  );
}

/** Overlay message inside the grid (empty folder, filter matches nothing, listing failed). */
export function GridMessage({ kind, error, onClearFilter }: { kind: 'empty' | 'filtered' | 'error' | 'loading'; error?: WireError | null; onClearFilter?: () => void }) {
  const t = useT();
  if (kind === 'loading') {
    return (
      <div className="fl-message" role="status">
        <span className="spinner" aria-hidden="true" /> {t('fl.loading')}
      </div>
    );
  }
  if (kind === 'error' && error) {
    return (
      <div className="fl-message fl-message-error" role="alert">
        {/* Both quote the server's reply. */}
        <strong>
          <ServerText text={t('fl.listFailed', { reason: describeError(error) })} multiline />
        </strong>
        <span>
          <ServerText text={errorDetail(error)} multiline />
        </span>
      </div>
    );
  }
  if (kind === 'filtered') {
    return (
      <div className="fl-message">
        {t('fl.noMatch')}
        <button type="button" className="btn btn-sm" onClick={onClearFilter}>
          {t('fl.clearFilter')}
        </button>
      </div>
    );
  }
  return <div className="fl-message">{t('fl.empty')}</div>;
}
