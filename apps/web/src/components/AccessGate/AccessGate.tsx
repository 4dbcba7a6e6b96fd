/**
 * Shown when the FTP Deck server requires an access token (it listens
 * beyond loopback) and the WebSocket was refused. The token is exchanged
 * for an HttpOnly cookie by POST /api/login; then the socket retries.
 */
import { useId, useState, type FormEvent } from 'react';
import { useServices } from '../../hooks/tabContext.ts';
import { submitAccessToken } from '../../api/config.ts';
import { useAppStore } from '../../store/index.ts';
import { Icon } from '../Icon/Icon.tsx';
import { SecretInput } from '../SecretInput/SecretInput.tsx';
import { useT } from '../../i18n/useT.ts';
import '../Dialogs/Dialogs.css';

/** True when the gate should cover the app. */
export function useNeedsAccess(): boolean {
  return useAppStore((s) => s.accessRequired && !s.everWelcomed && s.link !== 'open' && s.linkAttempt >= 1);
}

/** The access-token form. */
export function AccessGate() {
  const t = useT();
  const services = useServices();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [wrong, setWrong] = useState(false);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const ok = await submitAccessToken(token);
    setBusy(false);
    setWrong(!ok);
    if (ok) services.socket.reconnectNow();
  };

  return (
    <div className="modal-backdrop">
      <form className="modal" style={{ width: 380 }} onSubmit={submit} aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="modal-title">
          <Icon name="lock" /> {t('gate.title')}
        </h2>
        <div className="modal-body">
          <p>{t('gate.lead')}</p>
          <div className="field">
            <label htmlFor={`${id}-token`}>{t('gate.token')}</label>
            <SecretInput
              id={`${id}-token`}
              className="input"
              autoComplete="current-password"
              value={token}
              onValueChange={setToken}
              aria-invalid={wrong || undefined}
              aria-describedby={`${id}-err`}
            />
            <div id={`${id}-err`} className="field-error" role="alert">
              {wrong ? t('gate.wrong') : ''}
            </div>
          </div>
        </div>
        <div className="modal-footer">
          <button type="submit" className="btn btn-primary" disabled={busy || token === ''}>
            {t('gate.unlock')}
          </button>
        </div>
      </form>
    </div>
  );
}
