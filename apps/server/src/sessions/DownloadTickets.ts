/**
 * Download tickets: what a download URL carries instead of the session
 * token. A ticket is 192 random bits bound to one session and one set of
 * paths; it grants nothing else (no listing, no upload, no attaching). It
 * stays valid while its session lives, so the browser may fetch the same URL
 * again to resume with Range; it dies with the session.
 *
 * Memory: a ticket holds up to 1000 paths (up to a 1 MiB request's worth), so
 * a count alone does not bound what tickets keep alive. Each session may
 * hold {@link MAX_TICKET_BYTES_PER_SESSION} of paths, the sessions of one
 * client address {@link MAX_TICKET_BYTES_PER_ADDRESS}, and all sessions
 * together {@link MAX_TICKET_BYTES_TOTAL}; past any, NEW tickets are refused
 * (SRV_ERR_TOO_MANY_TICKETS) and the tickets already out stay valid. The
 * per-address cap is what keeps one client from filling the server's share
 * alone: its 20 sessions (--max-sessions-per-ip) at 4 MiB each would be
 * 80 MiB, past the whole server's 64.
 * Refusing rather than evicting means no one can invalidate another user's
 * links (and the Range resumes behind them) by minting their own.
 */
import { randomBytes } from 'node:crypto';
import { ServerErrorCodes } from '@ftpdeck/protocol';
import { ServerError } from './toWire.ts';

/** What a ticket lets its holder download. */
/** How a ticket's paths are served. */
export interface TicketKind {
  /** Stream a ZIP even for a single file. */
  zip: boolean;
  /** A single file goes in ASCII mode (TYPE A); a ZIP ignores it. */
  ascii: boolean;
  /** Served inline for a browser tab to show (one file; see viewableType). */
  view: boolean;
  /** The page reads the response itself (the editor): a failure is not also announced with `download-failed`. */
  fetched: boolean;
}

/** What a ticket grants. */
export interface TicketGrant<S> extends TicketKind {
  session: S;
  /**
   * Numbers the link, not secret: a browser that fetches a cut download
   * again on its own comes through the same link, and the page shows both
   * attempts as one row.
   */
  link: number;
  /** Absolute remote paths. */
  paths: string[];
}

/** Tickets one session may hold; the oldest are forgotten first. */
export const MAX_TICKETS_PER_SESSION = 2000;

/** Path bytes one session's tickets may hold before new ones are refused. */
export const MAX_TICKET_BYTES_PER_SESSION = 4 * 1024 * 1024;

/** Path bytes the tickets of one client address's sessions may hold together: a quarter of the server's. */
export const MAX_TICKET_BYTES_PER_ADDRESS = 16 * 1024 * 1024;

/** Path bytes all sessions' tickets may hold together before new ones are refused. */
export const MAX_TICKET_BYTES_TOTAL = 64 * 1024 * 1024;

/**
 * What one path costs beyond its characters: the string's header and the
 * array slot. Without it, a thousand one-character paths would be charged
 * 1 KB while the heap pays tens of KB, and the cap would not bound memory.
 */
const PATH_OVERHEAD_BYTES = 48;

/** What one ticket costs beyond its paths: the map entry, the grant, the ticket string. */
const TICKET_OVERHEAD_BYTES = 256;

/**
 * Heap bytes charged for a ticket's paths. Lengths count UTF-16 code units,
 * which V8 stores in one or two bytes each; counting two would refuse
 * ordinary ASCII selections at half the cap for no gain in safety.
 */
export function ticketCost(paths: readonly string[]): number {
  let bytes = TICKET_OVERHEAD_BYTES;
  for (const p of paths) bytes += p.length + PATH_OVERHEAD_BYTES;
  return bytes;
}

/** Caps of one {@link DownloadTickets}; the defaults are the exported constants. */
export interface TicketLimits {
  maxTicketsPerSession: number;
  maxBytesPerSession: number;
  maxBytesPerAddress: number;
  maxBytesTotal: number;
}

/** Options of a {@link DownloadTickets}: caps, and how to tell a session's client address. */
export interface TicketOptions<S> extends Partial<TicketLimits> {
  /** The client address a session belongs to; without it there is no per-address cap. */
  addressOf?: (session: S) => string;
}

interface Held<S> extends TicketGrant<S> {
  bytes: number;
  address: string | undefined;
}

interface SessionTickets {
  tickets: string[];
  bytes: number;
}

const MIB = 1024 * 1024;
const mib = (n: number): string => `${Math.round((n / MIB) * 10) / 10} MiB`;

/** Mints, resolves and revokes download tickets (see the file comment). */
export class DownloadTickets<S extends object> {
  readonly #grants = new Map<string, Held<S>>();
  readonly #bySession = new WeakMap<S, SessionTickets>();
  readonly #limits: TicketLimits;
  readonly #addressOf: ((session: S) => string) | undefined;
  /** Bytes charged per client address, for addresses with live tickets. */
  readonly #byAddress = new Map<string, number>();
  #bytes = 0;

