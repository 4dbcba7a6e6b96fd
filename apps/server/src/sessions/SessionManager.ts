/**
 * Owns every session. Tokens are 192 random bits, so one user can never
 * guess their way into another's session. A session whose socket goes away
 * is kept for the grace period (and past it while its downloads run, see
 * release()), then closed with QUIT. Download URLs carry
 * tickets (DownloadTickets), never the token.
 */
import { randomBytes } from 'node:crypto';
import { ServerErrorCodes, type WireError } from '@ftpdeck/protocol';
import type { ServerConfig } from '../config.ts';
import type { TargetPolicy } from '../policy/targetPolicy.ts';
import { DownloadTickets } from './DownloadTickets.ts';
import { Session } from './Session.ts';
import { ServerError } from './toWire.ts';
import type { FastifyBaseLogger } from 'fastify';

/** What the manager needs from the app. */
export interface SessionManagerDeps {
  config: ServerConfig;
  policy: TargetPolicy;
  log: FastifyBaseLogger;
}

/** How often a session past its grace period looks again whether its work has ended. */
const LINGER_CHECK_MS = 1000;

/** Every live session, keyed by token; limits, grace periods and shutdown. */
export class SessionManager {
  readonly tickets = new DownloadTickets<Session>({ addressOf: (session) => session.clientIp });
  readonly #sessions = new Map<string, Session>();
  readonly #graceTimers = new Map<string, NodeJS.Timeout>();
  readonly #deps: SessionManagerDeps;
  readonly #sweeper: NodeJS.Timeout;
  #shuttingDown = false;

