/**
 * Owns every session. Tokens are 192 random bits, so one user can never
 * guess their way into another's session (or its download URLs). A session
 * whose socket goes away is kept for the grace period, then closed with QUIT.
 */
import { randomBytes } from 'node:crypto';
import { Session, type SessionDeps } from './Session.ts';

export class SessionManager {
  readonly #sessions = new Map<string, Session>();
  readonly #graceTimers = new Map<string, NodeJS.Timeout>();
  readonly #deps: SessionDeps;
  readonly #sweeper: NodeJS.Timeout;

  constructor(deps: SessionDeps) {
    this.#deps = deps;
    // Idle sessions (attached or not) close after sessionIdleMs without a message.
    this.#sweeper = setInterval(() => this.#sweep(), Math.min(60_000, deps.config.sessionIdleMs)).unref();
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** Finds a detached session by token, cancelling its grace timer; or makes a new one. */
  claim(token: string | undefined): { session: Session; resumed: boolean } {
    const existing = token === undefined ? undefined : this.#sessions.get(token);
    if (existing && !existing.attached) {
      const timer = this.#graceTimers.get(existing.token);
      if (timer) clearTimeout(timer);
      this.#graceTimers.delete(existing.token);
      return { session: existing, resumed: true };
    }
    const session = new Session(randomBytes(24).toString('base64url'), this.#deps);
    this.#sessions.set(session.token, session);
    return { session, resumed: false };
  }

  /** Looks a session up by token (download URLs carry it). */
  get(token: string): Session | undefined {
    return this.#sessions.get(token);
  }

  /** The socket went away: keep the session for the grace period. */
  release(session: Session): void {
    session.detach();
    const timer = setTimeout(() => void this.close(session), this.#deps.config.sessionGraceMs);
    timer.unref();
    this.#graceTimers.set(session.token, timer);
  }

  async close(session: Session): Promise<void> {
    const timer = this.#graceTimers.get(session.token);
    if (timer) clearTimeout(timer);
    this.#graceTimers.delete(session.token);
    this.#sessions.delete(session.token);
    await session.close().catch((err: unknown) => this.#deps.log.warn({ err }, 'closing a session failed'));
  }

  #sweep(): void {
    const cutoff = Date.now() - this.#deps.config.sessionIdleMs;
    for (const session of this.#sessions.values()) {
      if (session.lastActivity < cutoff) void this.close(session);
    }
  }

  /** Closes all sessions (SIGTERM): QUIT on every FTP connection. */
  async closeAll(): Promise<void> {
    clearInterval(this.#sweeper);
    await Promise.allSettled([...this.#sessions.values()].map((s) => this.close(s)));
  }
}
