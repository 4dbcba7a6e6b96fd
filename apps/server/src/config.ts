/**
 * Server configuration from CLI flags and environment variables. Flags win
 * over the environment; both are documented as a table in the README.
 */
import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, MAX_TIMER_MS, addressList, bindHost, boolean, integer, ipAddress, logLevel, portRanges, targetList, type SettingName } from './configValues.ts';

/** Demo FTP server details the connect form is prefilled with. */
export interface DemoTarget {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** Everything buildApp() needs. */
export interface ServerConfig {
  /** Address to bind. Loopback by default; anything else requires `accessToken`. */
  host: string;
  port: number;
  /** Required when bound beyond loopback, so nobody runs an open relay by accident. */
  accessToken?: string;
  /** Origins allowed to open the WebSocket, besides the server's own. */
  allowedOrigins: string[];
  /** Folder with the built web UI; `null` serves no UI (API-only, tests). */
  webRoot: string | null;
  demo?: DemoTarget;
  /** How long a session outlives its WebSocket (reload, network blip). */
  sessionGraceMs: number;
  /** Close sessions with no browser activity for this long. */
  sessionIdleMs: number;
  /** FTP connections per session used for transfers (besides the browsing one). */
  transferConnections: number;
  /** NOOP keepalive interval for idle FTP connections. */
  keepAliveMs: number;
  /** NOOP interval on a connection while it transfers (0: none); see the engine's transferKeepAliveMs. */
  transferKeepAliveMs: number;
  /** Upload window: bytes the browser may have in flight beyond the last acknowledgement. */
  uploadWindowBytes: number;
  /** Target policy: allow private/loopback FTP targets. Defaults to true only when bound to loopback. */
  allowPrivateTargets: boolean;
  /** Extra host/CIDR allow and deny entries, applied after DNS resolution. */
  allowTargets: string[];
  denyTargets: string[];
  /** Ports FTP targets may use: `*` or a list of ranges. */
  allowedPorts: Array<[number, number]>;
  /** Local address to announce and listen on for active-mode (PORT/EPRT) data connections. */
  activeAddress?: string;
  logLevel: string;
  /** Pause before each reconnect attempt of a dropped browsing connection; the length is the number of tries. */
  reconnectDelaysMs?: number[];
  /** Sessions one client address may hold at once. */
  maxSessionsPerIp: number;
  /**
   * Reverse proxies (addresses or CIDRs) whose X-Forwarded-For names the
   * client. Empty: the socket's peer is the client, and the header is ignored,
   * since anyone could send it to dodge the per-address limits.
   */
  trustProxy: string[];
  /** Directory listings with more entries are refused (the engine also caps listing bytes). */
  maxListEntries: number;
  /**
   * How long one directory listing may take, ms (default 170 000, a little
   * under the page's 180 s wait): a server that drips a listing must not
   * hold the session's browsing connection for ever. Not a flag; tests shorten it.
   */
  listDeadlineMs?: number;
  /** Uploads one session may run at once. */
  maxUploadsPerSession: number;
  /** Largest upload accepted, in bytes; `null` for no limit. */
  maxUploadBytes: number | null;
  /** On SIGTERM, how long running transfers may take to finish before they are aborted. */
  shutdownGraceMs: number;
}

const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** True for 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function parseDemo(url: string): DemoTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(`bad --demo / FTPDECK_DEMO: "${url}" (want ftp://user:pass@host:port)`);
  }
  if (u.protocol !== 'ftp:') throw new ConfigError(`demo URL must start with ftp:// (got ${url})`);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 21,
    user: decodeURIComponent(u.username || 'anonymous'),
    password: decodeURIComponent(u.password),
  };
}

const list = (s: string | undefined): string[] => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

/** `--web-root none` (or an empty value): serve no UI, only the API. */
const NO_WEB_ROOT = 'none';

/**
 * Where the UI comes from. A folder given explicitly must exist: a typo
 * would otherwise start a server that answers every page with 404. The
 * default folder may be missing (a server built without the UI).
 */
