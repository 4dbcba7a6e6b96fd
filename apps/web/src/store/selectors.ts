/** Derived reads shared by components and actions. */
import type { WireEntry } from '@ftpdeck/protocol';
import { siteAddress } from '../lib/siteAddress.ts';
import { visibleEntries } from '../lib/sortEntries.ts';
import type { Transfer } from './transfersSlice.ts';
import type { AppState } from './types.ts';

interface VisibleMemo {
  sort: unknown;
  filter: string;
  showHidden: boolean;
  output: WireEntry[];
}

/**
 * One memo per listing. Every open site tab has its own store and listing,
 * and all their apps are mounted: a single shared slot would be overwritten
 * by each tab in turn, hand React a new array on every read, and loop.
 */
const memos = new WeakMap<WireEntry[], VisibleMemo>();
const NO_ENTRIES: WireEntry[] = [];

/**
 * The rows in display order (filtered, folders first, sorted). Memoised on
 * its inputs because sorting 100,000 entries is not free and every
 * selection change would otherwise redo it.
 */
export function selectVisibleEntries(s: AppState): WireEntry[] {
  const entries = s.listing?.entries;
  if (!entries) return NO_ENTRIES;
  const memo = memos.get(entries);
  if (memo && memo.sort === s.sort && memo.filter === s.filter && memo.showHidden === s.showHidden) return memo.output;
  const output = visibleEntries(entries, s.sort, s.filter, s.showHidden);
  memos.set(entries, { sort: s.sort, filter: s.filter, showHidden: s.showHidden, output });
  return output;
}

/** Selected entries in display order. */
export function selectSelectedEntries(s: AppState): WireEntry[] {
  if (s.selected.size === 0) return [];
  return selectVisibleEntries(s).filter((e) => s.selected.has(e.name));
}

/** True while an FTP connection is up. */
export function selectConnected(s: AppState): boolean {
  return s.server.status === 'connected';
}

/**
 * True while the tab has an FTP session to work with: connected, or
 * reconnecting after a drop (requests wait for it and then run).
 */
export function selectHasSession(s: AppState): boolean {
  return s.server.status === 'connected' || s.server.status === 'reconnecting';
}

/**
 * A dialog or the editor covers the tab: everything else in it, and the
 * site tab strip above it, is inert until it closes.
 */
export function selectModalOpen(s: AppState): boolean {
  return s.dialog !== null || s.editing !== null;
}

/** {@link selectSite}'s answer per session state (a new state is a new object). */
const sites = new WeakMap<AppState['server'], string | undefined>();

/**
 * The site this tab's session is connected to (`user@host:port`), or
 * undefined when it has none. A transfer row keeps the site it was with
 * (`Transfer.site`), so its Retry or Resume never goes to another server.
 */
export function selectSite(s: Pick<AppState, 'server'>): string | undefined {
  // Once per session state: every transfer row's selector asks on every store write.
  if (sites.has(s.server)) return sites.get(s.server);
  const { status, host, port, user } = s.server;
  // Only a session that is in: while connecting the server state names no user yet (Review 46), and
  // a host name's case is not part of it (`FTP.example.com` is `ftp.example.com`).
  const site = (status === 'connected' || status === 'reconnecting') && host ? siteAddress(host.toLowerCase(), port, user) : undefined;
  sites.set(s.server, site);
  return site;
}

/** True when `t` is with another site than the session's: its Retry or Resume would send it there. */
export function fromOtherSite(t: Pick<Transfer, 'site'>, site: string | undefined): boolean {
  return t.site !== undefined && site !== undefined && t.site !== site;
}
