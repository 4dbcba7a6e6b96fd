/**
 * A scripted loopback FTP server for replaying server quirks that real
 * servers will not produce on demand (bogus 227 hosts, 2xx before 1xx, a
 * late 451 after ABOR, endless lines, 421 mid-session). An addition to the
 * real-server tests, never a replacement.
 *
 * Each test passes a handler; unhandled commands get sane defaults
 * (USER/PASS/FEAT/SYST/TYPE/PWD/NOOP/QUIT), so a script states only its quirk.
 */
import net from 'node:net';

/** One client session on the quirk server. */
export class QuirkSession {
  /** Every command line received, in order. */
  readonly received: string[];
  private dataServer: net.Server | undefined;
  private dataSocket: Promise<net.Socket> | undefined;

  constructor(
    readonly socket: net.Socket,
    received: string[],
  ) {
    this.received = received;
  }

  /** Writes reply text; CRLF is added to each line given. */
  reply(...lines: string[]): void {
    this.socket.write(lines.map((l) => `${l}\r\n`).join(''));
  }

  /** Opens a passive listener and returns its port; the next data connection is kept. */
  async listen(): Promise<number> {
    this.dataServer?.close();
    const server = net.createServer();
    this.dataServer = server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    this.dataSocket = new Promise((resolve) => server.once('connection', resolve));
    return (server.address() as net.AddressInfo).port;
  }

  /** The data connection the client made to the last listener. */
  data(): Promise<net.Socket> {
    if (!this.dataSocket) throw new Error('no passive listener');
    return this.dataSocket;
  }

  /** Connects to an active-mode client at `host:port`, optionally from a given local address. */
  connectTo(host: string, port: number, localAddress?: string): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ host, port, ...(localAddress ? { localAddress } : {}) }, () => resolve(s));
      s.once('error', reject);
    });
  }

  /** Standard answers for the commands a script does not care about. */
  defaults(verb: string, arg: string, feat: string[] = []): boolean {
    switch (verb) {
      case 'USER':
        this.reply('331 Password please');
        return true;
      case 'PASS':
        this.reply('230 Logged in');
        return true;
      case 'FEAT':
        this.reply('211-Features', ...feat.map((f) => ` ${f}`), '211 End');
        return true;
      case 'SYST':
        this.reply('215 UNIX Type: L8');
        return true;
      case 'TYPE':
        this.reply(`200 Type set to ${arg}`);
        return true;
      case 'PWD':
        this.reply('257 "/" is current');
        return true;
      case 'NOOP':
        this.reply('200 NOOP ok');
        return true;
      case 'OPTS':
        this.reply('200 OK');
        return true;
      case 'QUIT':
        this.reply('221 Bye');
        this.socket.end();
        return true;
      case 'EPSV':
        this.listen().then((p) => this.reply(`229 Entering Extended Passive Mode (|||${p}|)`));
        return true;
      default:
        return false;
    }
  }

  /**
   * Serves one download-like command (RETR, LIST, MLSD) on the last passive
   * data connection: 150, `payload`, close, then 226 once the client has
   * closed its side too.
   */
  async serveData(payload: Buffer | string): Promise<void> {
    const data = await this.data();
    this.reply('150 Opening data connection');
    data.end(payload);
    await new Promise((r) => data.once('close', r));
    this.reply('226 Transfer complete');
  }

  /** Takes one upload (STOR, APPE) on the last passive data connection and returns its bytes. */
  async receiveData(): Promise<Buffer> {
    const data = await this.data();
    this.reply('150 Ok to send data');
    const chunks: Buffer[] = [];
    data.on('data', (c: Buffer) => chunks.push(c));
    await new Promise((r) => data.once('end', r));
    data.end();
    this.reply('226 Transfer complete');
    return Buffer.concat(chunks);
  }

  /** Answers PASV with a 227 for a fresh listener on 127.0.0.1. */
  async pasv(): Promise<void> {
    const p = await this.listen();
    this.reply(`227 Entering Passive Mode (127,0,0,1,${p >> 8},${p & 255})`);
  }

  /** Closes data sockets and listeners. */
  cleanup(): void {
    this.dataServer?.close();
    this.dataSocket?.then((s) => s.destroy()).catch(() => undefined);
  }
}

/** Handles one command; return false to fall back to the defaults (then 502). */
export type QuirkHandler = (s: QuirkSession, verb: string, arg: string) => boolean | void | Promise<boolean | void>;

/** A running quirk server. */
export interface QuirkServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Commands of every session, in order. */
  received: string[];
  sessions: QuirkSession[];
  stop(): Promise<void>;
}

/** Starts the server on 127.0.0.1 with `greeting` lines and `handler`. */
export async function startQuirkServer(handler: QuirkHandler, opts: { greeting?: string[]; feat?: string[] } = {}): Promise<QuirkServer> {
  const received: string[] = [];
  const sessions: QuirkSession[] = [];
  const server = net.createServer((sock) => {
    const s = new QuirkSession(sock, received);
    sessions.push(s);
    sock.on('error', () => undefined);
    s.reply(...(opts.greeting ?? ['220 quirk server ready']));
    let buf = '';
    let chain = Promise.resolve();
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        received.push(line);
        const sp = line.indexOf(' ');
        const verb = (sp < 0 ? line : line.slice(0, sp)).toUpperCase();
        const arg = sp < 0 ? '' : line.slice(sp + 1);
        // Commands are handled one after another, like a real server's command loop.
        chain = chain.then(async () => {
          const handled = await handler(s, verb, arg);
          if (handled === true) return;
          if (!s.defaults(verb, arg, opts.feat)) s.reply(`502 ${verb} not implemented`);
        });
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    host: '127.0.0.1',
    port: (server.address() as net.AddressInfo).port,
    user: 'quirk',
    password: 'quirk-pass',
    received,
    sessions,
    stop: async () => {
      for (const s of sessions) {
        s.cleanup();
        s.socket.destroy();
      }
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
