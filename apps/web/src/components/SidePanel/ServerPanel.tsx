/**
 * The server tab: what the server says it supports (SYST, FEAT) and what
 * FTP Deck therefore does: chmod, resume, upload verification.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../../i18n/useT.ts';
import { CapabilitiesPanel } from '../../insight/CapabilitiesPanel.tsx';
import { capabilitiesOf } from '../../insight/capabilities.ts';
import { useAppStore } from '../../store/index.ts';

/** The server tab. */
export function ServerPanel() {
  const t = useT();
  const { connected, system, features, chmodUnsupported } = useAppStore(
    useShallow((s) => ({
      connected: s.server.status === 'connected',
      system: s.server.system,
      features: s.server.features,
      chmodUnsupported: s.chmodUnsupported,
    })),
  );
  const caps = useMemo(() => capabilitiesOf(features), [features]);
  if (!connected) {
    return (
      <div className="sp-scroll">
        <p className="sp-note">{t('serverp.notConnected')}</p>
      </div>
    );
  }
  const uses = [
    { on: !chmodUnsupported, text: t(chmodUnsupported ? 'serverp.chmod.off' : 'serverp.chmod.on') },
    { on: caps.resume, text: t(caps.resume ? 'serverp.resume.on' : 'serverp.resume.off') },
    {
      on: caps.verifyHash || caps.size,
      text: t(caps.verifyHash ? 'serverp.verify.hash' : caps.size ? 'serverp.verify.size' : 'serverp.verify.none'),
    },
  ];
  return (
    <div className="sp-scroll">
      <CapabilitiesPanel {...(system !== undefined ? { system } : {})} {...(features !== undefined ? { features } : {})} />
      <h3>{t('serverp.uses')}</h3>
      <ul className="sp-uses">
        {uses.map((u) => (
          <li key={u.text} data-on={u.on}>
            {u.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
