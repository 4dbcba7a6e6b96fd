/**
 * A hostile FTP server on 127.0.0.1 whose tree never ends: every folder
 * lists one subfolder, for ever (what review 5's deeptree attack served).
 * `name(depth)` says what the subfolder at each depth is called: the same
 * name with the same facts at every level looks like a link back up; a
 * new name at every level does not, and only a depth cap stops the walk.
 * An addition to the real-server tests, for what no real server serves.
 */
import net from 'node:net';

/** A running endless-tree server. */
export interface EndlessTreeFtp {
  host: string;
  port: number;
  /** LIST and NLST commands answered so far. */
  lists: () => number;
  stop: () => Promise<void>;
}

/** Starts the server; `name(depth)` names the one subfolder of a folder `depth` levels below `/`. */
export async function startEndlessTreeFtp(name: (depth: number) => string): Promise<EndlessTreeFtp> {
  let lists = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.setEncoding('latin1');
    s.write('220 endless\r\n');
    let buf = '';
    let data: Promise<net.Socket> | undefined;
    let busy = Promise.resolve();
    const handle = async (line: string): Promise<void> => {
      const [verb = '', ...rest] = line.split(' ');
      const arg = rest.join(' ');
      switch (verb.toUpperCase()) {
        case 'EPSV': {
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
          return;
        }
        case 'LIST':
        case 'NLST': {
          lists += 1;
          const depth = arg.split('/').filter((p) => p !== '' && !p.startsWith('-')).length;
          const d = await data;
          s.write('150 here\r\n');
          await new Promise<void>((r) => d?.end(`drwxr-xr-x    2 0 0 4096 Jan 01  2020 ${name(depth)}\r\n`, () => r()));
          s.write('226 ok\r\n');
          return;
        }
        default: {
          const answers: Record<string, string> = {
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
          s.write(`${answers[verb.toUpperCase()] ?? '502 no'}\r\n`);
        }
      }
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
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
