/**
 * Download tickets: what a download URL carries instead of the session
 * token. A ticket is 192 random bits bound to one session and one set of
 * paths; it grants nothing else (no listing, no upload, no attaching). It
 * stays valid while its session lives, so the browser may fetch the same URL
 * again to resume with Range; it dies with the session.
 */
import { randomBytes } from 'node:crypto';

/** What a ticket lets its holder download. */
export interface TicketGrant<S> {
  session: S;
  /** Absolute remote paths. */
  paths: string[];
  /** Stream a ZIP even for a single file. */
  zip: boolean;
  /** A single file goes in ASCII mode (TYPE A); a ZIP ignores it. */
  ascii: boolean;
}

/** Tickets one session may hold; the oldest are forgotten first. */
export const MAX_TICKETS_PER_SESSION = 2000;

/** Mints, resolves and revokes download tickets (see the file comment). */
export class DownloadTickets<S extends object> {
  readonly #grants = new Map<string, TicketGrant<S>>();
  readonly #bySession = new WeakMap<S, string[]>();

  /** Mints a ticket for `session` and these paths. */
  mint(session: S, paths: string[], zip: boolean, ascii = false): string {
    const ticket = randomBytes(24).toString('base64url');
    this.#grants.set(ticket, { session, paths: [...paths], zip, ascii });
    let mine = this.#bySession.get(session);
    if (!mine) {
      mine = [];
      this.#bySession.set(session, mine);
    }
    mine.push(ticket);
    // A page that mints links in a loop must not grow the map without end.
    while (mine.length > MAX_TICKETS_PER_SESSION) this.#grants.delete(mine.shift() as string);
    return ticket;
  }

  /** The grant behind a ticket, or undefined for an unknown or revoked one. */
  resolve(ticket: string): TicketGrant<S> | undefined {
    return this.#grants.get(ticket);
  }

  /** Revokes every ticket of a session (it ended). */
  revoke(session: S): void {
    for (const t of this.#bySession.get(session) ?? []) this.#grants.delete(t);
    this.#bySession.delete(session);
  }

  /** Live tickets, for /healthz and tests. */
  get size(): number {
    return this.#grants.size;
  }
}
