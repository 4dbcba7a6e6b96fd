/**
 * A server that ends a file early with a 226 (it listed and sized the file
 * at 5000 bytes, then sends 1000): the browser's download fails at once
 * instead of waiting for bytes that never come, and a ZIP says which entry
 * is short. A scripted server, since no real one truncates on demand.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { listenOnLoopback } from './support/listen.ts';
import { startScriptedFtp, type ScriptedFtp } from './support/scriptedFtp.ts';
import { readZip } from './support/zipRead.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let base: string;
let ftp: ScriptedFtp;
const LISTED = 5000;
const SENT = 1000;

beforeAll(async () => {
  ftp = await startScriptedFtp({
    list: () => `-rw-r--r--    1 0 0 ${LISTED} Jan 01  2020 cut.bin\r\n`,
    retr: () => Buffer.alloc(SENT, 7),
    answers: { SIZE: `213 ${LISTED}` },
  });
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

const target = () => ({ host: ftp.host, port: ftp.port });

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
