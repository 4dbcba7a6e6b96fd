/**
 * "Exactly one reply per request" holds for requests refused before they
 * are parsed (review 9, S2) and for reused ids (S6): an oversized text frame
 * or a rate-limited request with a readable id gets reply{id, ok:false}, not
 * an error event the page cannot match; a request whose id is still in
 * flight is refused with SRV_ERR_DUPLICATE_ID and does not run. Real
 * sockets, real vsftpd.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOWNLOAD_LINK_PATHS_BYTES, MAX_TEXT_FRAME_BYTES, type ServerMessage } from '@ftpdeck/protocol';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { peekRequestId } from '../src/ws/gateway.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient } from './wsClient.ts';

let ftp: RunningFtpServer;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [{ path: 'sub/inner.txt', content: 'x\n' }, { path: 'top.txt', content: 'y\n' }]);
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

const until = async (test: () => boolean): Promise<void> => {
  while (!test()) await new Promise((r) => setTimeout(r, 10));
};
const repliesTo = (client: TestWsClient, id: number): Array<Extract<ServerMessage, { type: 'reply' }>> =>
  client.arrivals.filter((m): m is Extract<ServerMessage, { type: 'reply' }> => m.type === 'reply' && m.id === id);

describe('requests refused unread still get their reply', () => {
  it('answers an oversized text frame with reply{id} wherever the page put the id', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    const big = 'p'.repeat(MAX_TEXT_FRAME_BYTES);
    // The web app sends `{...body, id}`: the id comes last.
    client.socket.send(JSON.stringify({ type: 'download-link', paths: [big], id: 41 }));
    client.socket.send(JSON.stringify({ type: 'download-link', id: 42, paths: [big] }));
    await until(() => repliesTo(client, 41).length > 0 && repliesTo(client, 42).length > 0);
    for (const id of [41, 42]) {
      expect(repliesTo(client, id)).toEqual([
        { type: 'reply', id, ok: false, error: { code: 'SRV_ERR_LIMIT', message: expect.stringContaining(`larger than ${MAX_TEXT_FRAME_BYTES} bytes`) } },
      ]);
    }
    expect(client.events.filter((e) => e.type === 'error')).toEqual([]);
    client.close();
  });

  it('answers every one of 600 requests sent at once, the rate-limited ones with a retryable SRV_ERR_LIMIT', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    for (let id = 1; id <= 600; id += 1) client.socket.send(JSON.stringify({ type: 'disconnect', id }));
    await until(() => client.arrivals.filter((m) => m.type === 'reply').length >= 600);
    const replies = client.arrivals.filter((m): m is Extract<ServerMessage, { type: 'reply' }> => m.type === 'reply');
    expect(new Set(replies.map((r) => r.id)).size).toBe(600);
    const limited = replies.filter((r) => !r.ok);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of limited) expect(r).toMatchObject({ ok: false, error: { code: 'SRV_ERR_LIMIT', retryable: true } });
    expect(client.events.filter((e) => e.type === 'error')).toEqual([]);
    client.close();
  });

  it('takes the largest download-link the schema allows, and refuses larger paths with SRV_ERR_BAD_MESSAGE', async () => {
    const client = await TestWsClient.connectedTo(base, ftp, ftp);
    // The reviewer's selection: 1000 files of about 75 characters (75 KiB), over the old 64 KiB limit.
    const thousand = Array.from({ length: 1000 }, (_, i) => `/projects/customer-deliverables-2024/photos-raw/IMG_${String(i).padStart(5, '0')}_final_edit.jpg`);
    expect((await client.request('download-link', { paths: thousand, zip: true })).url).toMatch(/^\/api\/download\//);

    // Paths that fill the allowance exactly fit one frame with the rest of the message.
    const each = Math.floor(MAX_DOWNLOAD_LINK_PATHS_BYTES / 1000) - 3;
    const largest = Array.from({ length: 1000 }, (_, i) => `/${String(i).padStart(4, '0')}${'n'.repeat(each - 5)}`);
    const frame = JSON.stringify({ type: 'download-link', paths: largest, zip: true, transferType: 'binary', id: 2 ** 40 });
    expect(Buffer.byteLength(frame)).toBeLessThanOrEqual(MAX_TEXT_FRAME_BYTES);
    expect((await client.request('download-link', { paths: largest, zip: true })).url).toMatch(/^\/api\/download\//);

    // Over the allowance but under the frame limit: the schema refuses it by name.
    const over = [...largest.slice(1), `/${'o'.repeat(each + 2000)}`];
    expect(Buffer.byteLength(JSON.stringify({ type: 'download-link', id: 9, paths: over }))).toBeLessThanOrEqual(MAX_TEXT_FRAME_BYTES);
    await expect(client.request('download-link', { paths: over })).rejects.toMatchObject({ wire: { code: 'SRV_ERR_BAD_MESSAGE', message: expect.stringContaining('paths together') } });
    client.close();
  });

  it('closes with 1009 a frame beyond what the socket takes at all', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    const closed = new Promise<number>((r) => client.socket.once('close', (code) => r(code)));
    client.socket.send(JSON.stringify({ type: 'download-link', id: 1, paths: ['q'.repeat(MAX_TEXT_FRAME_BYTES + 128 * 1024)] }));
    expect(await closed).toBe(1009);
  });

  it('logs the 1009 close as a warning with its code, not as an error with a stack', async () => {
    const lines: string[] = [];
    const logged = await buildApp(testConfig({ logLevel: 'info' }), { logStream: { write: (l) => void lines.push(l) } });
    const loggedBase = await listenOnLoopback(logged);
    try {
      const { client } = await TestWsClient.open(`ws://${loggedBase}/ws`);
      const closed = new Promise<number>((r) => client.socket.once('close', (code) => r(code)));
      client.socket.send('x'.repeat(MAX_TEXT_FRAME_BYTES + 128 * 1024));
      expect(await closed).toBe(1009);
      await until(() => lines.some((l) => l.includes('client-side error')));
    } finally {
      await logged.close();
    }
    const entry = JSON.parse(lines.find((l) => l.includes('client-side error')) ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 40, code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' });
    expect(lines.some((l) => (JSON.parse(l) as { level: number }).level >= 50)).toBe(false);
  });

  it('reads the id from the first or the last bytes only', () => {
    expect(peekRequestId(Buffer.from('{"type":"list","id":7,"path":"/x"}'))).toBe(7);
    expect(peekRequestId(Buffer.from(`{"type":"download-link","paths":["${'a'.repeat(5000)}"],"id":8}`))).toBe(8);
    // An "id" inside a string value is not the request's id.
    expect(peekRequestId(Buffer.from('{"type":"raw","line":"\\"id\\":5","x":1}'))).toBeUndefined();
    expect(peekRequestId(Buffer.from('{"type":"list","path":"/p","x":{"id":3}}'))).toBeUndefined();
    expect(peekRequestId(Buffer.from('not json'))).toBeUndefined();
  });
});

describe('request ids', () => {
  it('refuses a request whose id is still in flight with SRV_ERR_DUPLICATE_ID, and does not run it', async () => {
    const client = await TestWsClient.connectedTo(base, ftp, ftp);
    // Both in one write: the list is still running when the cd arrives.
    client.socket.send(`${JSON.stringify({ type: 'list', id: 20 })}`);
    client.socket.send(`${JSON.stringify({ type: 'cd', id: 20, path: '/sub' })}`);
    await until(() => repliesTo(client, 20).length === 2);
    const [first, second] = repliesTo(client, 20);
    expect(first).toMatchObject({ ok: false, error: { code: 'SRV_ERR_DUPLICATE_ID' } });
    expect(second).toMatchObject({ ok: true, result: { path: '/' } });
    // The cd did not run: the working directory is still the root.
    expect((await client.request('list', {})).entries.map((e) => e.name).sort()).toEqual(['sub', 'top.txt']);
    // Once answered, the id is free again.
    const again = await client.sendRaw({ type: 'cd', id: 20, path: '/sub' });
    expect(again).toMatchObject({ ok: true, result: { cwd: '/sub' } });
    client.close();
  });
});

