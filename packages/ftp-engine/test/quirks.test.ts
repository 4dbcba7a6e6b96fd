/**
 * Server quirks replayed by the scripted loopback server.
 */
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { isFtpError, type FtpError } from '../src/index.ts';
import { clientFor, Sink } from './helpers/servers.ts';
import { startQuirkServer, type QuirkHandler, type QuirkServer } from './helpers/quirk-server.ts';

let server: QuirkServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function setup(handler: QuirkHandler, opts: Parameters<typeof startQuirkServer>[1] = {}, extra = {}) {
  server = await startQuirkServer(handler, opts);
  const { client, transcript } = clientFor(server, extra);
  await client.connect();
  return { client, transcript, server };
}

/** A RETR that sends `payload` on the data connection, with scripted replies around it. */
function retrSending(payload: Buffer, order: 'normal' | 'final-first' | 'bogus-200-first'): QuirkHandler {
  return async (s, verb) => {
    if (verb !== 'RETR') return false;
    const data = await s.data();
    if (order === 'bogus-200-first') s.reply('200 Bogus early reply', '150 Opening data connection');
    else if (order === 'final-first') s.reply('150 Opening data connection', '226 Transfer complete');
    else s.reply('150 Opening data connection');
    await new Promise((r) => setTimeout(r, 20));
    data.end(payload);
    await new Promise((r) => data.once('close', r));
    if (order !== 'final-first') s.reply('226 Transfer complete');
    return true;
  };
}

describe('quirks', () => {
  it('ignores a foreign 227 address and connects to the control peer; EPSV refusal falls back to PASV', async () => {
    const { client, transcript } = await setup(async (s, verb) => {
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
    expect(server?.received.filter((l) => l === 'EPSV')).toHaveLength(1);
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

  it('fails the pending and every queued call with FTP_ERR_CLOSED on 421, without hanging', async () => {
    const { client } = await setup((s, verb) => {
      if (verb === 'PWD') {
        s.reply('421 Idle timeout, closing control connection');
        s.socket.end();
        return true;
      }
      return false;
    });
    const closed = new Promise<FtpError>((r) => client.once('closed', r));
    const results = await Promise.allSettled([client.pwd(), client.list(), client.size('x')]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect(isFtpError((r as PromiseRejectedResult).reason, 'FTP_ERR_CLOSED')).toBe(true);
    }
    expect(((results[0] as PromiseRejectedResult).reason as FtpError).ftpCode).toBe(421);
    expect((await closed).code).toBe('FTP_ERR_CLOSED');
    await expect(client.pwd()).rejects.toMatchObject({ code: 'FTP_ERR_CLOSED' });
  });

  it('reports a server FIN while idle as FTP_ERR_CLOSED', async () => {
    const { client, server } = await setup(() => false);
    const closed = new Promise<FtpError>((r) => client.once('closed', r));
    server.sessions[0]?.socket.end();
    expect((await closed).code).toBe('FTP_ERR_CLOSED');
    await expect(client.pwd()).rejects.toMatchObject({ code: 'FTP_ERR_CLOSED' });
  });

  it('caps an endless reply line', async () => {
    const { client } = await setup((s, verb) => {
      if (verb !== 'PWD') return false;
      // 1 MiB with no line end: far past the 8 KiB cap.
      for (let i = 0; i < 16; i += 1) s.socket.write(Buffer.alloc(65536, 0x41));
      return true;
    });
    await expect(client.pwd()).rejects.toMatchObject({ code: 'FTP_ERR_REPLY_TOO_LARGE' });
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

  it('refuses CR/LF/NUL in arguments before anything reaches the wire', async () => {
    const { client, server } = await setup(() => false);
    await expect(client.cd('a\r\nDELE x')).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    await expect(client.remove('x\0y')).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    expect(server.received.some((l) => l.startsWith('CWD') || l.startsWith('DELE'))).toBe(false);
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('waits through a 120 greeting and sends OPTS UTF8 ON when FEAT lists UTF8', async () => {
    const { client, server } = await setup(() => false, { greeting: ['120 Ready in 1 minute', '220 Now ready'], feat: ['UTF8', 'MDTM'] });
    expect(server.received).toContain('OPTS UTF8 ON');
    expect(client.features().features.has('UTF8')).toBe(true);
    expect(client.features().system).toBe('UNIX Type: L8');
    await client.close();
  });

  it('refuses data-channel and session commands in raw()', async () => {
    const { client, server } = await setup((s, verb) => {
      if (verb === 'SITE') {
        s.reply('200 SITE ok');
        return true;
      }
      return false;
    });
    for (const line of ['PORT 1,2,3,4,5,6', 'eprt |1|1.2.3.4|5|', 'RETR x', 'PASV', 'ABOR', 'SITE x\r\nDELE y']) {
      await expect(client.raw(line)).rejects.toMatchObject({ code: 'FTP_ERR_COMMAND_REFUSED' });
    }
    expect(await client.raw('SITE HELP')).toEqual({ code: 200, text: '200 SITE ok' });
    expect(server.received.filter((l) => /^(PORT|EPRT|RETR|PASV|ABOR)/i.test(l))).toEqual([]);
    await client.close();
  });

  it('sends NOOP when idle for keepAliveMs', async () => {
    server = await startQuirkServer(() => false);
    const { client } = clientFor(server, { keepAliveMs: 30 });
    await client.connect();
    await new Promise((r) => setTimeout(r, 200));
    expect(server.received.filter((l) => l === 'NOOP').length).toBeGreaterThan(0);
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

  it('falls back from LIST -a to LIST, and reads 550 on an empty directory as empty', async () => {
    const { client, transcript } = await setup(async (s, verb, arg) => {
      if (verb !== 'LIST') return false;
      if (arg.startsWith('-a')) {
        s.reply('501 Unknown option');
        return true;
      }
      if (arg === 'empty') {
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
    expect(server?.received.filter((l) => l.startsWith('LIST -a'))).toHaveLength(1);
    expect(transcript.some((e) => e.detail?.type === 'fallback' && e.detail.from === 'LIST -a')).toBe(true);
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

  it('fails a silent server with a reply timeout, and queued calls with FTP_ERR_CLOSED', async () => {
    const { client } = await setup((_s, verb) => verb === 'PWD', {}, { timeouts: { reply: 300 } });
    const results = await Promise.allSettled([client.pwd(), client.pwd()]);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'FTP_ERR_TIMEOUT', phase: 'reply' });
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'FTP_ERR_CLOSED' });
  });

  it('times out a server that never greets', async () => {
    server = await startQuirkServer(() => false, { greeting: [] });
    const { client } = clientFor(server, { timeouts: { connect: 300 } });
    await expect(client.connect()).rejects.toMatchObject({ code: 'FTP_ERR_TIMEOUT', phase: 'greeting' });
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
});
