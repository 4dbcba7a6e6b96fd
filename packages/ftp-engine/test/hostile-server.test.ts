/**
 * Seeded fuzz of the product rule "a hostile FTP server must not crash us,
 * hang us or redirect us". Each session starts a scripted loopback server
 * (helpers/hostile-server.ts) that answers the engine correctly or with a
 * seeded misbehaviour, and drives a seeded sequence of client calls against
 * it. Checked for every session: every call settles; every rejection is an
 * FtpError with a documented code; every success matches what the server
 * logged that it sent; all server-side sockets close once the session ends;
 * no connection goes anywhere but 127.0.0.1. A failure prints the seed and
 * the session's log. Knobs: `HOSTILE_SEED=<seed>` replays one session (with
 * its whole transcript), `HOSTILE_SESSIONS` / `HOSTILE_FIRST_SEED` explore
 * other seeds, `HOSTILE_TALLY=1` prints outcomes per call, and
 * `HOSTILE_FLAG=<code>` reports every session where a call failed with it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { prng } from '@ftpdeck/test-servers';
import { FtpClient, FtpError, FtpErrorCodes, type TranscriptEvent } from '../src/index.ts';
import { startQuirkServer } from './helpers/quirk-server.ts';
import { hostileHandler, type CallCursor, type ServerLog, type ServedTransfer } from './helpers/hostile-server.ts';
import { Sink, sourceOf } from './helpers/servers.ts';

const SESSIONS = Number(process.env.HOSTILE_SESSIONS ?? 400);
const FIRST_SEED = Number(process.env.HOSTILE_FIRST_SEED ?? 0x5eed0000);
const PARALLEL = 4;
const GUARD_MS = 5000;
const DOCUMENTED = new Set<string>(Object.values(FtpErrorCodes));
const OPS = ['list', 'list', 'pwd', 'cd', 'size', 'mdtm', 'mkdir', 'remove', 'rename', 'download', 'download', 'upload', 'upload', 'noop'] as const;
type Op = (typeof OPS)[number] | 'connect' | 'close';
const FEATS = ['MLST type*;size*;modify*;', 'SIZE', 'MDTM', 'UTF8', 'EPSV', 'REST STREAM'];

/** Odd greetings: multi-line, delayed, refusals, junk, nothing at all. */
const GREETINGS: string[][] = [
  ['220-Welcome', '220 not the end', ' still welcome', '220 Ready'],
  ['120 Ready in a moment', '220 Ready'],
  ['421 Too many connections'],
  ['554 Go away'],
  ['220-\u00ff\u0000 junk', '220 Ready'],
  ['SSH-2.0-OpenSSH_9.2'],
  [],
];

const tmp = mkdtempSync(join(tmpdir(), 'hostile-fuzz-'));
const processErrors: string[] = [];
const onUnhandled = (err: unknown): void => {
  processErrors.push(String((err as Error)?.stack ?? err));
};
/** Every net.connect the engine makes, from a spy on the shared `node:net` object. */
const connects: { host: string; port: number }[] = [];

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  const real = net.connect.bind(net);
  vi.spyOn(net, 'connect').mockImplementation(((...args: Parameters<typeof net.connect>) => {
    const o = args[0] as unknown as net.NetConnectOpts | number | string;
    if (typeof o === 'string') connects.push({ host: `ipc:${o}`, port: 0 });
    else if (typeof o === 'number') connects.push({ host: String(args[1] ?? 'localhost'), port: o });
    else connects.push({ host: String((o as net.TcpNetConnectOpts).host ?? 'localhost'), port: Number((o as net.TcpNetConnectOpts).port) });
    return real(...args);
  }) as typeof net.connect);
});

afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  vi.restoreAllMocks();
  rmSync(tmp, { recursive: true, force: true });
  // Also catches what surfaced after the test body: late timers, stray socket errors.
  expect(processErrors, 'unhandled rejections / uncaught exceptions').toEqual([]);
});

