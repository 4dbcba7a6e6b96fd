/** The top bar: brand, quick-connect form, and the live connection summary. */
import { useShallow } from 'zustand/react/shallow';
import { useServices } from '../../hooks/tabContext.ts';
import { LanguageSwitcher } from '../../i18n/LanguageSwitcher.tsx';
import { useT } from '../../i18n/useT.ts';
import { useAppStore } from '../../store/index.ts';
import { siteAddress } from '../../lib/siteTab.ts';
import { ConnectForm } from '../ConnectForm/ConnectForm.tsx';
import { Icon } from '../Icon/Icon.tsx';
import './TopBar.css';

const SECURE_LABEL = { none: 'FTP', explicit: 'FTPS', implicit: 'FTPS (implicit)' } as const;
const SECURE_KEY = { none: 'topbar.secure.none', explicit: 'topbar.secure.explicit', implicit: 'topbar.secure.implicit' } as const;

/** Connection summary: status dot, user@host, protocol, and "Close session". */
function ConnectionStatus() {
  const t = useT();
  const services = useServices();
  const { status, host, port, user, secure, link, linkAttempt } = useAppStore(
    useShallow((s) => ({
      status: s.server.status,
      host: s.server.host,
      port: s.server.port,
      user: s.server.user,
      secure: s.server.secure,
      link: s.link,
      linkAttempt: s.linkAttempt,
    })),
  );

  if (link !== 'open') {
    return (
      <div className="conn-status conn-warn" role="status">
        <span className="dot" aria-hidden="true" />
        {linkAttempt > 0 ? t('topbar.linkReconnecting') : t('topbar.linkConnecting')}
      </div>
    );
  }
  if (status === 'disconnected') {
    return (
      <div className="conn-status conn-off" role="status">
        <span className="dot" aria-hidden="true" />
        {t('ui.sessionStatus.disconnected')}
      </div>
    );
  }
  const where = siteAddress(host ?? '', port, user);
  // The site tab above already names user@host:port; repeating it here only got it cut off.
  // The bar says the state in words and keeps the address in the tooltip.
  return (
    <div className="conn-group">
      <div className={`conn-status ${status === 'connected' ? 'conn-on' : 'conn-warn'}`} role="status" title={t('topbar.connectedTo', { where })}>
        <span className="dot" aria-hidden="true" />
        <span className="conn-where">
          {status === 'connected' ? t('ui.sessionStatus.connected') : status === 'connecting' ? t('topbar.signingIn') : t('topbar.retrying')}
        </span>
        {secure && secure !== 'none' && (
          <span className="conn-badge" title={t('topbar.encrypted')}>
            <Icon name="lock" size={12} />
            {secure === 'implicit' ? t(SECURE_KEY[secure]) : SECURE_LABEL[secure]}
          </span>
        )}
      </div>
      <button type="button" className="btn btn-sm" onClick={() => void services.ops.disconnect()}>
        {t('topbar.closeSession')}
      </button>
    </div>
  );
}

/** Top application bar. */
export function TopBar() {
  return (
    <header className="topbar">
      {/* The page's one heading of the first level; the drawn name hides on narrow screens. */}
      <h1 className="visually-hidden">FTP Deck</h1>
      <div className="brand" aria-hidden="true">
        <span className="brand-mark" aria-hidden="true">
          <Icon name="server" size={15} />
        </span>
        <span className="brand-name">FTP Deck</span>
      </div>
      <ConnectForm />
      <ConnectionStatus />
      <LanguageSwitcher className="topbar-lang" />
    </header>
  );
}
