/**
 * The demo server (ftp-srv) after a stopped download. ftp-srv reads no
 * commands while it sends a file, and ended a RETR only when its data
 * connection failed with an error, not when it just closed: ABOR then went
 * unread and the engine had to give the connection up. The demo's file
 * system now ends the RETR when the data connection closes
 * (apps/demo-ftp/src/file-systems.js), so each stop is answered and the
 * connection stays usable. A stop lands at a different point of the
 * transfer each time, so several are made.
 */
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFtpServer } from '@ftpdeck/test-servers';
import { clientFor, kinds, startServer } from './helpers/servers.ts';

describe.each(kinds(['demo']))('%s: stopped downloads', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind);
    // Sparse: larger than any stop leaves time to send, without the disk space.
    writeFileSync(join(srv.root, 'huge.bin'), '');
    truncateSync(join(srv.root, 'huge.bin'), 2 * 1024 ** 3);
  });
  afterAll(async () => srv?.stop());

  it('answers ABOR after every stop, so the connection stays in step', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    try {
      for (const afterChunks of [1, 2, 8, 32, 1, 4, 16, 3, 1, 64, 2, 5, 1, 12, 24, 1]) {
        const stop = new AbortController();
        let chunks = 0;
        const sink = new Writable({
          write(_chunk, _enc, done) {
            if (++chunks === afterChunks) stop.abort();
            done();
          },
        });
        await expect(client.download('huge.bin', sink, { signal: stop.signal })).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
        expect(client.isConnected).toBe(true);
        expect(await client.pwd()).toBe('/');
      }
      expect(transcript.some((e) => e.kind === 'error' && e.text.startsWith('No final transfer reply'))).toBe(false);
    } finally {
      await client.close();
    }
  });
});
