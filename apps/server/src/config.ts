/**
 * Server configuration from CLI flags and environment variables. Flags win
 * over the environment; both are documented as a table in the README.
 */
import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

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
  /** Directory listings with more entries are refused (the engine also caps listing bytes). */
  maxListEntries: number;
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

function parsePorts(spec: string): Array<[number, number]> {
  if (spec.trim() === '*') return [[1, 65535]];
  return spec.split(',').map((part) => {
    const [a, b] = part.trim().split('-').map((n) => Number.parseInt(n, 10));
    if (a === undefined || Number.isNaN(a)) throw new Error(`bad port range "${part}"`);
    return [a, b === undefined || Number.isNaN(b) ? a : b];
  });
}

function parseDemo(url: string): DemoTarget {
  const u = new URL(url);
  if (u.protocol !== 'ftp:') throw new Error(`demo URL must start with ftp:// (got ${url})`);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 21,
    user: decodeURIComponent(u.username || 'anonymous'),
    password: decodeURIComponent(u.password),
  };
}

/** A non-negative integer setting, or its default when unset. */
function positive(what: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`bad ${what}: "${raw}"`);
  return n;
}

const list = (s: string | undefined): string[] => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

/** Reads flags (argv) and the environment into a ServerConfig. Throws on nonsense. */
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
      'max-upload-bytes': { type: 'string' },
    },
  });
  const host = values.host ?? env.FTPDECK_HOST ?? '127.0.0.1';
  const port = Number(values.port ?? env.FTPDECK_PORT ?? 8021);
  const accessToken = values['access-token'] ?? env.FTPDECK_ACCESS_TOKEN;
  if (!isLoopbackHost(host) && !accessToken) {
    throw new Error(
      `refusing to bind ${host} without an access token: set FTPDECK_ACCESS_TOKEN or --access-token (anyone who can reach the port could use this server as an FTP relay)`,
    );
  }
  const demoUrl = values['no-demo'] ? undefined : (values.demo ?? env.FTPDECK_DEMO);
  const privateEnv = env.FTPDECK_ALLOW_PRIVATE_TARGETS;
  const config: ServerConfig = {
    host,
    port,
    allowedOrigins: list(values['allowed-origins'] ?? env.FTPDECK_ALLOWED_ORIGINS),
    webRoot: values['web-root'] ?? env.FTPDECK_WEB_ROOT ?? DEFAULT_WEB_ROOT,
    sessionGraceMs: Number(env.FTPDECK_SESSION_GRACE_MS ?? 60_000),
    sessionIdleMs: Number(env.FTPDECK_SESSION_IDLE_MS ?? 30 * 60_000),
    transferConnections: Number(values['transfer-connections'] ?? env.FTPDECK_TRANSFER_CONNECTIONS ?? 3),
    keepAliveMs: Number(env.FTPDECK_KEEPALIVE_MS ?? 30_000),
    transferKeepAliveMs: positive('transfer keepalive', env.FTPDECK_TRANSFER_KEEPALIVE_MS, 60_000),
    uploadWindowBytes: Number(env.FTPDECK_UPLOAD_WINDOW_BYTES ?? 8 * 1024 * 1024),
    allowPrivateTargets:
      values['allow-private-targets'] ?? (privateEnv === undefined ? isLoopbackHost(host) : privateEnv === '1' || privateEnv === 'true'),
    allowTargets: list(values['allow-targets'] ?? env.FTPDECK_ALLOW_TARGETS),
    denyTargets: list(values['deny-targets'] ?? env.FTPDECK_DENY_TARGETS),
    allowedPorts: parsePorts(values['allowed-ports'] ?? env.FTPDECK_ALLOWED_PORTS ?? '*'),
    logLevel: values['log-level'] ?? env.FTPDECK_LOG_LEVEL ?? 'info',
    maxSessionsPerIp: positive('max sessions per IP', values['max-sessions-per-ip'] ?? env.FTPDECK_MAX_SESSIONS_PER_IP, 20),
    maxListEntries: positive('max list entries', env.FTPDECK_MAX_LIST_ENTRIES, 200_000),
    maxUploadsPerSession: positive('max uploads per session', env.FTPDECK_MAX_UPLOADS_PER_SESSION, 16),
    maxUploadBytes: null,
    shutdownGraceMs: positive('shutdown grace', env.FTPDECK_SHUTDOWN_GRACE_MS, 5000),
  };
  const maxUpload = values['max-upload-bytes'] ?? env.FTPDECK_MAX_UPLOAD_BYTES;
  if (maxUpload !== undefined && maxUpload !== '') config.maxUploadBytes = positive('max upload bytes', maxUpload, 0);
  if (accessToken) config.accessToken = accessToken;
  if (demoUrl) config.demo = parseDemo(demoUrl);
  const active = values['active-address'] ?? env.FTPDECK_ACTIVE_ADDRESS;
  if (active) config.activeAddress = active;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port ${String(port)}`);
  return config;
}

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
    maxListEntries: 200_000,
    maxUploadsPerSession: 16,
    maxUploadBytes: null,
    shutdownGraceMs: 5000,
    ...overrides,
  };
}
