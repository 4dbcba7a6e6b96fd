/**
 * Security that applies to every request: response headers (CSP and
 * friends), the WebSocket Origin check against cross-site WebSocket
 * hijacking, and the access token that is required whenever the server is
 * bound beyond loopback.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ServerErrorCodes } from '@ftpdeck/protocol';
import type { ServerConfig } from '../config.ts';

const COOKIE = 'ftpdeck_access';

/**
 * Headers every response carries. They are put on the reply when the
 * request arrives (not when it is sent), so a route that hijacks the reply
 * for a streamed download finds them among the reply's headers like any
 * other, and no response path can miss them.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/**
 * Routes reachable without the access cookie: the health check, the login
 * and what the login page needs, and the UI's static files (`/*`). Routes,
 * not paths: Fastify's router decodes the path (`/%77s` is `/ws`), so the
 * check goes by the route it matched, and any route not named here needs
 * the cookie.
 */
const PUBLIC_ROUTES = new Set(['/healthz', '/api/login', '/api/config', '/*']);

/** The cookie value proving the token was presented: an HMAC, so the token itself never sits in a cookie. */
export function accessCookieValue(token: string): string {
  return createHmac('sha256', token).update('ftpdeck-access-v1').digest('base64url');
}

function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when the browser page that opened this request is one of ours. */
export function originAllowed(req: FastifyRequest, allowed: string[]): boolean {
  const origin = req.headers.origin;
  // Browsers always send Origin on WebSocket upgrades; a request without one
  // is not a browser (CLI tools, tests) and cannot be a cross-site hijack.
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * True when the Host header names this server as the browser may know it.
 * Without an access token (a loopback server), that is a loopback name or
 * the host of an allowed origin: a page that rebinds its own domain to
 * 127.0.0.1 (DNS rebinding) is then same-origin with itself, so the Origin
 * check alone would let it in; its Host header still names its domain.
 * With a token the cookie guards the same ground: it is never sent to
 * another site's name.
 */
export function hostAllowed(req: FastifyRequest, config: Pick<ServerConfig, 'accessToken' | 'allowedOrigins'>): boolean {
  const host = req.headers.host;
  // HTTP/1.1 clients always send Host; one without it is not a browser.
  if (config.accessToken || host === undefined) return true;
  const name = hostName(host);
  if (name === 'localhost' || name.endsWith('.localhost') || name === '::1' || (isIP(name) === 4 && name.startsWith('127.'))) return true;
  // Debian maps the machine's own name to 127.0.1.1; no other site can send it as its Host.
  if (name === hostname().toLowerCase()) return true;
  return config.allowedOrigins.some((origin) => {
    try {
      return hostName(new URL(origin).host) === name;
    } catch {
      return false;
    }
  });
}

/** `host[:port]` or `[v6]:port` to the bare, lower-case name. */
function hostName(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) {
    const end = lower.indexOf(']');
    return lower.slice(1, end < 0 ? undefined : end);
  }
  const colon = lower.indexOf(':');
  return (colon < 0 ? lower : lower.slice(0, colon)).replace(/\.$/, '');
}

async function security(app: FastifyInstance, opts: { config: ServerConfig }): Promise<void> {
  const { config } = opts;
  const loginAttempts = new Map<string, { count: number; since: number }>();

  app.addHook('onRequest', async (req, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (!hostAllowed(req, config)) {
      return reply.code(403).send({ code: ServerErrorCodes.ORIGIN, message: 'this server does not answer to that host name; add its origin to --allowed-origins' });
    }
    // Undefined only before routing, which onRequest never sees; treated as needing everything.
    const route = req.routeOptions.url ?? '';
    // Any WebSocket handshake, whatever path it came by.
    const upgrade = req.headers.upgrade !== undefined;
    if ((route === '/ws' || upgrade) && !originAllowed(req, config.allowedOrigins)) {
      return reply.code(403).send({ code: ServerErrorCodes.ORIGIN, message: 'cross-origin WebSocket refused' });
    }
    if (config.accessToken && (upgrade || !PUBLIC_ROUTES.has(route))) {
      const cookie = readCookie(req, COOKIE);
      if (!cookie || !safeEqual(cookie, accessCookieValue(config.accessToken))) {
        return reply.code(401).send({ code: ServerErrorCodes.UNAUTHORIZED, message: 'access token required' });
      }
    }
    return undefined;
  });

  app.post<{ Body: { token?: unknown } }>('/api/login', async (req, reply) => {
    if (!config.accessToken) return { ok: true };
    // 10 attempts per minute per client address: enough for typos, useless for guessing.
    const now = Date.now();
    const entry = loginAttempts.get(req.ip);
    const current = entry && now - entry.since < 60_000 ? entry : { count: 0, since: now };
    current.count += 1;
    loginAttempts.set(req.ip, current);
    if (current.count > 10) {
      const waitS = Math.max(1, Math.ceil((current.since + 60_000 - now) / 1000));
      reply.header('retry-after', String(waitS));
      return reply.code(429).send({ code: ServerErrorCodes.LIMIT, message: `too many attempts; wait ${waitS} s`, retryable: true });
    }
    const token = typeof req.body?.token === 'string' ? req.body.token : '';
    if (!safeEqual(token, config.accessToken)) return reply.code(401).send({ code: ServerErrorCodes.UNAUTHORIZED, message: 'wrong access token' });
    const secure = req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
    reply.header('set-cookie', `${COOKIE}=${accessCookieValue(config.accessToken)}; HttpOnly; SameSite=Strict; Path=/${secure}`);
    return { ok: true };
  });
}

export default fp(security, { name: 'ftpdeck-security' });
