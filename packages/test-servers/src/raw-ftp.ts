// A deliberately tiny FTP control-connection client over raw sockets. It
// exists so this package can wait for greetings and test itself without the
// real engine; it is not the product's FTP client.
import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket, ConnectionOptions } from 'node:tls';

/** One complete FTP reply. */
export interface RawReply {
  code: number;
  /** Every line of the reply, without CRLF. */
  lines: string[];
  /** All lines joined with '\n'. */
  text: string;
}

/** A control connection that reads replies in order. */
export class RawFtpControl {
  private pending = '';
  private queue: RawReply[] = [];
  private waiters: Array<{ resolve: (r: RawReply) => void; reject: (e: Error) => void }> = [];
  private failure: Error | undefined;

  private constructor(public socket: Socket | TLSSocket) {
    this.attach(socket);
  }

  /** Connects (plain, or implicit TLS) and returns once the greeting is read. */
  static async open(
    host: string,
    port: number,
    opts: { implicitTls?: boolean; timeoutMs?: number; tls?: ConnectionOptions } = {},
  ): Promise<{ control: RawFtpControl; greeting: RawReply }> {
    const socket = await new Promise<Socket | TLSSocket>((resolve, reject) => {
      const s = opts.implicitTls
        ? tlsConnect({ host, port, rejectUnauthorized: false, ...opts.tls }, () => resolve(s))
        : netConnect({ host, port }, () => resolve(s));
      s.once('error', reject);
    });
    const control = new RawFtpControl(socket);
    const greeting = await control.read(opts.timeoutMs ?? 5000);
    return { control, greeting };
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('control connection closed')));
  }

  private onData(chunk: Buffer): void {
    this.pending += chunk.toString('latin1');
    for (;;) {
      const reply = this.takeReply();
      if (!reply) return;
      const w = this.waiters.shift();
      if (w) w.resolve(reply);
      else this.queue.push(reply);
    }
  }

  /** Cuts one complete reply (single or multi-line, RFC 959 §4.2) off the buffer. */
  private takeReply(): RawReply | undefined {
    const lines = this.pending.split('\r\n');
    if (lines.length < 2) return undefined;
    const first = lines[0] ?? '';
    const code = first.slice(0, 3);
    let end = 0;
    if (first[3] === '-') {
      end = lines.findIndex((l, i) => i > 0 && i < lines.length - 1 && l.startsWith(`${code} `));
      if (end < 0) return undefined;
    }
    const replyLines = lines.slice(0, end + 1);
    this.pending = lines.slice(end + 1).join('\r\n');
    return { code: Number(code), lines: replyLines, text: replyLines.join('\n') };
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  /** Reads the next reply. */
  read(timeoutMs = 5000): Promise<RawReply> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no FTP reply within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  /** Sends one command and reads its reply. */
  async send(command: string, timeoutMs = 5000): Promise<RawReply> {
    this.socket.write(`${command}\r\n`, 'latin1');
    return this.read(timeoutMs);
  }

  /**
   * AUTH TLS, then wraps the same socket in TLS (explicit FTPS). Replies
   * after this travel encrypted.
   */
  async upgradeToTls(tlsOptions: ConnectionOptions = {}): Promise<RawReply> {
    const reply = await this.send('AUTH TLS');
    if (reply.code !== 234) throw new Error(`AUTH TLS refused: ${reply.text}`);
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    const secure = await new Promise<TLSSocket>((resolve, reject) => {
      const s = tlsConnect({ socket: plain, rejectUnauthorized: false, ...tlsOptions }, () => resolve(s));
      s.once('error', reject);
    });
    this.socket = secure;
    this.attach(secure);
    return reply;
  }

  /** USER + PASS; throws unless the server answers 230. */
  async login(user: string, password: string): Promise<void> {
    let reply = await this.send(`USER ${user}`);
    if (reply.code === 331) reply = await this.send(`PASS ${password}`);
    if (reply.code !== 230) throw new Error(`login failed: ${reply.text}`);
  }

  /** Sends QUIT (best effort) and closes the socket. */
  async close(): Promise<void> {
    if (!this.failure && !this.socket.destroyed) {
      await this.send('QUIT', 2000).catch(() => undefined);
    }
    this.socket.destroy();
  }
}

/** Parses a 227 reply's h1,h2,h3,h4,p1,p2 into host and port. */
export function parsePasv(reply: RawReply): { host: string; port: number } {
  const m = /(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)/.exec(reply.text);
  if (!m) throw new Error(`not a PASV reply: ${reply.text}`);
  const n = m.slice(1).map(Number);
  return { host: n.slice(0, 4).join('.'), port: (n[4] ?? 0) * 256 + (n[5] ?? 0) };
}
