/** The connect form's values, defaults, and conversion to the wire's ConnectParams. */
import type { ConnectParams, DataMode, SecureMode } from '@ftpdeck/protocol';
import type { ServerTimezone } from './serverTimezones.ts';

/** Form values as the inputs hold them. */
export interface ConnectFields {
  host: string;
  port: string;
  user: string;
  password: string;
  secure: SecureMode;
  dataMode: DataMode;
  encoding: string;
  anonymous: boolean;
  /** ACCT, for servers that ask for an account after the password (332). */
  account: string;
  /** Send HOST with the host name before logging in (virtual hosts, RFC 7151). */
  virtualHost: boolean;
  /** The FTP server's time zone for listing times: detected (`auto`) or minutes east of UTC. */
  serverTimezone: ServerTimezone;
}

/** An empty form: FTP on port 21, passive, automatic encoding and server time zone. */
export const EMPTY_FIELDS: ConnectFields = {
  host: '',
  port: '21',
  user: '',
  password: '',
  secure: 'none',
  dataMode: 'passive',
  encoding: 'auto',
  anonymous: false,
  account: '',
  virtualHost: false,
  serverTimezone: 'auto',
};

/** Protocol choices, labelled as users know them. */
export const PROTOCOLS: ReadonlyArray<{ value: SecureMode; label: string }> = [
  { value: 'none', label: 'FTP' },
  { value: 'explicit', label: 'FTPS explicit' },
  { value: 'implicit', label: 'FTPS implicit' },
];

/** Default port per protocol: implicit FTPS listens on 990. */
export function defaultPort(secure: SecureMode): string {
  return secure === 'implicit' ? '990' : '21';
}

/** Accepts `ftp://user@host:port` pasted into Host and splits it. */
export function parseHostInput(raw: string): Partial<ConnectFields> | null {
  const m = /^(ftps?|ftpes):\/\/(?:([^@/:]*)(?::([^@/]*))?@)?([^/:]+)(?::(\d+))?\/?$/i.exec(raw.trim());
  if (!m) return null;
  const scheme = (m[1] ?? 'ftp').toLowerCase();
  const secure: SecureMode = scheme === 'ftps' ? 'implicit' : scheme === 'ftpes' ? 'explicit' : 'none';
  return {
    host: m[4] ?? '',
    secure,
    port: m[5] ?? defaultPort(secure),
    ...(m[2] ? { user: decodeURIComponent(m[2]) } : {}),
    ...(m[3] ? { password: decodeURIComponent(m[3]) } : {}),
  };
}

/** The catalog key of a message saying what is wrong with the form. */
export type ConnectProblem = 'cf.needHost' | 'cf.badPort';

/** Form values → ConnectParams, or the catalog key of a message saying what is wrong. */
export function toConnectParams(f: ConnectFields): ConnectParams | ConnectProblem {
  const host = f.host.trim();
  if (!host) return 'cf.needHost';
  const port = Number(f.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return 'cf.badPort';
  return {
    host,
    port,
    user: f.anonymous ? 'anonymous' : f.user,
    password: f.anonymous ? 'anonymous@' : f.password,
    secure: f.secure,
    dataMode: f.dataMode,
    encoding: f.encoding,
    ...(f.account && !f.anonymous ? { account: f.account } : {}),
    ...(f.virtualHost ? { virtualHost: true } : {}),
    // `auto` is the server's default, so it is not sent.
    ...(f.serverTimezone !== 'auto' ? { serverTimezone: f.serverTimezone } : {}),
  };
}

/** localStorage key for the last site (never the password or the account). */
export const LAST_SITE_KEY = 'ftpdeck.lastSite';

/** What is remembered between visits. */
export type RememberedSite = Omit<ConnectFields, 'password' | 'account'>;
