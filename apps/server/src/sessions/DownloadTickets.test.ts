import { describe, expect, it } from 'vitest';
import { DownloadTickets, MAX_TICKET_BYTES_PER_SESSION, MAX_TICKET_BYTES_TOTAL, ticketCost } from './DownloadTickets.ts';
import { ServerError } from './toWire.ts';

/** A thousand 60-character paths: what one 64 KiB download-link request can carry. */
const bigSelection = Array.from({ length: 1000 }, (_, i) => `/${String(i).padStart(4, '0')}${'a'.repeat(55)}`);

function refusal(fn: () => unknown): ServerError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ServerError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('DownloadTickets', () => {
  it('resolves a ticket to its own session and paths only, and forgets them with the session', () => {
    const tickets = new DownloadTickets<{ n: number }>();
    const a = { n: 1 };
    const b = { n: 2 };
    const ta = tickets.mint(a, ['/x']);
    const tb = tickets.mint(b, ['/y', '/z'], { zip: true, ascii: true });
    expect(tickets.resolve(ta)).toMatchObject({ session: a, paths: ['/x'], zip: false, ascii: false });
    expect(tickets.resolve(tb)).toMatchObject({ session: b, paths: ['/y', '/z'], zip: true, ascii: true });
    // Links are numbered per session: no page learns how many links others make.
    expect([tickets.resolve(ta)?.link, tickets.resolve(tb)?.link, tickets.resolve(tickets.mint(a, ['/w']))?.link]).toEqual([1, 1, 2]);
    tickets.revoke(a);
    expect(tickets.resolve(ta)).toBeUndefined();
    expect(tickets.resolve(tb)?.session).toBe(b);
    expect(tickets.bytes).toBe(ticketCost(['/y', '/z']));
  });

  it('revokes one ticket alone, and gives its bytes back', () => {
    const tickets = new DownloadTickets<object>();
    const s = {};
    const stopped = tickets.mint(s, ['/stopped.iso']);
    const other = tickets.mint(s, ['/other.iso']);
    tickets.revokeOne(stopped);
    expect(tickets.resolve(stopped)).toBeUndefined();
    expect(tickets.resolve(other)?.paths).toEqual(['/other.iso']);
    expect(tickets.bytesOf(s)).toBe(ticketCost(['/other.iso']));
    expect(tickets.size).toBe(1);
    // Twice, or unknown: nothing happens.
    tickets.revokeOne(stopped);
    tickets.revokeOne('nope');
    expect(tickets.size).toBe(1);
  });

  it('charges per path, so many tiny paths cost what they weigh on the heap', () => {
    const tiny = Array.from({ length: 1000 }, () => '/a');
    expect(ticketCost(tiny)).toBeGreaterThan(40_000);
    expect(ticketCost(bigSelection)).toBeGreaterThan(100_000);
  });

  it('refuses new tickets past the per-session byte cap with SRV_ERR_TOO_MANY_TICKETS, and keeps the old ones valid', () => {
    const tickets = new DownloadTickets<object>();
    const s = {};
    const minted: string[] = [];
    let err: ServerError | undefined;
    // The reviewer's loop: 2000 of the largest requests. Far fewer fit.
    for (let i = 0; i < 2000 && !err; i++) {
      try {
        minted.push(tickets.mint(s, bigSelection, { zip: true }));
      } catch (e) {
        err = e as ServerError;
      }
    }
    expect(err).toBeInstanceOf(ServerError);
    expect(err).toMatchObject({ code: 'SRV_ERR_TOO_MANY_TICKETS', retryable: false });
    expect(err?.message).toMatch(/^this session's download links already hold as many paths as the server keeps for one session \(4 MiB\); select a parent folder/);
    expect(minted.length).toBe(Math.floor(MAX_TICKET_BYTES_PER_SESSION / ticketCost(bigSelection)));
    expect(tickets.bytesOf(s)).toBeLessThanOrEqual(MAX_TICKET_BYTES_PER_SESSION);
    // Nothing was evicted to make room: every link handed out still works.
    for (const t of minted) expect(tickets.resolve(t)?.paths).toHaveLength(1000);
    // A small link may still fit in what is left.
    expect(tickets.resolve(tickets.mint(s, ['/one']))?.paths).toEqual(['/one']);
    // Another session is not affected by this one's cap.
    const other = {};
    expect(tickets.resolve(tickets.mint(other, bigSelection, { zip: true }))?.session).toBe(other);
    // Ending the session frees its share.
    tickets.revoke(s);
    expect(tickets.bytesOf(s)).toBe(0);
    expect(tickets.resolve(tickets.mint(s, bigSelection, { zip: true }))?.session).toBe(s);
  });

  it('refuses new tickets while all sessions together are over the server-wide cap, without touching anyone\'s links', () => {
    const tickets = new DownloadTickets<object>({ maxBytesPerSession: 1_000_000, maxBytesTotal: 2_500_000 });
    const sessions = Array.from({ length: 4 }, () => ({}));
    const minted = new Map<object, string[]>(sessions.map((s) => [s, []]));
    let err: ServerError | undefined;
    outer: for (const s of sessions) {
      for (;;) {
        try {
          minted.get(s)?.push(tickets.mint(s, bigSelection, { zip: true }));
        } catch (e) {
          err = e as ServerError;
          if (/server's download links/.test(err.message)) break outer;
          break;
        }
      }
    }
    expect(err).toMatchObject({ code: 'SRV_ERR_TOO_MANY_TICKETS', retryable: true });
    expect(err?.message).toBe("the server's download links already hold as many paths as it keeps (2.4 MiB); try again once other sessions have ended");
    expect(tickets.bytes).toBeLessThanOrEqual(2_500_000);
    // A fresh session is refused too while the server is full...
    const fresh = {};
    expect(refusal(() => tickets.mint(fresh, bigSelection, { zip: true })).code).toBe('SRV_ERR_TOO_MANY_TICKETS');
    // ...and every link already out still resolves.
    for (const [s, list] of minted) for (const t of list) expect(tickets.resolve(t)?.session).toBe(s);
    // Once a session ends, there is room again.
    tickets.revoke(sessions[0] as object);
    expect(tickets.resolve(tickets.mint(fresh, bigSelection, { zip: true }))?.paths).toHaveLength(1000);
  });

  it('refuses new tickets past one client address\'s cap, so one client cannot fill the server\'s share (review 18)', () => {
    const owner = new Map<object, string>();
    const tickets = new DownloadTickets<object>({ maxBytesPerSession: 1_000_000, maxBytesPerAddress: 2_500_000, maxBytesTotal: 10_000_000, addressOf: (s) => owner.get(s) ?? '' });
    const attacker = Array.from({ length: 5 }, () => ({}));
    for (const s of attacker) owner.set(s, '198.51.100.7');
    let err: ServerError | undefined;
    outer: for (const s of attacker) {
      for (;;) {
        try {
          tickets.mint(s, bigSelection, { zip: true });
        } catch (e) {
          err = e as ServerError;
          if (/your address/.test(err.message)) break outer;
          break;
        }
      }
    }
    expect(err).toMatchObject({ code: 'SRV_ERR_TOO_MANY_TICKETS', retryable: true });
    expect(tickets.bytes).toBeLessThanOrEqual(2_500_000);
    // Someone else still gets links.
    const other = {};
    owner.set(other, '203.0.113.9');
    expect(tickets.resolve(tickets.mint(other, bigSelection, { zip: true }))?.session).toBe(other);
    // The attacker's share comes back as its sessions end.
    for (const s of attacker) tickets.revoke(s);
    const again = {};
    owner.set(again, '198.51.100.7');
    expect(tickets.resolve(tickets.mint(again, bigSelection, { zip: true }))?.session).toBe(again);
  });

  it('still forgets a session\'s oldest tickets beyond the count cap', () => {
    const tickets = new DownloadTickets<object>({ maxTicketsPerSession: 3 });
    const s = {};
    const t = [1, 2, 3, 4].map((i) => tickets.mint(s, [`/${i}`]));
    expect(tickets.resolve(t[0] as string)).toBeUndefined();
    expect(t.slice(1).map((x) => tickets.resolve(x)?.paths[0])).toEqual(['/2', '/3', '/4']);
    expect(tickets.bytesOf(s)).toBe(ticketCost(['/2']) * 3);
  });

  it('defaults to 4 MiB per session and 64 MiB in all', () => {
    expect(MAX_TICKET_BYTES_PER_SESSION).toBe(4 * 1024 * 1024);
    expect(MAX_TICKET_BYTES_TOTAL).toBe(64 * 1024 * 1024);
  });
});