function webRootOf(raw: string | undefined): string | null {
  if (raw === undefined) return DEFAULT_WEB_ROOT;
  if (raw.trim() === '' || raw.trim() === NO_WEB_ROOT) return null;
  if (!existsSync(raw) || !statSync(raw).isDirectory()) {
    throw new ConfigError(`bad --web-root / FTPDECK_WEB_ROOT: "${raw}" is not a folder (give the built UI's folder, or "none" to serve no UI)`);
  }
  return raw;
}

/**
 * Reads flags (argv) and the environment into a ServerConfig. Every value is
 * validated here; a bad one throws a ConfigError naming the flag and the
 * environment variable (main.ts prints it and exits 2).
 */
export function loadConfig(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'access-token': { type: 'string' },
      'allowed-origins': { type: 'string' },
      'web-root': { type: 'string' },
      demo: { type: 'string' },
      'no-demo': { type: 'boolean' },
      'allow-private-targets': { type: 'boolean' },
      'allow-targets': { type: 'string' },
      'deny-targets': { type: 'string' },
      'allowed-ports': { type: 'string' },
      'active-address': { type: 'string' },
      'transfer-connections': { type: 'string' },
      'log-level': { type: 'string' },
      'max-sessions-per-ip': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'max-upload-bytes': { type: 'string' },
    },
  });
  /** A setting's raw text: the flag when given, else the environment variable. */
  const raw = (name: SettingName): string | undefined => (name.flag ? (values[name.flag as keyof typeof values] as string | undefined) : undefined) ?? env[name.env];
  const int = (name: SettingName, fallback: number, min: number, max: number): number => integer(name, raw(name), fallback, min, max);

  const hostName = { flag: 'host', env: 'FTPDECK_HOST' };
  const host = bindHost(hostName, raw(hostName) ?? '127.0.0.1');
  const port = int({ flag: 'port', env: 'FTPDECK_PORT' }, 8021, 0, 65535);
  const accessToken = raw({ flag: 'access-token', env: 'FTPDECK_ACCESS_TOKEN' });
  if (!isLoopbackHost(host) && !accessToken) {
    throw new ConfigError(
      `refusing to bind ${host} without an access token: set FTPDECK_ACCESS_TOKEN or --access-token (anyone who can reach the port could use this server as an FTP relay)`,
    );
  }
  const demoUrl = values['no-demo'] ? undefined : (values.demo ?? env.FTPDECK_DEMO);
  const privateTargets = values['allow-private-targets'] ?? boolean({ flag: 'allow-private-targets', env: 'FTPDECK_ALLOW_PRIVATE_TARGETS' }, env.FTPDECK_ALLOW_PRIVATE_TARGETS);
  const allowTargets = { flag: 'allow-targets', env: 'FTPDECK_ALLOW_TARGETS' };
  const denyTargets = { flag: 'deny-targets', env: 'FTPDECK_DENY_TARGETS' };
  const ports = { flag: 'allowed-ports', env: 'FTPDECK_ALLOWED_PORTS' };
  const logLevelName = { flag: 'log-level', env: 'FTPDECK_LOG_LEVEL' };
  const trustProxy = { flag: 'trust-proxy', env: 'FTPDECK_TRUST_PROXY' };
  const config: ServerConfig = {
    host,
    port,
    allowedOrigins: list(raw({ flag: 'allowed-origins', env: 'FTPDECK_ALLOWED_ORIGINS' })),
    webRoot: webRootOf(raw({ flag: 'web-root', env: 'FTPDECK_WEB_ROOT' })),
    sessionGraceMs: int({ env: 'FTPDECK_SESSION_GRACE_MS' }, 60_000, 0, MAX_TIMER_MS),
    // At least a second: the sweep runs every min(60 s, this), and a smaller value would spin.
    sessionIdleMs: int({ env: 'FTPDECK_SESSION_IDLE_MS' }, 30 * 60_000, 1000, MAX_TIMER_MS),
    transferConnections: int({ flag: 'transfer-connections', env: 'FTPDECK_TRANSFER_CONNECTIONS' }, 3, 1, MAX_TRANSFER_CONNECTIONS),
    keepAliveMs: int({ env: 'FTPDECK_KEEPALIVE_MS' }, 30_000, 0, MAX_TIMER_MS),
    transferKeepAliveMs: int({ env: 'FTPDECK_TRANSFER_KEEPALIVE_MS' }, 60_000, 0, MAX_TIMER_MS),
    uploadWindowBytes: int({ env: 'FTPDECK_UPLOAD_WINDOW_BYTES' }, 8 * 1024 * 1024, MIN_UPLOAD_WINDOW_BYTES, MAX_UPLOAD_WINDOW_BYTES),
    allowPrivateTargets: privateTargets ?? isLoopbackHost(host),
    allowTargets: targetList(allowTargets, list(raw(allowTargets))),
    denyTargets: targetList(denyTargets, list(raw(denyTargets))),
    allowedPorts: portRanges(ports, raw(ports) ?? '*'),
    logLevel: logLevel(logLevelName, raw(logLevelName) ?? 'info'),
    maxSessionsPerIp: int({ flag: 'max-sessions-per-ip', env: 'FTPDECK_MAX_SESSIONS_PER_IP' }, 20, 1, 1_000_000),
    trustProxy: addressList(trustProxy, list(raw(trustProxy))),
    maxListEntries: int({ env: 'FTPDECK_MAX_LIST_ENTRIES' }, 200_000, 1, 100_000_000),
    maxUploadsPerSession: int({ env: 'FTPDECK_MAX_UPLOADS_PER_SESSION' }, 16, 1, 10_000),
    maxUploadBytes: null,
    shutdownGraceMs: int({ env: 'FTPDECK_SHUTDOWN_GRACE_MS' }, 5000, 0, MAX_TIMER_MS),
  };
  const maxUpload = { flag: 'max-upload-bytes', env: 'FTPDECK_MAX_UPLOAD_BYTES' };
  if (raw(maxUpload)?.trim()) config.maxUploadBytes = int(maxUpload, 0, 1, Number.MAX_SAFE_INTEGER);
  if (accessToken) config.accessToken = accessToken;
  if (demoUrl) config.demo = parseDemo(demoUrl);
  const active = { flag: 'active-address', env: 'FTPDECK_ACTIVE_ADDRESS' };
  const activeRaw = raw(active);
  if (activeRaw?.trim()) config.activeAddress = ipAddress(active, activeRaw);
  return config;
}

/** Most transfer connections a session may open (besides the browsing one). */
export const MAX_TRANSFER_CONNECTIONS = 16;
/** Upload window bounds: below a 64 KiB window uploads crawl, above 1 GiB one browser could pin the relay's memory. */
export const MIN_UPLOAD_WINDOW_BYTES = 64 * 1024;
export const MAX_UPLOAD_WINDOW_BYTES = 1024 * 1024 * 1024;

/** A config for tests: API only, loopback, small timeouts. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    allowedOrigins: [],
    webRoot: null,
    sessionGraceMs: 60_000,
    sessionIdleMs: 30 * 60_000,
    transferConnections: 3,
    keepAliveMs: 30_000,
    transferKeepAliveMs: 60_000,
    uploadWindowBytes: 8 * 1024 * 1024,
    allowPrivateTargets: true,
    allowTargets: [],
    denyTargets: [],
    allowedPorts: [[1, 65535]],
    logLevel: 'warn',
    reconnectDelaysMs: [50, 100, 200, 400, 800],
    maxSessionsPerIp: 20,
    trustProxy: [],
    maxListEntries: 200_000,
    maxUploadsPerSession: 16,
    maxUploadBytes: null,
    shutdownGraceMs: 5000,
    ...overrides,
  };
}
