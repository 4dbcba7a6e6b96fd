/**
 * Data-connection and transfer quirks replayed by the scripted loopback
 * server: bogus 227 hosts, EPSV fallbacks, reply ordering, ABOR and late
 * replies, listing fallbacks and caps, idle timeouts, active-mode theft.
 */
import { Readable, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Sink } from './helpers/servers.ts';
import { retrSending, setup, stopQuirkServers } from './helpers/quirk-setup.ts';

afterEach(stopQuirkServers);

describe('data-connection quirks', () => {
  it('ignores a foreign 227 address and connects to the control peer; EPSV refusal falls back to PASV', async () => {
    const { client, transcript, server } = await setup(async (s, verb) => {
      if (verb === 'EPSV') {
        s.reply('500 EPSV not understood');
        return true;
      }
      if (verb === 'PASV') {
        const p = await s.listen();
        s.reply(`227 Entering Passive Mode (10,255,255,1,${p >> 8},${p & 255})`);
        return true;
      }
      return retrSending(Buffer.from('via pasv'), 'normal')(s, verb, '');
    });
    const sink = new Sink();
    await client.download('f', sink);
    expect(sink.data.toString()).toBe('via pasv');
    const replaced = transcript.find((e) => e.detail?.type === 'pasv-address-replaced');
    expect(replaced?.detail).toEqual({ type: 'pasv-address-replaced', announced: '10.255.255.1', used: '127.0.0.1' });
    expect(transcript.some((e) => e.detail?.type === 'fallback' && e.detail.from === 'EPSV')).toBe(true);
    // The choice sticks: the second transfer goes straight to PASV.
    await client.download('f', new Sink());
    expect(server.received.filter((l) => l === 'EPSV')).toHaveLength(1);
    await client.close();
  });

  it('falls back to PASV when the EPSV data connection cannot be made', async () => {
    const { client, transcript } = await setup(async (s, verb) => {
      if (verb === 'EPSV') {
        s.reply('229 Entering Extended Passive Mode (|||1|)');
        return true;
      }
      if (verb === 'PASV') {
        const p = await s.listen();
        s.reply(`227 Entering Passive Mode (0,0,0,0,${p >> 8},${p & 255})`);
        return true;
      }
      return retrSending(Buffer.from('pasv after epsv'), 'normal')(s, verb, '');
    });
    const sink = new Sink();
    await client.download('f', sink);
    expect(sink.data.toString()).toBe('pasv after epsv');
    expect(transcript.find((e) => e.detail?.type === 'fallback')?.text).toMatch(/EPSV data connection failed/);
    await client.close();
  });

  it('accepts a 229 with ! delimiters', async () => {
    const { client } = await setup(async (s, verb) => {
      if (verb === 'EPSV') {
        const p = await s.listen();
        s.reply(`229 Entering Extended Passive Mode (!!!${p}!)`);
        return true;
      }
      return retrSending(Buffer.from('bang'), 'normal')(s, verb, '');
    });
    const sink = new Sink();
    await client.download('f', sink);
    expect(sink.data.toString()).toBe('bang');
    await client.close();
  });

  it('skips a 200 that comes before the 150', async () => {
    const { client } = await setup(retrSending(Buffer.from('after bogus 200'), 'bogus-200-first'));
    const sink = new Sink();
    const r = await client.download('f', sink);
    expect(sink.data.toString()).toBe('after bogus 200');
    expect(r.reply).toMatch(/^226/);
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('waits for data EOF when 226 arrives first', async () => {
    const payload = Buffer.alloc(300_000, 3);
    const { client } = await setup(retrSending(payload, 'final-first'));
    const sink = new Sink();
    await client.download('f', sink);
    expect(sink.data.equals(payload)).toBe(true);
    await client.close();
  });

  it('uses the "(N bytes)" of a 150 as total when SIZE is refused', async () => {
    const { client } = await setup(async (s, verb) => {
      if (verb === 'SIZE') {
        s.reply('550 SIZE not allowed');
        return true;
      }
      if (verb !== 'RETR') return false;
      const data = await s.data();
      s.reply('150 Opening BINARY mode data connection for f (5 bytes)');
      data.end('12345');
      await new Promise((r) => data.once('close', r));
      s.reply('226 Done');
      return true;
    });
    const seen: Array<number | undefined> = [];
    await client.download('f', new Sink(), { onProgress: (p) => seen.push(p.total) });
    expect(seen.at(-1)).toBe(5);
    await client.close();
  });

  it('aborts a download with ABOR, and a late 451 does not answer the next command', async () => {
    let stop: (() => void) | undefined;
    const { client, transcript, server } = await setup(async (s, verb) => {
      if (verb === 'RETR') {
        const data = await s.data();
        s.reply('150 Opening data connection');
        const timer = setInterval(() => data.write(Buffer.alloc(1024, 1)), 5);
        stop = () => clearInterval(timer);
        data.on('close', () => clearInterval(timer));
        data.on('error', () => clearInterval(timer));
        return true;
      }
      if (verb === 'ABOR') {
        stop?.();
        s.reply('426 Connection closed; transfer aborted', '226 ABOR command successful');
        setImmediate(() => s.reply('451 Late failure report'));
        return true;
      }
      return false;
    });
    const ac = new AbortController();
    const sink = new Sink();
    const p = client.download('f', sink, { signal: ac.signal, onProgress: () => ac.abort() });
    await expect(p).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
    expect(server.received).toContain('ABOR');
    expect(await client.pwd()).toBe('/');
    expect(await client.pwd()).toBe('/');
    expect(transcript.some((e) => e.kind === 'reply' && e.code === 451)).toBe(true);
    await client.close();
  });

  it('refuses an active-mode data connection from a foreign address', async () => {
    const { client, transcript } = await setup(
      async (s, verb, arg) => {
        if (verb === 'PORT') {
          const n = arg.split(',').map(Number);
          (s as unknown as { target: [string, number] }).target = [n.slice(0, 4).join('.'), (n[4] ?? 0) * 256 + (n[5] ?? 0)];
          s.reply('200 PORT ok');
          return true;
        }
        if (verb === 'RETR') {
          const [host, port] = (s as unknown as { target: [string, number] }).target;
          const thief = await s.connectTo(host, port, '127.0.0.2');
          await new Promise((r) => thief.once('close', r));
          const data = await s.connectTo(host, port, '127.0.0.1');
          s.reply('150 Opening');
          data.end('active ok');
          await new Promise((r) => data.once('close', r));
          s.reply('226 Done');
          return true;
        }
        return false;
      },
      {},
      { dataMode: 'active' },
    );
    const sink = new Sink();
    await client.download('f', sink);
    expect(sink.data.toString()).toBe('active ok');
    expect(transcript.find((e) => e.detail?.type === 'blocked')?.text).toMatch(/127\.0\.0\.2/);
    expect(transcript.find((e) => e.detail?.type === 'data-open')?.detail).toMatchObject({ mode: 'active', initiator: 'server' });
    await client.close();
  });

  it('falls back from LIST -a to LIST, reads 550 on an empty directory as empty, and on a missing one as the error it is', async () => {
    const { client, transcript, server } = await setup(async (s, verb, arg) => {
      if (verb === 'CWD') {
        // Only the root and `empty` exist: CWD is how the client tells an empty folder from a missing one.
        s.reply(arg === 'empty' || arg === '/' ? '250 OK' : '550 No such directory');
        return true;
      }
      if (verb !== 'LIST') return false;
      if (arg.startsWith('-a')) {
        s.reply('501 Unknown option');
        return true;
      }
      if (arg === 'empty' || arg === 'missing') {
        s.reply('550 No files found');
        return true;
      }
      const data = await s.data();
      s.reply('150 Here it comes');
      data.end('-rw-r--r--   1 u g    42 Jan 01  2020 x.txt\r\n');
      await new Promise((r) => data.once('close', r));
      s.reply('226 Done');
      return true;
    });
    expect((await client.list()).map((e) => [e.name, e.size])).toEqual([['x.txt', 42]]);
    expect(await client.list('empty')).toEqual([]);
    await expect(client.list('missing')).rejects.toMatchObject({ code: 'FTP_ERR_REPLY', ftpCode: 550, replyText: '550 No files found' });
    expect(server.received.filter((l) => l.startsWith('CWD'))).toEqual(['CWD empty', 'CWD /', 'CWD missing']);
    expect(server.received.filter((l) => l.startsWith('LIST -a'))).toHaveLength(1);
    expect(transcript.some((e) => e.detail?.type === 'fallback' && e.detail.from === 'LIST -a')).toBe(true);
    await client.close();
  });

  it('drops LIST -a when it lists nothing where LIST lists entries (Windows CE), and believes it once it has listed', async () => {
    /** Sends `body` as a listing on the data connection. */
    const listing = async (s: Parameters<Parameters<typeof setup>[0]>[0], body: string): Promise<void> => {
      const data = await s.data();
      s.reply('150 Here it comes');
      data.end(body);
      await new Promise((r) => data.once('close', r));
      s.reply('226 Done');
    };
    const entry = '-rw-r--r--   1 u g    42 Jan 01  2020 x.txt\r\n';
    // A server that takes -a and lists nothing for it.
    const ce = await setup(async (s, verb, arg) => {
      if (verb !== 'LIST') return false;
      await listing(s, arg.startsWith('-a') ? '' : entry);
      return true;
    });
    expect((await ce.client.list()).map((e) => e.name)).toEqual(['x.txt']);
    expect((await ce.client.list()).map((e) => e.name)).toEqual(['x.txt']);
    expect(ce.server.received.filter((l) => l.startsWith('LIST'))).toEqual(['LIST -a', 'LIST', 'LIST']);
    expect(ce.transcript.some((e) => e.detail?.type === 'fallback' && e.detail.from === 'LIST -a' && e.detail.reason === 'empty listing')).toBe(true);
    await ce.client.close();

    // An honest server and an empty folder: -a stays, and is believed once it has listed entries.
    const honest = await setup(async (s, verb, arg) => {
      if (verb !== 'LIST') return false;
      await listing(s, arg.endsWith('empty') ? 'total 0\r\n' : entry);
      return true;
    });
    expect(await honest.client.list('empty')).toEqual([]);
    expect((await honest.client.list()).map((e) => e.name)).toEqual(['x.txt']);
    expect(await honest.client.list('empty')).toEqual([]);
    expect(honest.server.received.filter((l) => l.startsWith('LIST'))).toEqual(['LIST -a empty', 'LIST empty', 'LIST -a', 'LIST -a empty']);
    await honest.client.close();
  });

  it('says in the transcript when a listing has lines it cannot read, instead of looking empty', async () => {
    const { client, transcript } = await setup(async (s, verb) => {
      if (verb !== 'LIST') return false;
      const data = await s.data();
      s.reply('150 Here it comes');
      // z/VM CMS: a format the parser does not know.
      data.end(
        'PROFILE  EXEC     A1 V         68         51          1 2024-01-15 10:23:45 060191\r\n' +
          'NOTES    TEXT     A1 V         80        107          2 2024-01-15 10:23:45 060191\r\n' +
          'README   TXT      A1 V         72         12          1 2024-01-15 10:23:45 060191\r\n',
      );
      await new Promise((r) => data.once('close', r));
      s.reply('226 Done');
      return true;
    });
    expect(await client.list()).toEqual([]);
    const note = transcript.find((e) => e.kind === 'status' && e.text.includes('not understood'));
    const first = 'PROFILE  EXEC     A1 V         68         51          1 2024-01-15 10:23:45 060191';
    expect(note?.text).toContain(`3 listing lines were not understood and are not shown; the first: ${first}`);
    expect(note?.detail).toEqual({ type: 'listing-unread', count: 3, sample: first });
    await client.close();
  });

  it('asks IBM i for path names (SITE NAMEFMT 1) and reads its listings', async () => {
    const { client, server, transcript } = await setup(async (s, verb) => {
      if (verb === 'SYST') {
        s.reply('215 OS/400 is the remote operating system. The TCP/IP version is "V7R3M0".');
        return true;
      }
      if (verb === 'SITE') {
        s.reply('250 Now using naming format "1".');
        return true;
      }
      if (verb !== 'LIST') return false;
      const data = await s.data();
      s.reply('125 List started.');
      data.end(
        [
          'QSYS           77824 02/23/00 15:09:55 *DIR       QOpenSys/',
          'QSECOFR        61440 06/20/07 14:25:49 *LIB       QGPL.LIB/',
          'QPGMR         118784 11/12/02 14:48:25 *STMF      report.csv',
          'QSYS                                   *MEM       QGPL.LIB/QCLSRC.FILE/START.MBR',
        ].join('\r\n') + '\r\n',
      );
      await new Promise((r) => data.once('close', r));
      s.reply('250 List completed.');
      return true;
    });
    expect(server.received).toContain('SITE NAMEFMT 1');
    expect(client.features().system).toMatch(/^OS\/400/);
    const entries = await client.list();
    expect(entries.map((e) => [e.name, e.type, e.size])).toEqual([
      ['QOpenSys', 'dir', undefined],
      ['QGPL.LIB', 'dir', undefined],
      ['report.csv', 'file', 118784],
      ['START.MBR', 'file', undefined],
    ]);
    expect(transcript.some((e) => e.detail?.type === 'listing-unread')).toBe(false);
    await client.close();
  });

  it('uses MLSD when FEAT lists MLST', async () => {
    const { client } = await setup(
      async (s, verb) => {
        if (verb !== 'MLSD') return false;
        const data = await s.data();
        s.reply('150 MLSD');
        data.end('type=cdir; .\r\ntype=file;size=7;modify=20200102030405; seven.bin\r\ntype=dir; sub\r\n');
        await new Promise((r) => data.once('close', r));
        s.reply('226 Done');
        return true;
      },
      { feat: ['MLST type*;size*;modify*;'] },
    );
    const entries = await client.list();
    expect(entries.map((e) => [e.name, e.type, e.size])).toEqual([
      ['seven.bin', 'file', 7],
      ['sub', 'dir', undefined],
    ]);
    expect(entries[0]?.modifiedAt?.toISOString()).toBe('2020-01-02T03:04:05.000Z');
    await client.close();
  });

  it('caps a listing at maxListingBytes and keeps the session usable', async () => {
    const { client } = await setup(
      async (s, verb) => {
        if (verb !== 'LIST') return false;
        const data = await s.data();
        s.reply('150 Endless listing');
        const timer = setInterval(() => data.write('-rw-r--r-- 1 u g 1 Jan 01 2020 spam\r\n'.repeat(100)), 2);
        data.on('close', () => clearInterval(timer));
        data.on('error', () => clearInterval(timer));
        return true;
      },
      {},
      { limits: { maxListingBytes: 64 * 1024 } },
    );
    await expect(client.list()).rejects.toMatchObject({ code: 'FTP_ERR_LISTING_TOO_LARGE' });
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('caps a listing at maxListingLines while it arrives, before parsing any of it', async () => {
    let sent = 0;
    const { client } = await setup(
      async (s, verb) => {
        if (verb !== 'MLSD') return false;
        const data = await s.data();
        s.reply('150 Millions of tiny entries');
        // Short MLSD lines: well under the byte cap, far over the line cap.
        const timer = setInterval(() => {
          data.write('type=file; a\r\n'.repeat(1000));
          sent += 1000;
        }, 1);
        data.on('close', () => clearInterval(timer));
        data.on('error', () => clearInterval(timer));
        return true;
      },
      { feat: ['MLST type*;size*;modify*;'] },
      { limits: { maxListingLines: 5000 } },
    );
    await expect(client.list()).rejects.toMatchObject({ code: 'FTP_ERR_LISTING_TOO_LARGE', message: 'The listing has more than 5000 lines' });
    expect(sent).toBeLessThan(1_000_000);
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  describe('a destination whose end means "complete" (Review 19)', () => {
    /** RETR that sends `payload`, then `final` once the data connection has closed. */
    const retrThen = (payload: Buffer, final: string) => async (s: Parameters<Parameters<typeof setup>[0]>[0], verb: string) => {
      if (verb !== 'RETR') return false;
      const data = await s.data();
      s.reply('150 Opening');
      data.end(payload);
      await new Promise((r) => data.once('close', r));
      s.reply(final);
      return true;
    };
    const payload = Buffer.from('0123456789'.repeat(1000));

    it.each([true, false])('end: false leaves the stream open after a 226, every byte written (reuseBuffers %s)', async (reuseBuffers) => {
      const { client } = await setup(retrThen(payload, '226 Done'));
      const sink = new Sink();
      const result = await client.download('f', sink, { end: false, reuseBuffers });
      expect(result.bytes).toBe(payload.length);
      expect(sink.data.equals(payload)).toBe(true);
      expect(sink.writableEnded).toBe(false);
      expect(sink.destroyed).toBe(false);
    });

    it('end: false leaves the stream to its owner after a 426 that follows all the data', async () => {
      const { client } = await setup(retrThen(payload, '426 Connection closed; transfer aborted'));
      const sink = new Sink();
      await expect(client.download('f', sink, { end: false })).rejects.toMatchObject({ code: 'FTP_ERR_REPLY', ftpCode: 426 });
      expect(sink.writableEnded).toBe(false);
      expect(sink.destroyed).toBe(false);
    });

    it.each([true, false])('maxBytes: a file longer than promised fails before a byte past the limit is written (reuseBuffers %s)', async (reuseBuffers) => {
      const { client } = await setup(retrThen(payload, '226 Done'));
      const sink = new Sink();
      await expect(client.download('f', sink, { maxBytes: 4000, end: false, reuseBuffers })).rejects.toMatchObject({
        code: 'FTP_ERR_PROTOCOL',
        message: 'The server sent more than the 4000 bytes expected (a file longer than its SIZE, or a REST it did not honour)',
      });
      expect(sink.data.length).toBeLessThanOrEqual(4000);
      expect(sink.destroyed).toBe(false);
      expect(await client.pwd()).toBe('/');
    });

    it('maxBytes holds on the stream path too (ASCII)', async () => {
      const { client } = await setup(retrThen(payload, '226 Done'));
      const sink = new Sink();
      await expect(client.download('f', sink, { maxBytes: 4000, type: 'ascii' })).rejects.toMatchObject({ code: 'FTP_ERR_PROTOCOL' });
      expect(sink.data.length).toBeLessThanOrEqual(4000);
    });

    it('refuses a maxBytes that is not a byte count', async () => {
      const { client } = await setup(retrThen(payload, '226 Done'));
      await expect(client.download('f', new Sink(), { maxBytes: -1 })).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    });
  });

  it('times out a data connection that stops moving', async () => {
    const { client } = await setup(
      async (s, verb) => {
        if (verb !== 'RETR') return false;
        const data = await s.data();
        s.reply('150 Opening');
        data.write('a few bytes, then silence');
        return true;
      },
      {},
      { timeouts: { dataIdle: 300, reply: 2000 } },
    );
    await expect(client.download('f', new Sink())).rejects.toMatchObject({ code: 'FTP_ERR_TIMEOUT', phase: 'data-idle' });
  });

  it('aborts an upload with ABOR', async () => {
    const { client, server } = await setup(async (s, verb) => {
      if (verb === 'STOR') {
        const data = await s.data();
        s.reply('150 Send it');
        data.resume();
        data.on('end', () => s.reply('226 Got it'));
        return true;
      }
      if (verb === 'ABOR') {
        s.reply('225 No transfer to abort');
        return true;
      }
      return false;
    });
    const ac = new AbortController();
    const endless = new Readable({
      read() {
        this.push(Buffer.alloc(16 * 1024, 1));
      },
    });
    const p = client.upload(endless, 'up.bin', { signal: ac.signal, onProgress: () => ac.abort() });
    await expect(p).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
    expect(server.received).toContain('ABOR');
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('does not time out while a slow consumer holds the download back', async () => {
    const payload = Buffer.alloc(8 * 1024 * 1024, 9);
    const { client } = await setup(retrSending(payload, 'normal'), {}, { timeouts: { dataIdle: 200 } });
    let held = false;
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        if (held) return done();
        held = true;
        // Hold one write for longer than the idle timeout: that is our backpressure, not a stall.
        setTimeout(done, 600);
      },
    });
    await client.download('f', slow);
    expect(Buffer.concat(chunks).equals(payload)).toBe(true);
    await client.close();
  });

  it('times out an upload whose server never closes the data connection', async () => {
    const { client } = await setup(
      async (s, verb) => {
        if (verb !== 'STOR') return false;
        const data = await s.data();
        s.reply('150 Send it');
        data.resume();
        data.allowHalfOpen = true;
        return true;
      },
      {},
      { timeouts: { dataIdle: 300, reply: 2000 } },
    );
    await expect(client.upload(Readable.from([Buffer.from('abc')]), 'x')).rejects.toMatchObject({ code: 'FTP_ERR_TIMEOUT', phase: 'data-idle' });
  });

  it('blames a failing destination stream on the local side, not the server', async () => {
    const { client, server } = await setup(async (s, verb) => {
      if (verb === 'RETR') {
        const data = await s.data();
        s.reply('150 Opening');
        const timer = setInterval(() => data.write(Buffer.alloc(4096, 1)), 2);
        data.on('close', () => {
          clearInterval(timer);
          s.reply('426 Connection closed; transfer aborted');
        });
        data.on('error', () => clearInterval(timer));
        return true;
      }
      if (verb === 'ABOR') {
        s.reply('226 ABOR ok');
        return true;
      }
      return false;
    });
    const broken = new Writable({
      write(_chunk, _enc, done) {
        done(new Error('disk full'));
      },
    });
    await expect(client.download('f', broken)).rejects.toMatchObject({ code: 'FTP_ERR_LOCAL_STREAM', message: expect.stringContaining('disk full') });
    expect(server.received).toContain('ABOR');
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('stops a running download at once when the server says 421', async () => {
    const { client } = await setup(
      async (s, verb) => {
        if (verb !== 'RETR') return false;
        const data = await s.data();
        s.reply('150 Opening');
        data.write(Buffer.alloc(1024, 1));
        setTimeout(() => {
          s.reply('421 Shutting down');
          s.socket.end();
        }, 50);
        return true;
      },
      {},
      // Far beyond the test timeout: only the 421 can end this transfer in time.
      { timeouts: { dataIdle: 120_000, reply: 120_000 } },
    );
    await expect(client.download('f', new Sink())).rejects.toMatchObject({ code: 'FTP_ERR_CLOSED', ftpCode: 421 });
  });

  it('blames a data connection reset that came with the 150 on the data side, not the caller’s stream', async () => {
    // Found by the hostile-server fuzz: in active mode, a 150 that trickled
    // in byte by byte, then a reset of the data connection, ended as
    // FTP_ERR_LOCAL_STREAM. The reset had happened before the transfer
    // watched the socket, so the pipeline's teardown of the caller's stream
    // was the first failure it saw.
    const { client } = await setup(
      async (s, verb, arg) => {
        if (verb === 'PORT') {
          const n = arg.split(',').map(Number);
          (s as { target?: [string, number] }).target = [n.slice(0, 4).join('.'), (n[4] ?? 0) * 256 + (n[5] ?? 0)];
          s.reply('200 PORT ok');
          return true;
        }
        if (verb !== 'RETR') return false;
        const [host, port] = (s as { target?: [string, number] }).target ?? ['', 0];
        const data = await s.connectTo(host, port);
        for (const b of Buffer.from('150 Opening data connection\r\n')) {
          s.socket.write(Buffer.of(b));
          await new Promise((r) => setImmediate(r));
        }
        data.write(Buffer.alloc(1000, 1));
        await new Promise((r) => setTimeout(r, 5));
        data.resetAndDestroy();
        s.reply('426 Connection reset');
        return true;
      },
      {},
      { dataMode: 'active' },
    );
    await expect(client.download('f', new Sink())).rejects.toMatchObject({ code: 'FTP_ERR_REPLY', ftpCode: 426 });
    expect(await client.pwd()).toBe('/');
    await client.close();
  });
});
