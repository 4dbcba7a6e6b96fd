/**
 * A server that ends a file early with a 226 (it listed and sized the file
 * at 5000 bytes, then sends 1000): the browser's download fails at once
 * instead of waiting for bytes that never come, and a ZIP says which entry
 * is short. A scripted server, since no real one truncates on demand.
 */
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { readZip } from './support/zipRead.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let base: string;
let ftp: net.Server;
const LISTED = 5000;
const SENT = 1000;

beforeAll(async () => {
  ftp = net.createServer((s) => {
    s.on('error', () => undefined);
    s.setEncoding('latin1');
    s.write('220 truncating\r\n');
    let buf = '';
    let data: Promise<net.Socket> | undefined;
    let busy = Promise.resolve();
    const send = async (payload: string | Buffer): Promise<void> => {
      const d = await data;
      s.write('150 here\r\n');
      await new Promise<void>((r) => d?.end(payload, () => r()));
      await new Promise((r) => d?.once('close', r));
      s.write('226 done\r\n');
    };
    const handle = async (line: string): Promise<void> => {
      const [verb = ''] = line.split(' ');
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
          return send(`-rw-r--r--    1 0 0 ${LISTED} Jan 01  2020 cut.bin\r\n`);
        case 'RETR':
          return send(Buffer.alloc(SENT, 7));
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
            SIZE: `213 ${LISTED}`,
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
  await new Promise<void>((r) => ftp.listen(0, '127.0.0.1', r));
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await new Promise((r) => ftp.close(r));
});

const target = () => ({ host: '127.0.0.1', port: (ftp.address() as net.AddressInfo).port });

describe('a download the FTP server ends early', () => {
  it('fails in the browser at once, and the transcript says how much came', async () => {
    const client = await TestWsClient.connectedTo(base, target(), { user: 'u', password: 'p' });
    const { url } = await client.request('download-link', { paths: ['/cut.bin'] });
    const res = await fetch(`http://${base}${url}`);
    expect(res.headers.get('content-length')).toBe(String(LISTED));
    const body = await res.arrayBuffer().then(
      (b) => b.byteLength,
      () => -1,
    );
    expect(body).toBe(-1);
    await client.waitFor((m) => m.type === 'transcript' && m.lines.some((l) => l.text.includes(`after ${SENT} of its ${LISTED} bytes`)));
    client.close();
  });

  it('says in the ZIP which entry is short', async () => {
    const client = await TestWsClient.connectedTo(base, target(), { user: 'u', password: 'p' });
    const { url } = await client.request('download-link', { paths: ['/cut.bin'], zip: true });
    const res = await fetch(`http://${base}${url}`);
    const zip = readZip(Buffer.from(await res.arrayBuffer()));
    expect(zip.get('cut.bin')?.length).toBe(SENT);
    expect(zip.get('_ftpdeck-errors.txt')?.toString()).toMatch(new RegExp(`/cut.bin: the server sent ${SENT} of the ${LISTED} bytes it listed`));
    client.close();
  });
});
