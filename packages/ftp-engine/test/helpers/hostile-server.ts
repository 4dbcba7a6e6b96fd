/**
 * The server half of the hostile-server fuzz (test/hostile-server.test.ts):
 * a quirk-server handler that answers each command correctly or with one
 * seeded misbehaviour, and logs what it actually sent, so the test can hold
 * every successful client call against the server's own record.
 *
 * Paths carry the client call's id (`f12`, `d12`, `s12`, …), so a served
 * transfer or reply is tied to the call that caused it without relying on
 * timing.
 */
import net from 'node:net';
import type { QuirkHandler, QuirkSession } from './quirk-server.ts';
import { idOf, pick, serveDownload, sleep, takeUpload, type DataContext, type Rng, type ServedTransfer } from './hostile-data.ts';

export type { ServedTransfer } from './hostile-data.ts';

/** What the server did in one session, for the consistency checks and the failure log. */
export interface ServerLog {
  /** Compact lines: `> CMD`, `< what was done`. */
  lines: string[];
  /** Replies per client call id: verb and the codes a correct parser may take from what was sent. */
  replies: Map<number, { verb: string; codes: number[] }[]>;
  transfers: Map<number, ServedTransfer[]>;
  /** Every socket the server side holds (control and accepted data), to check they all close. */
  sockets: net.Socket[];
  /** Peers of accepted data connections (`address`), must all be 127.0.0.1. */
  dataPeers: string[];
  /** Ports the server announced in 227/229 that it really listened on (or had just closed). */
  ports: Set<number>;
  /** Passive listeners the server opened, closed at the end. */
  listeners: net.Server[];
}

/**
 * The client call in progress, set by the client loop. Replies to commands
 * without an id-carrying argument (PWD, NOOP, TYPE) are filed under it, so
 * the test never puts PWD or NOOP in a burst of concurrent calls.
 */
export interface CallCursor {
  id: number;
}

/** Misbehaviours for a plain (non-data) command. */
const CONTROL_FAULTS = [
  'code4xx',
  'code5xx',
  '421',
  'prelim-then-ok',
  'silence',
  'close',
  'reset',
  'half-reply-close',
  'loose-end',
  'fake-continuation',
  'bare-lf',
  'bytewise',
  'long-line',
  'huge-multiline',
  'junk-bytes',
  'not-ftp',
  'ok-then-extra',
  'slow',
] as const;

/** Misbehaviours for EPSV/PASV. */
const PASSIVE_FAULTS = ['epsv-port0', 'epsv-70000', 'epsv-odd', 'epsv-bang', 'pasv-foreign', 'pasv-metadata', 'pasv-port0', 'pasv-300', 'closed-port', 'refuse', 'prelim'] as const;



/**
 * Builds the per-session handler. `hostility` is the chance that any one
 * command is answered wrongly; low values let a session get deep.
 */
