/**
 * Download tickets are capped by the bytes of paths they hold (review 5:
 * 2000 tickets of 1000 paths each per session ran the relay out of heap).
 * Over a real socket and a real vsftpd: a page minting the largest links in
 * a loop is refused with SRV_ERR_TOO_MANY_TICKETS long before 2000, and the
 * link it got first still downloads the file.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTree, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { MAX_TEXT_FRAME_BYTES } from '@ftpdeck/protocol';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import { MAX_TICKET_BYTES_PER_SESSION, ticketCost } from '../src/sessions/DownloadTickets.ts';
import { listenOnLoopback } from './support/listen.ts';
import { TestWsClient, type WireError } from './wsClient.ts';

let app: FastifyInstance;
let base: string;
let ftp: RunningFtpServer;

beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  await seedTree(ftp, [{ path: 'keep.txt', content: 'still here\n' }]);
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

/** The reviewer's selection: 1000 paths, as much as one request may carry. */
const paths = Array.from({ length: 1000 }, (_, i) => `/${String(i).padStart(4, '0')}${'a'.repeat(55)}`);

describe('download tickets', () => {
  it('refuses links past the session\'s 4 MiB of paths with SRV_ERR_TOO_MANY_TICKETS; earlier links still work', async () => {
    expect(JSON.stringify({ type: 'download-link', id: 1, paths }).length).toBeLessThan(MAX_TEXT_FRAME_BYTES);
    const client = await TestWsClient.connectedTo(base, ftp, ftp);
    const first = await client.request('download-link', { paths: ['/keep.txt'] });

    let refused: WireError | undefined;
    let minted = 0;
    while (!refused && minted < 2000) {
      try {
        await client.request('download-link', { paths, zip: true });
        minted += 1;
      } catch (err) {
        refused = (err as { wire: WireError }).wire;
      }
    }
    expect(refused).toMatchObject({ code: 'SRV_ERR_TOO_MANY_TICKETS', retryable: false });
    expect(refused?.message).toContain('as many paths as the server keeps for one session (4 MiB)');
    // Far short of the 2000 the count cap allowed: the bytes bound it.
    expect(minted).toBe(Math.floor((MAX_TICKET_BYTES_PER_SESSION - ticketCost(['/keep.txt'])) / ticketCost(paths)));
    expect(app.sessions.tickets.bytes).toBeLessThanOrEqual(MAX_TICKET_BYTES_PER_SESSION);

    // Refusing a new link took nothing away: the first one still downloads its file.
    const res = await fetch(`http://${base}${first.url}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('still here\n');
    client.close();
  });
});