/** The outcome of one client call. */
interface CallResult {
  id: number;
  op: Op;
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Races `p` against the wall-clock guard; `undefined` means it never settled. */
async function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<undefined>((r) => {
    timer = setTimeout(() => r(undefined), GUARD_MS);
  });
  try {
    return await Promise.race([p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error })), guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs one seeded session; returns the problems found (empty when all is well). */
async function runSession(seed: number, controlPorts: Set<number>, tally: Map<string, number>): Promise<string[]> {
  const rng = prng(seed);
  // Mostly mild, so sessions get deep; some sessions are very hostile.
  const hostility = rng() < 0.8 ? 0.01 + rng() * 0.12 : 0.15 + rng() * 0.3;
  const feat = FEATS.filter(() => rng() < 0.5);
  const cursor: CallCursor = { id: 0 };
  const log: ServerLog = { lines: [], replies: new Map(), transfers: new Map(), sockets: [], dataPeers: [], ports: new Set(), listeners: [] };
  const greeting = rng() < hostility ? (GREETINGS[Math.floor(rng() * GREETINGS.length)] as string[]) : ['220 hostile server ready'];
  // The server draws from its own stream, so its choices do not shift with how the client's calls interleave.
  const server = await startQuirkServer(hostileHandler(prng(seed ^ 0x9e3779b9), hostility, cursor, log, feat), { greeting });
  controlPorts.add(server.port);
  const transcript: TranscriptEvent[] = [];
  const problems: string[] = [];
  // Some sessions also send NOOPs while idle or during transfers, whose answers the engine must tell apart.
  const keepAliveMs = rng() < 0.2 ? 40 : 0;
  const transferKeepAliveMs = rng() < 0.3 ? 15 : 0;
  const dataMode = rng() < 0.25 ? 'active' : 'passive';
  const client = new FtpClient({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    timeouts: { connect: 2000, reply: 300, dataIdle: 300 },
    keepAliveMs,
    transferKeepAliveMs,
    dataMode,
  });
  client.on('transcript', (e: TranscriptEvent) => transcript.push(e));
  const ops: Op[] = ['connect', ...Array.from({ length: 2 + Math.floor(rng() * 9) }, () => OPS[Math.floor(rng() * OPS.length)] as Op), 'close'];
  const results: CallResult[] = [];
  const uploads = new Map<number, Buffer>();
  const script: string[] = [];

  /** Starts call `id`; how its outcome is collected depends on the op. */
  const start = (op: Op, id: number): { call: Promise<unknown>; collect?: () => Promise<Buffer> } => {
    const viaFile = rng() < 0.3;
    const abortAfter = rng() < 0.1 ? Math.floor(rng() * 30) : -1;
    const signal = abortAfter >= 0 ? AbortSignal.timeout(abortAfter) : undefined;
    const opts = signal ? { signal } : {};
    script.push(`#${id} ${op}${viaFile ? ' (file)' : ''}${abortAfter >= 0 ? ` (abort@${abortAfter}ms)` : ''}`);
    switch (op) {
      case 'connect': return { call: client.connect() };
      case 'close': return { call: client.close() };
      case 'list': return { call: client.list(`d${id}`, opts) };
      case 'pwd': return { call: client.pwd() };
      case 'cd': return { call: client.cd(`c${id}`) };
      case 'size': return { call: client.size(`s${id}`) };
      case 'mdtm': return { call: client.lastModified(`m${id}`) };
      case 'mkdir': return { call: client.mkdir(`k${id}`) };
      case 'remove': return { call: client.remove(`r${id}`) };
      case 'rename': return { call: client.rename(`a${id}`, `b${id}`) };
      case 'noop': return { call: client.raw('NOOP') };
      case 'download': {
        if (viaFile) {
          const file = join(tmp, `dl-${seed}-${id}`);
          return { call: client.download(`f${id}`, file, opts), collect: () => readFile(file) };
        }
        const sink = new Sink();
        return { call: client.download(`f${id}`, sink, opts), collect: async () => sink.data };
      }
      case 'upload': {
        const body = Buffer.from(Array.from({ length: Math.floor(rng() * 4000) }, () => Math.floor(rng() * 256)));
        uploads.set(id, body);
        if (viaFile) {
          const file = join(tmp, `ul-${seed}-${id}`);
          return { call: writeFile(file, body).then(() => client.upload(file, `u${id}`, opts)) };
        }
        return { call: client.upload(sourceOf(body), `u${id}`, opts) };
      }
    }
  };

  let hung = false;
  for (let id = 0; id < ops.length && !hung; ) {
    // A burst: several calls made at once, which must queue, not fail, and keep their own answers.
    const width = id > 0 && ops[id] !== 'close' && rng() < 0.25 ? 2 + Math.floor(rng() * 2) : 1;
    const batch: { op: Op; id: number }[] = [];
    for (; batch.length < width && id < ops.length; id += 1) {
      const op = ops[id] as Op;
      // PWD/NOOP answers are tied to the call by the cursor, so they never share a burst.
      if (batch.length > 0 && (op === 'close' || op === 'pwd' || op === 'noop')) break;
      batch.push({ op, id });
      if (op === 'pwd' || op === 'noop') {
        id += 1;
        break;
      }
    }
    cursor.id = batch[0]?.id ?? id;
    const started = batch.map((b) => ({ ...b, ...start(b.op, b.id) }));
    const settled = await Promise.all(started.map((c) => settle(c.call)));
    for (let i = 0; i < started.length; i += 1) {
      const { op, id: callId, collect } = started[i] as (typeof started)[number];
      const got = settled[i];
      if (!got) {
        problems.push(`call #${callId} ${op} did not settle within ${GUARD_MS} ms`);
        hung = true;
        continue;
      }
      if (got.ok) {
        results.push({ id: callId, op, ok: true, value: collect ? { result: got.value, bytes: await collect() } : got.value });
        continue;
      }
      results.push({ id: callId, op, ok: false, error: got.error });
      const e = got.error;
      if (!(e instanceof FtpError)) problems.push(`call #${callId} ${op} rejected with a non-FtpError: ${String((e as Error)?.stack ?? e)}`);
      else if (!DOCUMENTED.has(e.code)) problems.push(`call #${callId} ${op} rejected with undocumented code ${e.code}`);
      // Our sinks, sources and temp files never fail: a server fault must not be blamed on them.
      if (e instanceof FtpError && e.code === FtpErrorCodes.LOCAL_STREAM) problems.push(`call #${callId} ${op} blamed the caller's stream: ${e.message}`);
      // Debug aid: HOSTILE_FLAG=<code> reports every session where a call failed with that code.
      if (e instanceof FtpError && e.code === process.env.HOSTILE_FLAG) problems.push(`call #${callId} ${op} failed with ${e.code} (flagged)`);
      if (op === 'close') problems.push(`close() rejected: ${String(e)}`);
    }
  }
  if (hung) client.destroy();

  // Every socket the server side held must close soon after the session ends.
  const deadline = Date.now() + 5000;
  const sockets = () => [server.sessions[0]?.socket, ...log.sockets].filter((s): s is net.Socket => s !== undefined);
  while (Date.now() < deadline && sockets().some((s) => !s.destroyed)) await sleep(20);
  const open = sockets().filter((s) => !s.destroyed);
  if (open.length > 0) problems.push(`${open.length} server-side socket(s) still open 5 s after the session ended (ports ${open.map((s) => s.localPort).join(',')})`);
  for (const peer of log.dataPeers) if (peer !== '127.0.0.1') problems.push(`data connection from ${peer}`);

  for (const r of results) {
    const key = `${r.op} ${r.ok ? 'ok' : ((r.error as FtpError)?.code ?? '?')}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
    if (r.ok) problems.push(...checkSuccess(r, log, uploads));
  }
  for (const port of log.ports) controlPorts.add(port);
  client.destroy();
  for (const l of log.listeners) l.close();
  await server.stop();

  if (problems.length === 0) return [];
  const calls = results.map((r) => `#${r.id} ${r.op} ${r.ok ? 'ok' : `${(r.error as FtpError)?.code ?? '?'}: ${String((r.error as Error)?.message).slice(0, 80)}`}`);
  return [
    `seed ${seed} (0x${seed.toString(16)}), hostility ${hostility.toFixed(2)}, feat [${feat.join(' | ')}], greeting ${JSON.stringify(greeting)}`,
    ...problems.map((p) => `  PROBLEM ${p}`),
    `  ${dataMode}, keepAliveMs ${keepAliveMs}, transferKeepAliveMs ${transferKeepAliveMs}; calls: ${script.join(', ')}`,
    ...calls.map((c) => `    ${c}`),
    '  server log:',
    ...log.lines.slice(-80).map((l) => `    ${l}`),
    '  transcript tail:',
    ...transcript.slice(process.env.HOSTILE_SEED ? 0 : -25).map((e) => `    [${e.kind}] ${e.text.slice(0, 100).replace(/\n/g, '⏎')}`),
  ];
}

/** Holds one successful call against what the server says it sent for it. */
function checkSuccess(r: CallResult, log: ServerLog, uploads: Map<number, Buffer>): string[] {
  const replies = log.replies.get(r.id) ?? [];
  const presented = (verb: string, ok: (c: number) => boolean): boolean => replies.some((x) => x.verb === verb && x.codes.some(ok));
  const is2xx = (c: number): boolean => c >= 200 && c < 300;
  const transfers: ServedTransfer[] = log.transfers.get(r.id) ?? [];
  const bad = (why: string): string[] => [`call #${r.id} ${r.op} succeeded but ${why}`];
  switch (r.op) {
    case 'connect':
      return presented('PASS', (c) => c === 230) || presented('USER', (c) => c === 230) ? [] : bad('the server never sent 230');
    case 'pwd':
      return /^\/p\d+$/.test(String(r.value)) && presented('PWD', (c) => c === 257) ? [] : bad(`gave ${JSON.stringify(r.value)} without a matching 257`);
    case 'cd':
      return presented('CWD', is2xx) ? [] : bad('CWD never got a 2xx');
    case 'mkdir':
      return presented('MKD', is2xx) ? [] : bad('MKD never got a 2xx');
    case 'remove':
      return presented('DELE', is2xx) ? [] : bad('DELE never got a 2xx');
    case 'rename':
      return presented('RNTO', is2xx) && presented('RNFR', (c) => c === 350) ? [] : bad('RNFR/RNTO were not 350/2xx');
    case 'noop': {
      const code = (r.value as { code: number }).code;
      return presented('NOOP', (c) => c === code) ? [] : bad(`returned ${code}, which the server did not send for NOOP`);
    }
    case 'size':
      if (r.value === undefined) return [];
      return r.value === r.id * 7 + 1 && presented('SIZE', (c) => c === 213) ? [] : bad(`gave ${String(r.value)}`);
    case 'mdtm': {
      if (r.value === undefined) return [];
      const want = Date.UTC(2024, r.id % 12, 2, 3, 4, 5);
      return (r.value as Date).getTime() === want && presented('MDTM', (c) => c === 213) ? [] : bad(`gave ${String(r.value)}`);
    }
    case 'download': {
      const { bytes } = r.value as { bytes: Buffer };
      return transfers.some((t) => t.verb === 'RETR' && t.fin && t.final2xx && t.bytes.equals(bytes)) ? [] : bad(`its ${bytes.length} bytes match no completed RETR the server served`);
    }
    case 'upload': {
      const body = uploads.get(r.id) ?? Buffer.alloc(0);
      return transfers.some((t) => t.verb === 'STOR' && t.fin && t.final2xx && t.bytes.equals(body)) ? [] : bad(`the server never took all ${body.length} bytes with a 2xx`);
    }
    case 'list': {
      const names = (r.value as { name: string }[]).map((e) => e.name).sort();
      const match = transfers.some(
        (t) => (t.fin && t.final2xx && JSON.stringify([...t.names].sort()) === JSON.stringify(names)) || (names.length === 0 && (t.refusedEmpty || (t.fin && t.final2xx && t.names.length === 0))),
      );
      return match ? [] : bad(`listed [${names.join(', ')}], which no completed listing served`);
    }
    case 'close':
      return [];
  }
}

describe('hostile server fuzz', () => {
  it(`survives ${SESSIONS} seeded hostile sessions`, { timeout: 180_000 }, async () => {
    const only = process.env.HOSTILE_SEED ? [Number(process.env.HOSTILE_SEED)] : Array.from({ length: SESSIONS }, (_, i) => FIRST_SEED + i);
    const controlPorts = new Set<number>();
    const tally = new Map<string, number>();
    const reports: string[][] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < only.length) {
        const seed = only[next++] as number;
        const report = await runSession(seed, controlPorts, tally);
        if (report.length > 0) reports.push(report);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    if (process.env.HOSTILE_TALLY) console.log([...tally].sort().map(([k, n]) => `${k}: ${n}`).join('\n'));
    const offHost = connects.filter((c) => c.host !== '127.0.0.1');
    const text = reports.flat().join('\n');
    if (text) console.error(text);
    expect(offHost, 'connections off the control peer').toEqual([]);
    expect(reports.length, `${reports.length} failing session(s):\n${text.slice(0, 20000)}`).toBe(0);
    expect(processErrors, 'unhandled rejections / uncaught exceptions').toEqual([]);
    // The engine connected only to our control servers and to data ports our servers announced.
    expect(connects.filter((c) => !controlPorts.has(c.port)), 'connections to ports no quirk server opened').toEqual([]);
    expect(connects.length).toBeGreaterThan(only.length);
  });
});