export function hostileHandler(rng: Rng, hostility: number, cursor: CallCursor, log: ServerLog, feat: string[]): QuirkHandler {
  let listener: net.Server | undefined;
  /** Where PORT/EPRT said the client listens, until the next data command uses it. */
  let active: { host: string; port: number } | undefined;
  let accepted: net.Socket[] = [];
  let waiters: ((s: net.Socket) => void)[] = [];
  let pwdCounter = 0;

  // The argument of the command being answered: its call id, when it carries one.
  let currentArg = '';
  const record = (verb: string, codes: number[]): void => {
    const fromArg = idOf(currentArg);
    const id = fromArg >= 0 ? fromArg : cursor.id;
    const list = log.replies.get(id) ?? [];
    list.push({ verb, codes });
    log.replies.set(id, list);
  };
  const recordTransfer = (id: number, t: ServedTransfer): void => {
    const list = log.transfers.get(id) ?? [];
    list.push(t);
    log.transfers.set(id, list);
  };

  const openListener = async (): Promise<number> => {
    listener?.close();
    accepted = [];
    waiters = [];
    const srv = net.createServer((sock) => {
      sock.on('error', () => undefined);
      log.sockets.push(sock);
      log.dataPeers.push(sock.remoteAddress ?? '?');
      const w = waiters.shift();
      if (w) w(sock);
      else accepted.push(sock);
    });
    listener = srv;
    log.listeners.push(srv);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    log.ports.add(port);
    return port;
  };
  /**
   * Active mode: connects to the client, sometimes after an intruder from
   * 127.0.0.2 that sends bytes of its own; the engine must take only the
   * connection from its control peer. `new net.Socket()` bypasses the test's
   * spy on net.connect, which watches the engine's connections only.
   */
  const dial = async (target: { host: string; port: number }): Promise<net.Socket | undefined> => {
    const open = (localAddress: string): Promise<net.Socket | undefined> =>
      new Promise((resolve) => {
        const sock = new net.Socket();
        log.sockets.push(sock);
        sock.on('error', () => resolve(undefined));
        sock.connect({ host: target.host, port: target.port, localAddress }, () => resolve(sock));
      });
    if (rng() < hostility) {
      log.lines.push('< !intruder from 127.0.0.2');
      const intruder = await open('127.0.0.2');
      intruder?.end('INTRUDER');
      await sleep(10);
    }
    return open('127.0.0.1');
  };

  const takeData = (ms: number): Promise<net.Socket | undefined> => {
    if (active) {
      const target = active;
      active = undefined;
      return dial(target);
    }
    const ready = accepted.shift();
    if (ready) return Promise.resolve(ready);
    if (!listener) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        waiters = waiters.filter((w) => w !== got);
        resolve(undefined);
      }, ms);
      const got = (s: net.Socket): void => {
        clearTimeout(t);
        resolve(s);
      };
      waiters.push(got);
    });
  };

  /** Sends `lines` with CRLF, LF or one byte per write. */
  const send = async (s: QuirkSession, lines: string[], style: 'crlf' | 'lf' | 'bytewise' = 'crlf'): Promise<void> => {
    if (s.socket.destroyed) return;
    if (style !== 'bytewise') {
      s.socket.write(Buffer.from(lines.map((l) => l + (style === 'lf' ? '\n' : '\r\n')).join(''), 'latin1'));
      return;
    }
    const bytes = Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'latin1');
    for (const b of bytes) {
      if (s.socket.destroyed) return;
      s.socket.write(Buffer.of(b));
      await new Promise((r) => setImmediate(r));
    }
  };

  /** Answers a plain command: `ok` is the correct reply (code + text). */
  const answer = async (s: QuirkSession, verb: string, ok: [number, string], multi?: string[]): Promise<void> => {
    const [code, text] = ok;
    const correct = multi ? [`${code}-${text}`, ...multi.map((m) => ` ${m}`), `${code} End`] : [`${code} ${text}`];
    if (rng() >= hostility) {
      record(verb, [code]);
      log.lines.push(`< ${code}`);
      await send(s, correct);
      return;
    }
    const fault = pick(rng, CONTROL_FAULTS);
    log.lines.push(`< !${fault}`);
    switch (fault) {
      case 'code4xx':
        record(verb, [450]);
        return send(s, ['450 Try later']);
      case 'code5xx':
        record(verb, [550]);
        return send(s, ['550 No']);
      case '421':
        record(verb, [421]);
        await send(s, ['421 Going away']);
        s.socket.end();
        return;
      case 'prelim-then-ok':
        record(verb, [code]);
        await send(s, ['150 Hold on']);
        await sleep(5);
        return send(s, correct);
      case 'silence':
        record(verb, []);
        return;
      case 'close':
        s.socket.end();
        return;
      case 'reset':
        s.socket.resetAndDestroy();
        return;
      case 'half-reply-close':
        s.socket.write(`${code} ${text}`.slice(0, 3));
        await sleep(2);
        s.socket.destroy();
        return;
      case 'loose-end': {
        // A multi-line reply closed with another code: either may be taken.
        const other = code >= 400 ? 200 : 550;
        record(verb, [code, other]);
        return send(s, [`${code}-${text}`, ' more', `${other} Closed with another code`]);
      }
      case 'fake-continuation': {
        // Lines that look like replies inside a multi-line one; only `code` ends it.
        record(verb, [code]);
        const fake = code >= 400 ? 226 : 550;
        return send(s, [`${code}-${text}`, `${fake} not the end`, `${fake}-nor this`, `${code}`.padEnd(4, '-') + 'still not', ...(multi ?? []).map((m) => ` ${m}`), `${code} ${text}`]);
      }
      case 'bare-lf':
        record(verb, [code]);
        return send(s, correct, 'lf');
      case 'bytewise':
        record(verb, [code]);
        return send(s, correct, 'bytewise');
      case 'long-line':
        record(verb, []);
        s.socket.write(`${code} ${'x'.repeat(9000 + Math.floor(rng() * 4000))}\r\n`);
        return;
      case 'huge-multiline': {
        record(verb, []);
        const chunk = ` ${'y'.repeat(1000)}\r\n`.repeat(64);
        s.socket.write(`${code}-huge\r\n`);
        for (let i = 0; i < 5 && !s.socket.destroyed; i += 1) s.socket.write(chunk);
        s.socket.write(`${code} End\r\n`);
        return;
      }
      case 'junk-bytes':
        record(verb, [code]);
        s.socket.write(Buffer.concat([Buffer.from(`${code}-junk `), Buffer.of(0, 0xff, 0xfe, 0xc3, 0x28, 0x80), Buffer.from('\r\n'), Buffer.from(correct.map((l) => `${l}\r\n`).join(''))]));
        return;
      case 'not-ftp':
        record(verb, []);
        return send(s, ['HTTP/1.1 400 Bad Request']);
      case 'slow':
        // Silence for a while, then the right answer: in time or after the 300 ms reply timeout.
        record(verb, [code]);
        await sleep(50 + Math.floor(rng() * 400));
        return send(s, correct);
      case 'ok-then-extra':
        // An unsolicited extra reply after the right one: it belongs to nobody.
        record(verb, [code]);
        return send(s, [...correct, '200 Unsolicited']);
    }
  };

  const passive = async (s: QuirkSession, verb: 'EPSV' | 'PASV'): Promise<void> => {
    const port = await openListener();
    const pasv = (host: string, p: number): string => `227 Entering Passive Mode (${host.replaceAll('.', ',')},${p >> 8},${p & 255})`;
    const good = verb === 'EPSV' ? `229 Extended (|||${port}|)` : pasv('127.0.0.1', port);
    if (rng() >= hostility * 1.5) {
      log.lines.push(`< ${good.slice(0, 3)} :${port}`);
      return send(s, [good]);
    }
    const fault = pick(rng, PASSIVE_FAULTS);
    log.lines.push(`< !${fault}`);
    switch (fault) {
      case 'epsv-port0':
        return send(s, ['229 Extended (|||0|)']);
      case 'epsv-70000':
        return send(s, ['229 Extended (|||70000|)']);
      case 'epsv-odd':
        return send(s, [`229 Extended (|1|10.1.2.3|${port}|)`]);
      case 'epsv-bang':
        return send(s, [`229 Extended (!!!${port}!)`]);
      case 'pasv-foreign':
        return send(s, [pasv('10.1.2.3', port)]);
      case 'pasv-metadata':
        return send(s, [pasv('169.254.169.254', port)]);
      case 'pasv-port0':
        return send(s, ['227 Entering Passive Mode (127,0,0,1,0,0)']);
      case 'pasv-300':
        return send(s, ['227 Entering Passive Mode (127,0,0,1,300,20)']);
      case 'closed-port': {
        // A port we listened on a moment ago: connecting there is refused.
        listener?.close();
        listener = undefined;
        return send(s, [verb === 'EPSV' ? `229 Extended (|||${port}|)` : pasv('127.0.0.1', port)]);
      }
      case 'refuse':
        return send(s, ['500 Not here']);
      case 'prelim':
        return send(s, ['150 One moment', good]);
    }
  };


  const dataCtx: DataContext = { rng, hostility, log, takeData, recordTransfer, send };

  return async (s, verb, arg) => {
    currentArg = arg;
    log.lines.push(`> ${verb}${arg ? ` ${arg}` : ''}`.slice(0, 80));
    switch (verb) {
      case 'USER':
        await answer(s, verb, [331, 'Password please']);
        break;
      case 'PASS':
        await answer(s, verb, [230, 'Logged in']);
        break;
      case 'FEAT':
        await answer(s, verb, [211, 'Features'], feat);
        break;
      case 'SYST':
        await answer(s, verb, [215, 'UNIX Type: L8']);
        break;
      case 'TYPE':
      case 'OPTS':
      case 'CLNT':
      case 'NOOP':
        await answer(s, verb, [200, 'OK']);
        break;
      case 'PWD':
        pwdCounter += 1;
        await answer(s, verb, [257, `"/p${pwdCounter}" is current`]);
        break;
      case 'CWD':
      case 'DELE':
      case 'RNTO':
        await answer(s, verb, [250, 'Done']);
        break;
      case 'MKD':
        await answer(s, verb, [257, `"${arg}" created`]);
        break;
      case 'RNFR':
        await answer(s, verb, [350, 'Ready for RNTO']);
        break;
      case 'SIZE':
        await answer(s, verb, [213, String(idOf(arg) * 7 + 1)]);
        break;
      case 'MDTM':
        await answer(s, verb, [213, `2024${String((idOf(arg) % 12) + 1).padStart(2, '0')}02030405`]);
        break;
      case 'PORT': {
        const n = arg.split(',').map(Number);
        active = { host: n.slice(0, 4).join('.'), port: (n[4] ?? 0) * 256 + (n[5] ?? 0) };
        await answer(s, verb, [200, 'PORT ok']);
        break;
      }
      case 'EPRT': {
        const [, , host = '', port = '0'] = arg.split(arg[0] ?? '|');
        active = { host, port: Number(port) };
        await answer(s, verb, [200, 'EPRT ok']);
        break;
      }
      case 'EPSV':
      case 'PASV':
        active = undefined;
        await passive(s, verb);
        break;
      case 'RETR':
      case 'LIST':
      case 'MLSD':
      case 'NLST':
        await serveDownload(dataCtx, s, verb === 'LIST' && arg.startsWith('-a') ? 'LIST' : verb, arg);
        break;
      case 'STOR':
        await takeUpload(dataCtx, s, verb, arg);
        break;
      case 'QUIT':
        await answer(s, verb, [221, 'Bye']);
        s.socket.end();
        break;
      case 'ABOR':
        await send(s, ['226 Abort ok']);
        break;
      default:
        await send(s, [`502 ${verb} not implemented`]);
    }
    return true;
  };
}
