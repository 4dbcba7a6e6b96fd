/**
 * The data half of the hostile-server fuzz's scripted server: serving a
 * download or taking an upload on a passive data connection, correctly or
 * with one seeded fault (226 before the data, reset mid-data, refusals that
 * leave the data connection open, …), recording what was really sent or
 * received.
 */
import type net from 'node:net';
import type { QuirkSession } from './quirk-server.ts';

/** One data transfer the server served (RETR/LIST/MLSD/NLST) or took (STOR). */
export interface ServedTransfer {
  verb: string;
  /** Bytes written on the data connection (downloads) or received (uploads). */
  bytes: Buffer;
  /** Names listed in `bytes` (listings). */
  names: string[];
  /** The data connection ended with a FIN after all of `bytes` (sent or seen). */
  fin: boolean;
  /** A 2xx completion was sent on the control connection. */
  final2xx: boolean;
  /** Listings: a 450/550 "no files" answer instead of data. */
  refusedEmpty: boolean;
}

/** A seeded random source in [0, 1). */
export type Rng = () => number;
/** One of `xs`, chosen by `rng`. */
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
/** The client call id a path argument carries (`f12` → 12), or -1. */
export const idOf = (arg: string): number => Number(/(?:^|[\s/])[a-z](\d+)/.exec(arg)?.[1] ?? -1);
/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves on `close` or after `ms`, whichever first. */
export function closedOrTimeout(sock: net.Socket, ms: number): Promise<void> {
  if (sock.destroyed) return Promise.resolve();
  return new Promise((r) => {
    const t = setTimeout(r, ms);
    sock.once('close', () => {
      clearTimeout(t);
      r();
    });
  });
}

/** What the data handlers need from the session's handler. */
export interface DataContext {
  rng: Rng;
  hostility: number;
  log: { lines: string[] };
  /** The next accepted data connection, or undefined after `ms`. */
  takeData(ms: number): Promise<net.Socket | undefined>;
  recordTransfer(id: number, t: ServedTransfer): void;
  send(s: QuirkSession, lines: string[], style?: 'crlf' | 'lf' | 'bytewise'): Promise<void>;
}

/** Misbehaviours around a download's data. */
const DOWNLOAD_FAULTS = ['final-first', 'no-prelim', 'bogus-2xx-first', 'refuse', 'reset-mid', 'control-close-mid', 'data-silence', 'error-after', '421-mid', 'leave-data-open'] as const;

/** Misbehaviours around an upload's data. */
const UPLOAD_FAULTS = ['final-first', 'refuse', 'reset-mid', 'error-after', 'control-close-mid', 'no-prelim'] as const;

