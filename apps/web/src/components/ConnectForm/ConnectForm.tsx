/**
 * The quick-connect bar: protocol, host, port, credentials and a Connect
 * button, with anonymous login, data-connection mode, virtual host (HOST),
 * account (ACCT), encoding and the server's time zone under "More options".
 * Labels are real <label for> elements; end-to-end tests find fields by them.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { DataMode, SecureMode } from '@ftpdeck/protocol';
import { useServices } from '../../hooks/tabContext.ts';
import { useDismiss } from '../../hooks/useDismiss.ts';
import { useAppStore } from '../../store/index.ts';
import { useT } from '../../i18n/useT.ts';
import { Icon } from '../Icon/Icon.tsx';
import { SecretInput } from '../SecretInput/SecretInput.tsx';
import { PROTOCOLS, defaultPort, parseHostInput, toConnectParams, type ConnectFields, type ConnectProblem } from './connectFields.ts';
import { ENCODINGS, encodingLabel } from '../../lib/encodings.ts';
import { ServerTimezoneField } from './ServerTimezoneField.tsx';
import { SitesMenu } from './SitesMenu.tsx';
import { rememberSite, useConnectFields } from './useConnectFields.ts';
import './ConnectForm.css';

/**
 * When the session's encoding changes by other means than this form (the
 * file list's charset offer), the form's Encoding follows, so the next
 * connect from this form, and Save site, read names the same way. Only on a
 * change of the session's encoding: a choice the user is making in the form
 * is never overwritten. The remembered last site is left alone: a new tab
 * starts from it, and a charset chosen for one server must not quietly
 * apply to the next one typed there.
 */
function useFollowSessionEncoding(fields: ConnectFields, update: (patch: Partial<ConnectFields>) => void): void {
  const encoding = useAppStore((s) => (s.server.status === 'connected' ? s.server.encoding : undefined));
  const host = useAppStore((s) => s.server.host);
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (encoding === seen.current) return;
    seen.current = encoding;
    if (encoding === undefined || encoding === fields.encoding || host !== fields.host) return;
    update({ encoding });
  }, [encoding, host, fields, update]);
}

