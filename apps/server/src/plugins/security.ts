/**
 * Security that applies to every request: response headers (CSP and
 * friends), the WebSocket Origin check against cross-site WebSocket
 * hijacking, and the access token that is required whenever the server is
 * bound beyond loopback.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
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

/** Paths reachable without the access cookie. */
const PUBLIC_PATHS = new Set(['/healthz', '/api/login', '/api/config']);

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

async function security(app: FastifyInstance, opts: { config: ServerConfig }): Promise<void> {
  const { config } = opts;
  const loginAttempts = new Map<string, { count: number; since: number }>();

  app.addHook('onRequest', async (req, reply) => {
    reply.headers(SECURITY_HEADERS);
    const path = req.url.split('?')[0] ?? '/';
    if (path === '/ws' && !originAllowed(req, config.allowedOrigins)) {
      return reply.code(403).send({ code: ServerErrorCodes.ORIGIN, message: 'cross-origin WebSocket refused' });
    }
    if (config.accessToken && !PUBLIC_PATHS.has(path) && (path === '/ws' || path.startsWith('/api/'))) {
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
    if (current.count > 10) return reply.code(429).send({ code: ServerErrorCodes.LIMIT, message: 'too many attempts; wait a minute' });
    const token = typeof req.body?.token === 'string' ? req.body.token : '';
    if (!safeEqual(token, config.accessToken)) return reply.code(401).send({ code: ServerErrorCodes.UNAUTHORIZED, message: 'wrong access token' });
    const secure = req.headers['x-forwarded-proto'] === 'https' ? '; Secure' : '';
    reply.header('set-cookie', `${COOKIE}=${accessCookieValue(config.accessToken)}; HttpOnly; SameSite=Strict; Path=/${secure}`);
    return { ok: true };
  });
}

export default fp(security, { name: 'ftpdeck-security' });