  constructor(options: TicketOptions<S> = {}) {
    this.#limits = {
      maxTicketsPerSession: options.maxTicketsPerSession ?? MAX_TICKETS_PER_SESSION,
      maxBytesPerSession: options.maxBytesPerSession ?? MAX_TICKET_BYTES_PER_SESSION,
      maxBytesPerAddress: options.maxBytesPerAddress ?? MAX_TICKET_BYTES_PER_ADDRESS,
      maxBytesTotal: options.maxBytesTotal ?? MAX_TICKET_BYTES_TOTAL,
    };
    this.#addressOf = options.addressOf;
  }

  /**
   * Mints a ticket for `session` and these paths. Throws a ServerError
   * (SRV_ERR_TOO_MANY_TICKETS) when the session's, its address's or the
   * server's byte cap would be passed; nothing is minted or forgotten then.
   */
  mint(session: S, paths: string[], kind: Partial<TicketKind> = {}): string {
    const bytes = ticketCost(paths);
    const mine = this.#bySession.get(session) ?? { tickets: [], bytes: 0 };
    const { maxBytesPerSession, maxBytesPerAddress, maxBytesTotal, maxTicketsPerSession } = this.#limits;
    const address = this.#addressOf?.(session);
    if (mine.bytes + bytes > maxBytesPerSession) {
      throw new ServerError(
        ServerErrorCodes.TOO_MANY_TICKETS,
        `this session's download links already hold as many paths as the server keeps for one session (${mib(maxBytesPerSession)}); ` +
          'select a parent folder instead of many items, or open a new tab (a new session)',
      );
    }
    if (address !== undefined && (this.#byAddress.get(address) ?? 0) + bytes > maxBytesPerAddress) {
      throw new ServerError(
        ServerErrorCodes.TOO_MANY_TICKETS,
        `the download links of the sessions from your address already hold as many paths as the server keeps for one address (${mib(maxBytesPerAddress)}); ` +
          'close tabs you no longer use, or select a parent folder instead of many items',
        true,
      );
    }
    if (this.#bytes + bytes > maxBytesTotal) {
      throw new ServerError(
        ServerErrorCodes.TOO_MANY_TICKETS,
        `the server's download links already hold as many paths as it keeps (${mib(maxBytesTotal)}); try again once other sessions have ended`,
        true,
      );
    }
    const ticket = randomBytes(24).toString('base64url');
    const { zip = false, ascii = false, view = false, fetched = false } = kind;
    this.#grants.set(ticket, { session, link: this.#nextLink(session), paths: [...paths], zip, ascii, view, fetched, bytes, address });
    mine.tickets.push(ticket);
    mine.bytes += bytes;
    this.#bytes += bytes;
    if (address !== undefined) this.#byAddress.set(address, (this.#byAddress.get(address) ?? 0) + bytes);
    this.#bySession.set(session, mine);
    // A page that mints links in a loop must not grow the map without end.
    while (mine.tickets.length > maxTicketsPerSession) this.#forget(mine.tickets.shift() as string, mine);
    return ticket;
  }

  /**
   * Links minted per session: each grant's `link`. Per session, so no page
   * learns how many others mint; kept past a revoke, so a link number never
   * comes back within a session (the page tells a browser's retry of a cut
   * download by it).
   */
  readonly #links = new WeakMap<S, number>();

  #nextLink(session: S): number {
    const next = (this.#links.get(session) ?? 0) + 1;
    this.#links.set(session, next);
    return next;
  }

  /** The grant behind a ticket, or undefined for an unknown or revoked one. */
  resolve(ticket: string): TicketGrant<S> | undefined {
    return this.#grants.get(ticket);
  }

  /**
   * Revokes one ticket: its download was stopped from the page, and a
   * browser retries a cut download on its own (Chromium does, from byte 0),
   * which must find nothing to fetch.
   */
  revokeOne(ticket: string): void {
    const grant = this.#grants.get(ticket);
    const mine = grant && this.#bySession.get(grant.session);
    if (!mine) return;
    this.#forget(ticket, mine);
    const at = mine.tickets.indexOf(ticket);
    if (at >= 0) mine.tickets.splice(at, 1);
  }

  /**
   * Revokes every ticket of a session: it ended, or its FTP connection did
   * (Close session, Connect, a charset switch). A grant names paths, not a
   * server: after a Connect elsewhere, a browser fetching an old link again
   * (its own retry of a cut download, or Resume in its downloads list) would
   * get another server's file under the old name.
   */
  revoke(session: S): void {
    const mine = this.#bySession.get(session);
    if (!mine) return;
    for (const t of mine.tickets) this.#forget(t, mine);
    this.#bySession.delete(session);
  }

  #forget(ticket: string, mine: SessionTickets): void {
    const held = this.#grants.get(ticket);
    if (!held) return;
    this.#grants.delete(ticket);
    mine.bytes -= held.bytes;
    this.#bytes -= held.bytes;
    if (held.address !== undefined) {
      const left = (this.#byAddress.get(held.address) ?? 0) - held.bytes;
      if (left > 0) this.#byAddress.set(held.address, left);
      else this.#byAddress.delete(held.address);
    }
  }

  /** Live tickets, for /healthz and tests. */
  get size(): number {
    return this.#grants.size;
  }

  /** Bytes charged for every live ticket (see {@link ticketCost}). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Bytes charged for one session's live tickets. */
  bytesOf(session: S): number {
    return this.#bySession.get(session)?.bytes ?? 0;
  }
}