/** Serves one RETR/LIST/MLSD/NLST on the last accepted data connection, correctly or with one seeded fault. */
export async function serveDownload(ctx: DataContext, s: QuirkSession, verb: string, arg: string): Promise<void> {
  const { rng, hostility, log, takeData, recordTransfer, send } = ctx;
  const id = idOf(arg);
  const data = await takeData(600);
  const style = rng() < hostility ? pick(rng, ['lf', 'bytewise'] as const) : 'crlf';
  const sendT = (q: QuirkSession, lines: string[]): Promise<void> => send(q, lines, style);
  const listing = verb !== 'RETR';
  const count = Math.floor(rng() * 5);
  const names = listing ? Array.from({ length: count }, (_, i) => `n${id}_${i}${rng() < 0.2 ? ' with space' : ''}`) : [];
  let payload: Buffer;
  if (verb.startsWith('MLSD')) payload = Buffer.from(names.map((n) => `type=file;size=${n.length};modify=20240101120000; ${n}\r\n`).join(''));
  else if (verb === 'NLST') payload = Buffer.from(names.map((n) => `${n}\r\n`).join(''));
  else if (listing) payload = Buffer.from(names.map((n) => `-rw-r--r-- 1 u g ${n.length} Jan 01 2024 ${n}\r\n`).join(''));
  else payload = Buffer.from(Array.from({ length: Math.floor(rng() * 3000) }, () => Math.floor(rng() * 256)));
  const t: ServedTransfer = { verb, bytes: Buffer.alloc(0), names, fin: false, final2xx: false, refusedEmpty: false };
  recordTransfer(id, t);
  if (!data) {
    log.lines.push('< 425 (no data connection)');
    return sendT(s, ['425 No data connection']);
  }
  const full = async (): Promise<void> => {
    t.bytes = payload;
    await new Promise<void>((r) => data.end(payload, () => r()));
    t.fin = true;
  };
  const fault = rng() < hostility * 1.5 ? pick(rng, DOWNLOAD_FAULTS) : 'normal';
  log.lines.push(`< data ${fault} ${payload.length}B`);
  switch (fault) {
    case 'normal':
      await sendT(s, ['150 Opening']);
      await full();
      await closedOrTimeout(data, 300);
      t.final2xx = true;
      return sendT(s, ['226 Done']);
    case 'final-first':
      t.final2xx = true;
      await sendT(s, ['150 Opening', '226 Done']);
      await sleep(10);
      return full();
    case 'no-prelim':
      await full();
      t.final2xx = true;
      return sendT(s, ['226 Done']);
    case 'bogus-2xx-first':
      await sendT(s, ['200 Bogus', '150 Opening']);
      await full();
      t.final2xx = true;
      return sendT(s, ['226 Done']);
    case 'refuse':
    case 'leave-data-open': {
      const code = listing && rng() < 0.5 ? pick(rng, [450, 550]) : pick(rng, [425, 426, 451, 550]);
      t.refusedEmpty = listing && (code === 450 || code === 550);
      if (fault === 'refuse') data.destroy();
      return sendT(s, [`${code} Refused`]);
    }
    case 'reset-mid':
      await sendT(s, ['150 Opening']);
      t.bytes = payload.subarray(0, payload.length >> 1);
      data.write(t.bytes);
      await sleep(5);
      data.resetAndDestroy();
      return sendT(s, ['426 Connection reset']);
    case 'control-close-mid':
      await sendT(s, ['150 Opening']);
      t.bytes = payload.subarray(0, payload.length >> 1);
      data.write(t.bytes);
      s.socket.destroy();
      return;
    case 'data-silence':
      await sendT(s, ['150 Opening']);
      t.bytes = payload.subarray(0, payload.length >> 1);
      data.write(t.bytes);
      return;
    case 'error-after':
      await sendT(s, ['150 Opening']);
      await full();
      return sendT(s, ['451 Local error']);
    case '421-mid':
      await sendT(s, ['150 Opening', '421 Shutting down']);
      s.socket.end();
      return;
  }
}

/** Takes one STOR on the last accepted data connection, correctly or with one seeded fault. */
export async function takeUpload(ctx: DataContext, s: QuirkSession, verb: string, arg: string): Promise<void> {
  const { rng, hostility, log, takeData, recordTransfer, send } = ctx;
  const id = idOf(arg);
  const data = await takeData(600);
  const style = rng() < hostility ? pick(rng, ['lf', 'bytewise'] as const) : 'crlf';
  const sendT = (q: QuirkSession, lines: string[]): Promise<void> => send(q, lines, style);
  const t: ServedTransfer = { verb, bytes: Buffer.alloc(0), names: [], fin: false, final2xx: false, refusedEmpty: false };
  recordTransfer(id, t);
  if (!data) return sendT(s, ['425 No data connection']);
  const chunks: Buffer[] = [];
  data.on('data', (c: Buffer) => {
    chunks.push(c);
    t.bytes = Buffer.concat(chunks);
  });
  const ended = new Promise<boolean>((r) => {
    data.once('end', () => r(true));
    data.once('close', () => r(false));
  });
  const fault = rng() < hostility * 1.5 ? pick(rng, UPLOAD_FAULTS) : 'normal';
  log.lines.push(`< stor ${fault}`);
  const finish = async (final: string): Promise<void> => {
    t.fin = await Promise.race([ended, sleep(1500).then(() => false)]);
    data.end();
    t.final2xx = final.startsWith('2');
    await sendT(s, [final]);
  };
  switch (fault) {
    case 'normal':
      await sendT(s, ['150 Send']);
      return finish('226 Stored');
    case 'no-prelim':
      return finish('226 Stored');
    case 'final-first':
      t.final2xx = true;
      await sendT(s, ['150 Send', '226 Stored']);
      t.fin = await Promise.race([ended, sleep(1500).then(() => false)]);
      data.end();
      return;
    case 'refuse':
      data.destroy();
      return sendT(s, ['553 Not allowed']);
    case 'reset-mid':
      await sendT(s, ['150 Send']);
      data.resetAndDestroy();
      return sendT(s, ['426 Reset']);
    case 'error-after':
      await sendT(s, ['150 Send']);
      return finish('452 Disk full');
    case 'control-close-mid':
      await sendT(s, ['150 Send']);
      await sleep(2);
      s.socket.destroy();
      return;
  }
}
