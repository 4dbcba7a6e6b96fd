/**
 * Control-channel quirks replayed by the scripted loopback server: 421,
 * FIN, endless lines, silent servers, injection, IAC, raw(), keepalive.
 */
import { describe, expect, it, afterEach } from 'vitest';
import { isFtpError, type FtpError } from '../src/index.ts';
import { clientFor, Sink } from './helpers/servers.ts';
import { setup, startTracked, stopQuirkServers } from './helpers/quirk-setup.ts';

afterEach(stopQuirkServers);

describe('control-channel quirks', () => {
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

  it('gives one raw() command its own reply timeout (a hash of a large file takes long)', async () => {
    const { client } = await setup(
      (s, verb) => {
        if (verb !== 'XMD5') return false;
        // mod_digest's first line at once, the digest after the usual timeout.
        s.socket.write('250-Computing MD5 digest\r\n');
        setTimeout(() => s.reply('250 6F5902AC237024BDD0C176CB93063DC4'), 600);
        return true;
      },
      {},
      { timeouts: { reply: 200 } },
    );
    expect(await client.raw('XMD5 a.bin', { timeoutMs: 5000 })).toEqual({ code: 250, text: '250-Computing MD5 digest\n250 6F5902AC237024BDD0C176CB93063DC4' });
    await expect(client.raw('NOOP', { timeoutMs: -1 })).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    await expect(client.raw('NOOP', { timeoutMs: 2 ** 31 })).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
    // Without it, the usual timeout applies, and the message names it.
    await expect(client.raw('XMD5 b.bin')).rejects.toMatchObject({ code: 'FTP_ERR_TIMEOUT', message: expect.stringContaining('within 200 ms') });
  });

  it('refuses a raw verb that only becomes a refused one on the wire (an escape under a legacy charset)', async () => {
    const { client, server } = await setup(() => false, {}, { encoding: 'cp1252' });
    const before = server.received.length;
    // U+DC50 is the escape for the byte "P": cp1252 would send it as PORT (review 18 bounced a file this way).
    for (const line of ['\uDC50ORT 127,0,0,1,158,212', '\uDC52ETR secret.txt', 'U\uDC53ER root']) {
      await expect(client.raw(line)).rejects.toMatchObject({ code: 'FTP_ERR_COMMAND_REFUSED' });
    }
    expect(server.received.slice(before)).toEqual([]);
    expect(await client.pwd()).toBe('/');
    await client.close();
    // In UTF-8: an invisible character inside the verb, and a letter toUpperCase would turn into ASCII (ſ → S).
    const utf8 = await setup(() => false, {}, { encoding: 'utf8' });
    const start = utf8.server.received.length;
    for (const line of ['P\u200BORT 1,2,3,4,5,6', 'pa\u017Fv']) {
      await expect(utf8.client.raw(line)).rejects.toMatchObject({ code: 'FTP_ERR_COMMAND_REFUSED' });
    }
    expect(utf8.server.received.slice(start)).toEqual([]);
    await utf8.client.close();
  });

  it('takes a multi-line reply ended with another code (funet: 426- … 226) once the server goes quiet', async () => {
    const payload = Buffer.alloc(100_000, 7);
    const { client, transcript } = await setup(async (s, verb) => {
      if (verb !== 'RETR') return false;
      const data = await s.data();
      s.reply('150 Opening data connection');
      data.end(payload);
      await new Promise((r) => data.once('close', r));
      s.reply('426-Connection closed; transfer aborted.', '226 Closing data connection.');
      return true;
    });
    const sink = new Sink();
    const r = await client.download('f', sink);
    expect(sink.data.equals(payload)).toBe(true);
    expect(r.reply).toContain('226 Closing data connection.');
    expect(transcript.find((e) => e.kind === 'status' && e.text.includes('ended a multi-line 426 reply with 226'))?.detail).toEqual({
      type: 'multiline-loose-end',
      opened: 426,
      closed: 226,
    });
    // In step afterwards.
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('sends NOOP when idle for keepAliveMs', async () => {
    const server = await startTracked(() => false);
    const { client } = clientFor(server, { keepAliveMs: 30 });
    await client.connect();
    await new Promise((r) => setTimeout(r, 200));
    expect(server.received.filter((l) => l === 'NOOP').length).toBeGreaterThan(0);
    await client.close();
  });

  it('fails a silent server with a reply timeout, and queued calls with FTP_ERR_CLOSED', async () => {
    const { client } = await setup((_s, verb) => verb === 'PWD', {}, { timeouts: { reply: 300 } });
    const results = await Promise.allSettled([client.pwd(), client.pwd()]);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'FTP_ERR_TIMEOUT', phase: 'reply' });
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'FTP_ERR_CLOSED' });
  });

  it('times out a server that never greets', async () => {
    const server = await startTracked(() => false, { greeting: [] });
    const { client } = clientFor(server, { timeouts: { connect: 300 } });
    await expect(client.connect()).rejects.toMatchObject({ code: 'FTP_ERR_TIMEOUT', phase: 'greeting' });
  });

  it('doubles 0xFF in names (Telnet IAC) and sends raw name bytes back unchanged', async () => {
    const { client, server } = await setup((s, verb) => {
      if (verb !== 'CWD') return false;
      s.reply('250 OK');
      return true;
    });
    // U+DCFF is how the codec keeps an undecodable 0xFF byte of a listed name.
    await client.cd('a\udcffb');
    const sent = server.received.find((l) => l.startsWith('CWD'));
    expect(Buffer.from(sent ?? '', 'latin1')).toEqual(Buffer.from([...Buffer.from('CWD a'), 0xff, 0xff, 0x62]));
    await client.close();
  });

  it('waits past a preliminary 1xx for the real answer, so later replies stay paired with their commands', async () => {
    // Found by the hostile-server fuzz: a 1xx taken as the answer left the
    // real one queued, and every later command got the reply of the one before.
    const { client, server } = await setup((s, verb, arg) => {
      if (verb === 'SYST' || verb === 'MKD') {
        s.reply('150 Hold on');
        setTimeout(() => s.reply(verb === 'SYST' ? '215 UNIX Type: L8' : `257 "${arg}" created`), 20);
        return true;
      }
      if (verb === 'CWD') {
        s.reply('550 No such directory');
        return true;
      }
      return false;
    });
    expect(client.features().system).toBe('UNIX Type: L8');
    await client.mkdir('new');
    await expect(client.cd('missing')).rejects.toMatchObject({ code: 'FTP_ERR_REPLY', ftpCode: 550 });
    expect(await client.pwd()).toBe('/');
    expect(await client.raw('NOOP')).toEqual({ code: 200, text: '200 NOOP ok' });
    expect(server.received).toContain('MKD new');
    await client.close();
  });

  it('does not let preliminary replies that never stop hold a command for ever', async () => {
    const timers: NodeJS.Timeout[] = [];
    const { client, transcript } = await setup(
      (s, verb) => {
        if (verb !== 'CWD') return false;
        // "Still working", every 100 ms, and never an answer.
        timers.push(setInterval(() => s.reply('150 Still working'), 100));
        return true;
      },
      {},
      { timeouts: { reply: 1000 } },
    );
    try {
      await expect(client.cd('/slow')).rejects.toMatchObject({ code: 'FTP_ERR_TIMEOUT', phase: 'reply', message: expect.stringMatching(/preliminary replies do not extend/) });
      expect(transcript.filter((e) => e.kind === 'reply' && e.code === 150).length).toBeGreaterThan(3);
      // The connection is given up, and a later call says so instead of waiting.
      await expect(client.pwd()).rejects.toMatchObject({ code: expect.stringMatching(/FTP_ERR_(CLOSED|TIMEOUT)/) });
    } finally {
      for (const t of timers) clearInterval(t);
      client.destroy();
    }
  });
});