/** Quick-connect form. */
export function ConnectForm() {
  const t = useT();
  const services = useServices();
  const { fields, update } = useConnectFields();
  const pending = useAppStore((s) => s.connectPending);
  // The catalog key, not its text, so the message follows a language switch.
  const [problem, setProblem] = useState<ConnectProblem | null>(null);
  const [moreOpen, setMoreOpen] = useState(false);
  const id = useId();
  const more = useRef<HTMLDivElement>(null);
  const hostInput = useRef<HTMLInputElement>(null);
  const portInput = useRef<HTMLInputElement>(null);

  const closeMore = useRef(() => setMoreOpen(false)).current;
  useDismiss(moreOpen, more, closeMore);
  useFollowSessionEncoding(fields, update);
  // A problem is about the values it was found in: typing, a saved site, a pasted URL or a
  // protocol's default port all change them, and the message then goes.
  useEffect(() => setProblem(null), [fields.host, fields.port]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const params = toConnectParams(fields);
    if (typeof params === 'string') {
      setProblem(params);
      // To the field to fix, which says what is wrong (aria-describedby) and stops saying it once edited.
      (params === 'cf.needHost' ? hostInput : portInput).current?.focus();
      return;
    }
    setProblem(null);
    const ok = await services.ops.connect(params);
    if (ok) rememberSite(fields);
  };

  const onProtocol = (secure: SecureMode) => {
    // Follow the protocol's usual port unless the user chose a custom one.
    const port = fields.port === defaultPort(fields.secure) ? defaultPort(secure) : fields.port;
    update({ secure, port });
  };

  const onHostBlur = () => {
    const parsed = parseHostInput(fields.host);
    if (parsed) update(parsed);
  };

  return (
    <form className="connect-form" onSubmit={onSubmit} aria-label={t('cf.formLabel')} noValidate>
      <div className="cf-field">
        <label htmlFor={`${id}-protocol`}>{t('cf.protocol')}</label>
        <select
          id={`${id}-protocol`}
          className="select cf-protocol"
          value={fields.secure}
          onChange={(e) => onProtocol(e.target.value as SecureMode)}
        >
          {PROTOCOLS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.value === 'none' ? p.label : t(p.value === 'explicit' ? 'cf.ftpsExplicit' : 'cf.ftpsImplicit')}
            </option>
          ))}
        </select>
      </div>
      <div className="cf-field cf-grow">
        <label htmlFor={`${id}-host`}>{t('ui.host')}</label>
        <input
          ref={hostInput}
          id={`${id}-host`}
          className="input"
          value={fields.host}
          onChange={(e) => update({ host: e.target.value })}
          onBlur={onHostBlur}
          placeholder="ftp.example.com"
          autoComplete="url"
          spellCheck={false}
          aria-invalid={problem === 'cf.needHost' || undefined}
          aria-describedby={problem === 'cf.needHost' ? `${id}-problem` : undefined}
        />
        {problem === 'cf.needHost' && <FieldProblem id={`${id}-problem`} text={t(problem)} />}
      </div>
      <div className="cf-field">
        <label htmlFor={`${id}-port`}>{t('ui.port')}</label>
        <input
          ref={portInput}
          id={`${id}-port`}
          className="input cf-port"
          value={fields.port}
          onChange={(e) => update({ port: e.target.value.replace(/[^0-9]/g, '') })}
          inputMode="numeric"
          autoComplete="off"
          aria-invalid={problem === 'cf.badPort' || undefined}
          aria-describedby={problem === 'cf.badPort' ? `${id}-problem` : undefined}
        />
        {problem === 'cf.badPort' && <FieldProblem id={`${id}-problem`} text={t(problem)} alignEnd />}
      </div>
      <div className="cf-field cf-grow">
        <label htmlFor={`${id}-user`}>{t('ui.username')}</label>
        <input
          id={`${id}-user`}
          className="input"
          value={fields.anonymous ? 'anonymous' : fields.user}
          onChange={(e) => update({ user: e.target.value })}
          disabled={fields.anonymous}
          autoComplete="username"
          placeholder={fields.anonymous ? undefined : t('ui.username')}
          spellCheck={false}
        />
      </div>
      <div className="cf-field cf-grow">
        <label htmlFor={`${id}-password`}>{t('ui.password')}</label>
        <SecretInput
          id={`${id}-password`}
          className="input"
          value={fields.anonymous ? '' : fields.password}
          onValueChange={(password) => update({ password })}
          disabled={fields.anonymous}
          autoComplete="current-password"
          placeholder={fields.anonymous ? undefined : t('ui.password')}
        />
      </div>
      <SitesMenu fields={fields} onPick={(picked) => update(picked)} />
      <div className="cf-more" ref={more}>
        <button
          type="button"
          className="btn btn-ghost btn-icon"
          aria-expanded={moreOpen}
          aria-controls={`${id}-more`}
          title={fields.anonymous ? t('cf.moreAnon') : t('cf.more')}
          aria-label={t('cf.more')}
          onClick={() => setMoreOpen((o) => !o)}
        >
          <Icon name="chevronDown" />
        </button>
        <div id={`${id}-more`} className="cf-popover" hidden={!moreOpen}>
          <div className="cf-check">
            <input
              id={`${id}-anon`}
              type="checkbox"
              checked={fields.anonymous}
              onChange={(e) => update({ anonymous: e.target.checked })}
            />
            <label htmlFor={`${id}-anon`}>{t('ui.anonymous')}</label>
          </div>
          <div className="cf-field">
            <label htmlFor={`${id}-datamode`}>{t('ui.dataMode')}</label>
            <select
              id={`${id}-datamode`}
              className="select"
              value={fields.dataMode}
              onChange={(e) => update({ dataMode: e.target.value as DataMode })}
            >
              <option value="passive">{t('cf.passiveRecommended')}</option>
              <option value="active">{t('ui.dataMode.active')}</option>
            </select>
          </div>
          <div className="cf-check">
            <input
              id={`${id}-vhost`}
              type="checkbox"
              checked={fields.virtualHost}
              onChange={(e) => update({ virtualHost: e.target.checked })}
            />
            <label htmlFor={`${id}-vhost`} title={t('cf.virtualHostHint')}>
              {t('cf.virtualHost')}
            </label>
          </div>
          <div className="cf-field">
            <label htmlFor={`${id}-account`}>{t('cf.account')}</label>
            <SecretInput
              id={`${id}-account`}
              className="input"
              autoComplete="off"
              disabled={fields.anonymous}
              value={fields.account}
              placeholder={t('cf.accountHint')}
              onValueChange={(account) => update({ account })}
            />
          </div>
          <div className="cf-field">
            <label htmlFor={`${id}-encoding`}>{t('ui.encoding')}</label>
            <select
              id={`${id}-encoding`}
              className="select"
              value={fields.encoding}
              onChange={(e) => update({ encoding: e.target.value })}
            >
              {ENCODINGS.map((enc) => (
                <option key={enc.value} value={enc.value}>
                  {encodingLabel(enc.value, t)}
                </option>
              ))}
            </select>
          </div>
          <ServerTimezoneField idPrefix={id} value={fields.serverTimezone} onChange={(serverTimezone) => update({ serverTimezone })} />
        </div>
      </div>
      <button type="submit" className="btn btn-primary cf-submit" aria-busy={pending || undefined}>
        {pending ? <span className="spinner" aria-hidden="true" /> : <Icon name="plug" />}
        {t('ui.connect')}
      </button>
    </form>
  );
}

/**
 * A field's validation message, under that field (the form's fields sit in
 * one row). `alignEnd` lines it up with the field's right edge, for a narrow
 * field whose message would otherwise run past the window on a phone.
 */
function FieldProblem({ id, text, alignEnd = false }: { id: string; text: string; alignEnd?: boolean }) {
  return (
    <p id={id} className={`cf-problem${alignEnd ? ' is-end' : ''}`} role="alert">
      {text}
    </p>
  );
}
