/**
 * The control connection's inbox is bounded (src/control/inbox.ts): a
 * server that writes replies nobody asked for, without end, fails the
 * connection with FTP_ERR_PROTOCOL (review 5's flood, where the relay's
 * memory grew with every reply) instead of keeping them until the next
 * command. Legitimate late replies stay far below the bound: vsftpd
 * answering a hundred keepalive NOOPs at once after a transfer is real.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FtpError, TranscriptEvent } from '../src/index.ts';
import { MAX_UNSOLICITED_REPLIES } from '../src/control/inbox.ts';
import { MAX_JUNK_LINES, MAX_PRELIMINARY_REPLIES } from '../src/control/reader.ts';
import { clientFor, random, Sink, startServer } from './helpers/servers.ts';
import { setup, stopQuirkServers } from './helpers/quirk-setup.ts';

afterEach(stopQuirkServers);

const replies = (t: TranscriptEvent[]): number => t.filter((e) => e.kind === 'reply').length;

describe('unsolicited replies', () => {
  it('fails the connection with FTP_ERR_PROTOCOL when a server floods it while idle, and stops reading there', async () => {
    let written = 0;
    const { client, transcript } = await setup((s, verb) => {
      if (verb !== 'SITE') return false;
      s.reply('200 Here it comes');
      // What review 5's flood server did: unsolicited 200s, as fast as the socket takes them.
      const burst = Buffer.from('200 unsolicited\r\n'.repeat(4096));
      const flood = (): void => {
        while (!s.socket.destroyed && written < 200 * burst.length) {
          written += burst.length;
          if (!s.socket.write(burst)) return void s.socket.once('drain', flood);
        }
      };
      setTimeout(flood, 20);
      return true;
    });
    const closed = new Promise<FtpError>((r) => client.once('closed', r));
    expect(await client.raw('SITE FLOOD')).toEqual({ code: 200, text: '200 Here it comes' });
    const err = await closed;
    expect(err.code).toBe('FTP_ERR_PROTOCOL');
    expect(err.message).toBe(`The server sent more than ${MAX_UNSOLICITED_REPLIES} replies nobody asked for (the last: 200); it is not speaking FTP with us`);
    // It surfaces like any control failure: the transcript says so, and later calls are told why the connection is gone.
    expect(transcript.some((e) => e.kind === 'error' && e.text.includes('replies nobody asked for'))).toBe(true);
    await expect(client.pwd()).rejects.toMatchObject({ code: 'FTP_ERR_CLOSED', message: expect.stringContaining('replies nobody asked for') });
    // The client stopped at the cap: the handful of login replies, then 65 of the flood.
    const unsolicited = transcript.filter((e) => e.kind === 'reply' && e.text === '200 unsolicited').length;
    expect(unsolicited).toBe(MAX_UNSOLICITED_REPLIES + 1);
    expect(replies(transcript)).toBeLessThan(MAX_UNSOLICITED_REPLIES + 12);
  });

  it('fails the connection when a server floods it with lines that are not replies', async () => {
    let written = 0;
    const { client, transcript } = await setup((s, verb) => {
      if (verb !== 'SITE') return false;
      s.reply('200 Here it comes');
      // Review 19: junk lines never reach the inbox; before this cap each became a relayed transcript line, without end.
      const burst = Buffer.from(`${'x'.repeat(200)}\r\n`.repeat(1000));
      const flood = (): void => {
        while (!s.socket.destroyed && written < 100 * burst.length) {
          written += burst.length;
          if (!s.socket.write(burst)) return void s.socket.once('drain', flood);
        }
      };
      setTimeout(flood, 20);
      return true;
    });
    const closed = new Promise<FtpError>((r) => client.once('closed', r));
    await client.raw('SITE JUNK');
    const err = await closed;
    expect(err.code).toBe('FTP_ERR_PROTOCOL');
    expect(err.message).toBe(`The server sent more than ${MAX_JUNK_LINES} lines in a row that are not FTP replies`);
    expect(transcript.filter((e) => e.text.startsWith('Ignored a line')).length).toBe(MAX_JUNK_LINES);
  });

  // Review 51: 1xx replies went straight to the waiting reader until the reply timeout, each up to 256 KiB and a
  // transcript line the relay kept; three sessions took the relay past its heap limit in 46 s.
  it.each([
    ['many short ones', 'SITE SHORT', (): string => '150 wait\r\n', `${MAX_PRELIMINARY_REPLIES + 1} preliminary`],
    ['a few huge ones', 'SITE HUGE', (): string => `120-start\r\n${` ${'x'.repeat(3999)}\r\n`.repeat(30)}120 ready soon\r\n`, '3 preliminary'],
  ])('fails the connection on a flood of preliminary replies: %s', async (_label, command, reply, said) => {
    let written = 0;
    const { client, transcript } = await setup((s, verb) => {
      if (verb !== 'SITE') return false;
      const flood = (): void => {
        while (!s.socket.destroyed && written < 2000) {
          written += 1;
          if (!s.socket.write(reply())) return void s.socket.once('drain', flood);
        }
      };
      flood();
      return true;
    });
    const err = await client.raw(command).then(
      () => undefined,
      (e: unknown) => e as FtpError,
    );
    expect(err?.code).toMatch(/^FTP_ERR_(PROTOCOL|CLOSED)$/);
    expect(transcript.some((e) => e.kind === 'error' && e.text.includes(`${said} (1xx) replies in a row`))).toBe(true);
    // Stopped at the cap, not at the timeout: the transcript holds at most the cap's worth.
    expect(transcript.filter((e) => e.kind === 'reply' && e.code !== undefined && e.code < 200).length).toBeLessThanOrEqual(MAX_PRELIMINARY_REPLIES);
  });

  it('takes a few junk lines between replies, as some greetings have', async () => {
    const { client, transcript } = await setup((s, verb) => {
      if (verb !== 'SITE') return false;
      s.socket.write('this line has no code\r\n'.repeat(MAX_JUNK_LINES));
      s.reply('200 Fine');
      return true;
    });
    expect(await client.raw('SITE ODD')).toEqual({ code: 200, text: '200 Fine' });
    expect(await client.raw('SITE ODD')).toEqual({ code: 200, text: '200 Fine' });
    expect(transcript.filter((e) => e.text.startsWith('Ignored a line')).length).toBe(2 * MAX_JUNK_LINES);
  });

  it('fails the connection when fewer but larger unsolicited replies pass the byte cap', async () => {
    const { client } = await setup((s, verb) => {
      if (verb !== 'SITE') return false;
      s.reply('200 Here it comes');
      // Twenty multi-line replies of ~120 KB: each within the 256 KiB reply cap, 2.4 MB together.
      const lines = Array.from({ length: 1500 }, (_, i) => ` line ${i} ${'x'.repeat(70)}`);
      const big = ['211-Status', ...lines, '211 End'].map((l) => `${l}\r\n`).join('');
      setTimeout(() => s.socket.write(big.repeat(20)), 20);
      return true;
    });
    const closed = new Promise<FtpError>((r) => client.once('closed', r));
    await client.raw('SITE BIG');
    const err = await closed;
    expect(err.code).toBe('FTP_ERR_PROTOCOL');
    expect(err.message).toMatch(/^The server sent more than 1048576 bytes of replies nobody is reading yet \(the last: 211\)/);
  });

  it('keeps a few late replies (a 1xx before the answer, a late 226) as before', async () => {
    const { client, transcript } = await setup((s, verb) => {
      if (verb !== 'MKD') return false;
      s.reply('150 Hold on', '257 "x" created', '226 Late transfer reply');
      return true;
    });
    await client.mkdir('x');
    expect(await client.pwd()).toBe('/');
    expect(transcript.some((e) => e.kind === 'error')).toBe(false);
    // The drop is told with a detail the page can put in words (and in any language).
    expect(transcript.find((e) => e.detail?.type === 'late-replies-dropped')?.detail).toEqual({ type: 'late-replies-dropped', codes: [226] });
    await client.close();
  });
});

describe('owed answers arriving together', () => {
  it(`takes ${2 * MAX_UNSOLICITED_REPLIES} keepalive NOOP answers written in one burst after the 226 as answers, not as a flood`, async () => {
    const owed = 2 * MAX_UNSOLICITED_REPLIES;
    const payload = random(100_000);
    let answeredAhead = 0;
    const { client, transcript } = await setup(
      async (s, verb) => {
        if (verb === 'NOOP' && answeredAhead > 0) {
          // Already answered in the burst below.
          answeredAhead -= 1;
          return true;
        }
        if (verb !== 'RETR') return false;
        const data = await s.data();
        s.reply('150 Opening data connection');
        // Like vsftpd, read no command during the transfer; hold it until enough NOOPs wait.
        const noops = (): number => s.received.filter((l) => l === 'NOOP').length;
        while (noops() < owed) await new Promise((r) => setTimeout(r, 5));
        const n = noops();
        data.end(payload);
        await new Promise((r) => data.once('close', r));
        answeredAhead = n;
        // The final reply and every NOOP's answer in one write, so they arrive
        // together and all but one wait in the inbox.
        s.socket.write(`226 Transfer complete\r\n${'200 NOOP ok\r\n'.repeat(n)}`);
        return true;
      },
      {},
      { transferKeepAliveMs: 5 },
    );
    const sink = new Sink();
    const r = await client.download('f', sink);
    expect(sink.data.equals(payload)).toBe(true);
    expect(r.reply).toBe('226 Transfer complete');
    expect(transcript.filter((e) => e.kind === 'reply' && e.text === '200 NOOP ok').length).toBeGreaterThanOrEqual(owed);
    // In step, and nothing failed.
    expect(await client.pwd()).toBe('/');
    expect(transcript.some((e) => e.kind === 'error')).toBe(false);
    await client.close();
  });
});

describe('vsftpd answering many keepalive NOOPs after a transfer', () => {
  let srv: RunningFtpServer;
  // Larger than loopback socket buffers, so the transfer lasts while our side holds it.
  const huge = random(24 * 1024 * 1024);
  beforeAll(async () => {
    srv = await startServer('vsftpd');
    await seedTree(srv, [{ path: 'huge.bin', content: huge }]);
  });
  afterAll(async () => srv?.stop());

  it(`takes ${2 * MAX_UNSOLICITED_REPLIES} owed NOOP answers after the 226 without taking them for a flood`, async () => {
    const owed = 2 * MAX_UNSOLICITED_REPLIES;
    const { client, transcript } = clientFor(srv, { transferKeepAliveMs: 5 });
    await client.connect();
    const noops = (): number => transcript.filter((e) => e.kind === 'command' && e.text === 'NOOP').length;
    const hash = createHash('sha256');
    let held = false;
    // Holds the first chunk until the keepalive has sent `owed` NOOPs; vsftpd
    // reads none of them until the transfer ends, then answers them all.
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        if (held) return done();
        held = true;
        const wait = setInterval(() => {
          if (noops() < owed) return;
          clearInterval(wait);
          done();
        }, 10);
      },
    });
    try {
      const r = await client.download('huge.bin', sink);
      expect(r.bytes).toBe(huge.length);
      expect(hash.digest('hex')).toBe(createHash('sha256').update(huge).digest('hex'));
      expect(noops()).toBeGreaterThanOrEqual(owed);
      // In step, and nothing failed.
      expect(await client.pwd()).toBe('/');
      expect(await client.size('huge.bin')).toBe(huge.length);
      expect(transcript.some((e) => e.kind === 'error')).toBe(false);
    } finally {
      await client.close();
    }
  });
});
