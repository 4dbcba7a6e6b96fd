/**
 * A scripted FTP server on 127.0.0.1 for what no real server does on
 * demand (a tree without end, a file cut short): EPSV, one data command at
 * a time, and canned answers for everything else. An addition to the
 * real-server tests, never a replacement.
 */
import net from 'node:net';

/** What the script serves. */
export interface FtpScript {
  /** The listing for `LIST`/`NLST` with this argument (options like `-a` included). */
  list?: (arg: string) => string;
  /** The bytes `RETR` sends for this path before its 226. */
  retr?: (path: string) => Buffer | string;
  /** RETR's final reply for this path, in place of `226 ok` (a 426 after all the data, say). */
  retrFinal?: (path: string) => string;
  /** Takes STOR: the bytes that came for this path, once its data connection ended. */
  stor?: (path: string, data: Buffer) => void;
  /** Extra or replacing one-line answers, by verb (`SIZE: '213 5000'`). */
  answers?: Record<string, string>;
  /** Milliseconds to wait before answering these verbs (a slow server). */
  delays?: Record<string, number>;
}

/** A running scripted server. */
export interface ScriptedFtp {
  host: string;
  port: number;
  /** LIST and NLST commands answered so far. */
  lists: () => number;
  /** RETR commands received so far. */
  retrs: () => number;
  /** Commands of this verb received so far, and answered so far (a delayed answer is not yet). */
  seen: (verb: string) => { received: number; answered: number };
  stop: () => Promise<void>;
}

const DEFAULT_ANSWERS: Record<string, string> = {
  USER: '331 pw',
  PASS: '230 ok',
  PWD: '257 "/"',
  FEAT: '211 no features',
  SYST: '215 UNIX Type: L8',
  TYPE: '200 ok',
  CWD: '250 ok',
  NOOP: '200 ok',
  SIZE: '550 not a plain file',
  MDTM: '550 no',
  QUIT: '221 bye',
};

/** Starts a server that follows `script`. */
export async function startScriptedFtp(script: FtpScript): Promise<ScriptedFtp> {
  const answers = { ...DEFAULT_ANSWERS, ...script.answers };
  let lists = 0;
  let retrs = 0;
  const received = new Map<string, number>();
  const answered = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.setEncoding('latin1');
    s.write('220 scripted\r\n');
    let buf = '';
    let data: Promise<net.Socket> | undefined;
    let busy = Promise.resolve();
    /** 150, the payload on the data connection, then 226 once the client has closed its side too. */
    const serve = async (payload: Buffer | string, final = '226 ok'): Promise<void> => {
      const d = await data;
      s.write('150 here\r\n');
      await new Promise<void>((r) => d?.end(payload, () => r()));
      if (d && !d.destroyed) await new Promise((r) => d.once('close', r));
      s.write(`${final}\r\n`);
    };
    const handle = async (line: string): Promise<void> => {
      const [verb = '', ...rest] = line.split(' ');
      const arg = rest.join(' ');
      const upper = verb.toUpperCase();
      received.set(upper, (received.get(upper) ?? 0) + 1);
      const delay = script.delays?.[upper];
      if (delay) await new Promise((r) => setTimeout(r, delay));
      if (upper === 'RETR') retrs += 1;
      if (upper === 'EPSV') {
        const listener = net.createServer();
        data = new Promise((resolve) =>
          listener.once('connection', (d) => {
            listener.close();
            d.on('error', () => undefined);
            resolve(d);
          }),
        );
        await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
        s.write(`229 ok (|||${(listener.address() as net.AddressInfo).port}|)\r\n`);
      } else if ((upper === 'LIST' || upper === 'NLST') && script.list) {
        lists += 1;
        await serve(script.list(arg));
      } else if (upper === 'RETR' && script.retr) {
        await serve(script.retr(arg), script.retrFinal?.(arg));
      } else if (upper === 'STOR' && script.stor) {
        const d = await data;
        s.write('150 send\r\n');
        const chunks: Buffer[] = [];
        d?.on('data', (c: Buffer) => chunks.push(c));
        if (d && !d.readableEnded) await new Promise((r) => d.once('end', r));
        d?.end();
        script.stor(arg, Buffer.concat(chunks));
        s.write('226 stored\r\n');
      } else {
        s.write(`${answers[upper] ?? '502 no'}\r\n`);
      }
      answered.set(upper, (answered.get(upper) ?? 0) + 1);
    };
    s.on('data', (chunk: string) => {
      buf += chunk;
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        busy = busy.then(() => handle(line)).catch(() => undefined);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    host: '127.0.0.1',
    port: (server.address() as net.AddressInfo).port,
    lists: () => lists,
    retrs: () => retrs,
    seen: (verb) => ({ received: received.get(verb) ?? 0, answered: answered.get(verb) ?? 0 }),
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
