/**
 * A fault-injecting TCP proxy in front of a real FTP server, for tests.
 *
 * Passive data connections go to the port in the 227/229 reply on the
 * control peer's address (the engine ignores the announced host). So the
 * proxy listens on a second loopback address, 127.0.0.2, on the FTP
 * server's control port AND every port of its passive range, and forwards
 * each 127.0.0.2:p to 127.0.0.1:p. Nothing is rewritten: the client talks to
 * 127.0.0.2, and every data connection it opens passes the proxy too.
 *
 *   engine ──► 127.0.0.2:ctl ──► 127.0.0.1:ctl   (channel 'control')
 *   engine ──► 127.0.0.2:p   ──► 127.0.0.1:p     (channel 'data', p in the passive range)
 *
 * Faults are one-shot: `inject()` arms one, and the first connection of that
 * channel that moves `afterBytes` more bytes in that direction fires it.
 * Active mode (PORT/EPRT) bypasses the proxy; tests use passive mode.
 */
import net from 'node:net';

/** Which connection a fault applies to. */
export type Channel = 'control' | 'data';
/** Which way the bytes flow. */
export type Direction = 'toServer' | 'toClient';

/** One armed fault. */
export interface Fault {
  channel: Channel;
  direction: Direction;
  /** Bytes (counted from arming, per connection) that pass before the fault fires. */
  afterBytes: number;
  /**
   * `cut`: reset both sides (RST), as a dropped link looks.
   * `truncate`: deliver the bytes up to the cut, then close gracefully (FIN):
   * the receiver sees a partial message and the end of the stream.
   */
  action: 'cut' | 'truncate';
}

interface Conn {
  channel: Channel;
  client: net.Socket;
  server: net.Socket;
  /** Writes in order, delayed when a delay is set. */
  chain: Promise<void>;
  /** With {@link FaultProxy.rewriteCommand}: the start of a command line not complete yet. */
  partial: string;
}

interface Armed extends Fault {
  counted: Map<Conn, number>;
  fired: (conn: Conn) => void;
}

/** The second loopback address the proxy listens on (all of 127/8 is loopback on Linux). */
export const PROXY_HOST = '127.0.0.2';

export class FaultProxy {
  /** Delay every chunk by this many milliseconds (a slow link). */
  delayMs = 0;
  /** Reset every new connection at once (the server is unreachable). */
  refuseNew = false;
  /**
   * Rewrites each command line (without its CRLF) on its way to the server,
   * for making a real server answer as another would (say, `LIST` sent on
   * as an unknown verb). Armed faults then count the rewritten bytes.
   */
  rewriteCommand: ((line: string) => string) | undefined;
  readonly #listeners: net.Server[] = [];
  readonly #conns = new Set<Conn>();
  #armed: Armed[] = [];
  #toServerControl = '';

  private constructor(readonly target: { host: string; port: number; passivePorts: [number, number] }) {}

  /** Starts listening on 127.0.0.2 at the server's control port and passive ports. */
  static async start(target: { host: string; port: number; passivePorts: [number, number] }): Promise<FaultProxy> {
    const proxy = new FaultProxy(target);
    await proxy.#listen(target.port, 'control');
    for (let p = target.passivePorts[0]; p <= target.passivePorts[1]; p++) await proxy.#listen(p, 'data');
    return proxy;
  }

  /** Where the engine should connect. */
  get host(): string {
    return PROXY_HOST;
  }

  get port(): number {
    return this.target.port;
  }

  /** Everything clients sent on control connections (commands), for asserting QUIT and the like. */
  get controlCommands(): string {
    return this.#toServerControl;
  }