  constructor(deps: SessionManagerDeps) {
    this.#deps = deps;
    // Sessions close after sessionIdleMs without a request, whether a tab holds them or not (see #sweep).
    this.#sweeper = setInterval(() => this.#sweep(), Math.min(60_000, deps.config.sessionIdleMs)).unref();
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** Sessions with a browser attached right now. */
  get attachedCount(): number {
    let n = 0;
    for (const s of this.#sessions.values()) if (s.attached) n += 1;
    return n;
  }

  /** True once shutdown() began: no new sessions, no new transfers. */
  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /**
   * Finds a detached session by token, cancelling its grace timer; or makes
   * a new one for `clientIp`, within the per-address cap.
   */
  claim(token: string | undefined, clientIp: string): { session: Session; resumed: boolean } {
    if (this.#shuttingDown) throw new ServerError(ServerErrorCodes.SHUTTING_DOWN, 'the server is shutting down', true);
    const existing = token === undefined ? undefined : this.#sessions.get(token);
    if (existing && !existing.attached) {
      const timer = this.#graceTimers.get(existing.token);
      if (timer) clearTimeout(timer);
      this.#graceTimers.delete(existing.token);
      return { session: existing, resumed: true };
    }
    let mine = 0;
    for (const s of this.#sessions.values()) if (s.clientIp === clientIp) mine += 1;
    const cap = this.#deps.config.maxSessionsPerIp;
    if (mine >= cap) {
      throw new ServerError(ServerErrorCodes.LIMIT, `this address already holds ${mine} sessions (at most ${cap}); close a tab or wait for idle sessions, and downloads from closed tabs, to end`, true);
    }
    const session = new Session(randomBytes(24).toString('base64url'), clientIp, { ...this.#deps, tickets: this.tickets });
    this.#sessions.set(session.token, session);
    this.#deps.log.info({ session: session.logId, sessions: this.#sessions.size }, 'session opened');
    return { session, resumed: false };
  }

  /** Looks a session up by token. */
  get(token: string): Session | undefined {
    return this.#sessions.get(token);
  }

  /** Every live session (shutdown, health). */
  all(): Session[] {
    return [...this.#sessions.values()];
  }

  /**
   * The socket went away: keep the session for the grace period, and past
   * it while work runs. A download belongs to the browser's download
   * manager, not to the page: someone who closes the tab after starting a
   * big download expects it to finish, and ending the session would cut it.
   * Once nothing runs, a fresh grace period: Chromium fetches a cut download
   * again by the same link, and a Resume from its downloads list needs the
   * link too. Work that moved nothing for the idle timeout (a download the
   * browser paused, a stuck reader) does not hold the session for ever.
   */
  release(session: Session): void {
    session.detach();
    // A session the manager no longer holds was closed already; closing again makes sure no FTP connection outlives it.
    if (!this.#sessions.has(session.token)) return void this.close(session);
    const { sessionGraceMs, sessionIdleMs } = this.#deps.config;
    // Every timer goes through the same map, so a tab that comes back (claim) stops the lot.
    const later = (ms: number, then: () => void): void => {
      const timer = setTimeout(then, ms);
      timer.unref();
      this.#graceTimers.set(session.token, timer);
    };
    const expire = (): void => {
      if (!session.busy) return void this.close(session);
      const check = (): void => {
        if (!session.busy) return later(sessionGraceMs, expire);
        if (Date.now() - session.lastActivity >= sessionIdleMs) return void this.close(session);
        later(LINGER_CHECK_MS, check);
      };
      check();
    };
    later(sessionGraceMs, expire);
  }

  /**
   * Ends a session: QUIT on its FTP connections. With a `reason`, an
   * attached socket is told (session-state, then an error event and close
   * code 4005; see the gateway).
   */
  async close(session: Session, reason?: WireError): Promise<void> {
    const timer = this.#graceTimers.get(session.token);
    if (timer) clearTimeout(timer);
    this.#graceTimers.delete(session.token);
    if (this.#sessions.delete(session.token)) this.#deps.log.info({ session: session.logId }, 'session closed');
    await session.close(reason).catch((err: unknown) => this.#deps.log.warn({ err: (err as Error).message }, 'closing a session failed'));
  }

  /**
   * Closes sessions without a request for sessionIdleMs and no transfer or
   * recursive delete running, as the issue asks ("idle sessions close after
   * a configurable timeout"): a tab left open and forgotten must not hold an FTP
   * connection, kept alive by NOOPs, for days. A tab that still holds the
   * session is told (session-state with SRV_ERR_SESSION_ENDED, close 4005),
   * so it shows the session as ended instead of a connection that no longer
   * answers; a session no tab holds usually ends earlier, with its grace
   * period.
   */
  #sweep(): void {
    const idleMs = this.#deps.config.sessionIdleMs;
    const cutoff = Date.now() - idleMs;
    for (const session of this.#sessions.values()) {
      if (session.lastActivity >= cutoff || session.busy) continue;
      void this.close(session, { code: ServerErrorCodes.SESSION_ENDED, message: `the session ended after ${idleMs >= 60_000 ? `${Math.round(idleMs / 60_000)} min` : `${idleMs / 1000} s`} without activity` });
    }
  }

  /**
   * Graceful shutdown, step one: refuse new sessions and transfers (new
   * sessions here, downloads in their route, uploads in the gateway), let
   * running transfers, deletes and requests finish within `graceMs`, then
   * abort what is left (ABOR; a delete stops before its next command).
   */
  async drain(graceMs: number): Promise<void> {
    this.#shuttingDown = true;
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && this.all().some((s) => s.busy)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const reason = new ServerError(ServerErrorCodes.SHUTTING_DOWN, 'the server is shutting down; resume the transfer once it is back', true);
    for (const s of this.all()) {
      s.transfers.cancelAll(reason);
      // A delete stops before its next command; what it had not reached stays.
      s.deletes.cancelAll();
    }
    // Aborted uploads still report (transfer-done with resumeFrom) before their sessions close; bounded, as ABOR may hang.
    const reportBy = Date.now() + 3000;
    while (Date.now() < reportBy && this.all().some((s) => s.transfers.running > 0)) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Closes all sessions: QUIT on every FTP connection. */
  async closeAll(): Promise<void> {
    this.#shuttingDown = true;
    clearInterval(this.#sweeper);
    await Promise.allSettled(this.all().map((s) => this.close(s)));
  }
}