  /** Arms a one-shot fault; resolves when it fired. */
  inject(fault: Fault): Promise<void> {
    return new Promise((resolve) => this.#armed.push({ ...fault, counted: new Map(), fired: () => resolve() }));
  }

  /** Resets every open connection of a channel now (a link drop). */
  cutAll(channel: Channel): number {
    let n = 0;
    for (const c of this.#conns) {
      if (c.channel !== channel) continue;
      this.#kill(c, 'cut');
      n += 1;
    }
    return n;
  }

  async stop(): Promise<void> {
    for (const c of this.#conns) this.#kill(c, 'cut');
    await Promise.all(this.#listeners.map((l) => new Promise((r) => l.close(r))));
  }

  #listen(port: number, channel: Channel): Promise<void> {
    const server = net.createServer((client) => this.#accept(client, port, channel));
    this.#listeners.push(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: PROXY_HOST, port, exclusive: true }, () => resolve());
    });
  }

  #accept(client: net.Socket, port: number, channel: Channel): void {
    if (this.refuseNew) {
      client.resetAndDestroy();
      return;
    }
    client.pause();
    const server = net.connect({ host: this.target.host, port });
    const conn: Conn = { channel, client, server, chain: Promise.resolve(), partial: '' };
    this.#conns.add(conn);
    const gone = (): void => {
      this.#kill(conn, 'cut');
    };
    client.on('error', gone);
    server.on('error', gone);
    // Ends travel through the chain too, so a delayed chunk is never overtaken by its FIN.
    client.on('close', () => {
      conn.chain = conn.chain.then(() => {
        if (!server.destroyed) server.end();
      });
      this.#conns.delete(conn);
    });
    server.on('close', () => {
      conn.chain = conn.chain.then(() => {
        if (!client.destroyed) client.end();
      });
      this.#conns.delete(conn);
    });
    server.once('connect', () => {
      this.#pump(conn, client, server, 'toServer');
      this.#pump(conn, server, client, 'toClient');
      client.resume();
    });
  }

  #pump(conn: Conn, from: net.Socket, to: net.Socket, direction: Direction): void {
    from.on('data', (data: Buffer) => {
      let chunk = data;
      if (conn.channel === 'control' && direction === 'toServer' && this.rewriteCommand) {
        chunk = this.#rewrite(conn, chunk, this.rewriteCommand);
        if (chunk.length === 0) return;
      }
      if (conn.channel === 'control' && direction === 'toServer') {
        this.#toServerControl = (this.#toServerControl + chunk.toString('latin1')).slice(-64 * 1024);
      }
      const fault = this.#armed.find((f) => f.channel === conn.channel && f.direction === direction);
      if (fault) {
        const counted = fault.counted.get(conn) ?? 0;
        const left = fault.afterBytes - counted;
        if (chunk.length >= left) {
          this.#armed = this.#armed.filter((f) => f !== fault);
          from.pause();
          this.#forward(conn, to, chunk.subarray(0, left), from);
          conn.chain = conn.chain.then(() => {
            this.#kill(conn, fault.action);
            fault.fired(conn);
          });
          return;
        }
        fault.counted.set(conn, counted + chunk.length);
      }
      this.#forward(conn, to, chunk, from);
    });
    from.on('end', () => {
      conn.chain = conn.chain.then(() => {
        if (!to.destroyed) to.end();
      });
    });
  }

  /** The complete lines in `chunk` (after any held-back start), rewritten; an incomplete end is held back. */
  #rewrite(conn: Conn, chunk: Buffer, rewrite: (line: string) => string): Buffer {
    const text = conn.partial + chunk.toString('latin1');
    const lines = text.split('\r\n');
    conn.partial = lines.pop() ?? '';
    return Buffer.from(lines.map((l) => `${rewrite(l)}\r\n`).join(''), 'latin1');
  }

  /** Writes in order, after the delay, pausing the source while the sink is full. */
  #forward(conn: Conn, to: net.Socket, chunk: Buffer, from: net.Socket): void {
    if (chunk.length === 0) return;
    const delay = this.delayMs;
    conn.chain = conn.chain.then(async () => {
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      if (to.destroyed) return;
      if (!to.write(chunk)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
    });
  }

  #kill(conn: Conn, action: 'cut' | 'truncate'): void {
    this.#conns.delete(conn);
    if (action === 'truncate') {
      // Graceful: both peers see the end of the stream after what was delivered.
      conn.client.end();
      conn.server.end();
      setTimeout(() => {
        conn.client.destroy();
        conn.server.destroy();
      }, 1000).unref();
      return;
    }
    if (!conn.client.destroyed) conn.client.resetAndDestroy();
    if (!conn.server.destroyed) conn.server.resetAndDestroy();
  }
}
