/**
 * PRET: when FEAT lists it, every passive data connection is announced with
 * `PRET <transfer command>` before EPSV/PASV; a refusal fails the transfer
 * with the reply code; active mode sends none. Pure-FTPd lists PRET, so it
 * shows the real exchange; the quirk server plays fallbacks and refusals.
 */
import { readServerFile, seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FtpError } from '../src/index.ts';
import { clientFor, kinds, random, Sink, sourceOf, startServer } from './helpers/servers.ts';
import { setup, stopQuirkServers } from './helpers/quirk-setup.ts';
import type { QuirkHandler } from './helpers/quirk-server.ts';

afterEach(stopQuirkServers);

/** The commands after logon (from the first PRET/EPSV/PASV/PORT on), without QUIT. */
function transferCommands(received: string[]): string[] {
  const start = received.findIndex((l) => /^(PRET|EPSV|PASV|PORT|EPRT) ?/.test(l));
  return received.slice(start).filter((l) => l !== 'QUIT');
}

/** RETR serves `payload`, LIST and MLSD serve one entry, STOR keeps what it got in `stored`. */
function fileServer(payload: Buffer, stored: Buffer[], extra: QuirkHandler = () => false): QuirkHandler {
  return async (s, verb, arg) => {
    if (await extra(s, verb, arg)) return true;
    if (verb === 'PRET') s.reply('200 Ready to proceed');
    else if (verb === 'RETR') await s.serveData(payload);
    else if (verb === 'LIST') await s.serveData('-rw-r--r--   1 u g    42 Jan 01  2020 x.txt\r\n');
    else if (verb === 'MLSD') await s.serveData('type=file;size=7; seven.bin\r\n');
    else if (verb === 'STOR') stored.push(await s.receiveData());
    else return false;
    return true;
  };
}

describe('PRET on the quirk server', () => {
  it('announces RETR, STOR and LIST before EPSV', async () => {
    const stored: Buffer[] = [];
    const { client, server } = await setup(fileServer(Buffer.from('pret bytes'), stored), { feat: ['PRET'] });
    const sink = new Sink();
    await client.download('/a/b.bin', sink);
    await client.upload(sourceOf(Buffer.from('uploaded')), 'x');
    const entries = await client.list();
    await client.close();
    expect(sink.data.toString()).toBe('pret bytes');
    expect(Buffer.concat(stored).toString()).toBe('uploaded');
    expect(entries.map((e) => e.name)).toEqual(['x.txt']);
    expect(transferCommands(server.received)).toEqual([
      'PRET RETR /a/b.bin',
      'EPSV',
      'RETR /a/b.bin',
      'PRET STOR x',
      'EPSV',
      'STOR x',
      'PRET LIST -a',
      'EPSV',
      'LIST -a',
    ]);
  });

  it('announces MLSD when listings use it', async () => {
    const { client, server } = await setup(fileServer(Buffer.alloc(0), []), { feat: ['PRET', 'MLST type*;size*;'] });
    expect((await client.list()).map((e) => [e.name, e.size])).toEqual([['seven.bin', 7]]);
    await client.close();
    expect(transferCommands(server.received)).toEqual(['PRET MLSD', 'EPSV', 'MLSD']);
  });

  it('announces again before PASV after EPSV is refused, and before every later PASV', async () => {
    const handler = fileServer(Buffer.from('via pasv'), [], async (s, verb) => {
      if (verb === 'EPSV') s.reply('500 EPSV not understood');
      else if (verb === 'PASV') await s.pasv();
      else return false;
      return true;
    });
    const { client, server } = await setup(handler, { feat: ['PRET'] });
    const first = new Sink();
    await client.download('f', first);
    const second = new Sink();
    await client.download('g', second);
    await client.close();
    expect([first.data.toString(), second.data.toString()]).toEqual(['via pasv', 'via pasv']);
    expect(transferCommands(server.received)).toEqual(['PRET RETR f', 'EPSV', 'PRET RETR f', 'PASV', 'RETR f', 'PRET RETR g', 'PASV', 'RETR g']);
  });

  it('fails the transfer with the reply code when PRET is refused, and the session stays usable', async () => {
    const handler = fileServer(Buffer.from('never'), [], (s, verb, arg) => {
      if (verb !== 'PRET' || !arg.startsWith('RETR')) return false;
      s.reply('550 No slave holds this file');
      return true;
    });
    const { client, server } = await setup(handler, { feat: ['PRET'] });
    const err = (await client.download('lost.bin', new Sink()).catch((e: unknown) => e)) as FtpError;
    expect(err.code).toBe('FTP_ERR_REPLY');
    expect(err.ftpCode).toBe(550);
    expect(err.message).toMatch(/PRET RETR/);
    // Nothing after the refused PRET: no EPSV, no RETR.
    expect(server.received.slice(-1)).toEqual(['PRET RETR lost.bin']);
    expect((await client.list()).map((e) => e.name)).toEqual(['x.txt']);
    expect(await client.pwd()).toBe('/');
    await client.close();
  });

  it('sends no PRET when FEAT does not list it', async () => {
    const { client, server } = await setup(fileServer(Buffer.from('plain'), []));
    const sink = new Sink();
    await client.download('f', sink);
    await client.close();
    expect(sink.data.toString()).toBe('plain');
    expect(transferCommands(server.received)).toEqual(['EPSV', 'RETR f']);
  });

  it('sends no PRET in active mode', async () => {
    let target: [string, number] = ['', 0];
    const handler: QuirkHandler = async (s, verb, arg) => {
      if (verb === 'PRET') s.reply('200 Ready');
      else if (verb === 'PORT') {
        const n = arg.split(',').map(Number);
        target = [n.slice(0, 4).join('.'), (n[4] ?? 0) * 256 + (n[5] ?? 0)];
        s.reply('200 PORT ok');
      } else if (verb === 'RETR') {
        const data = await s.connectTo(...target);
        s.reply('150 Opening');
        data.end('active bytes');
        await new Promise((r) => data.once('close', r));
        s.reply('226 Done');
      } else return false;
      return true;
    };
    const { client, server } = await setup(handler, { feat: ['PRET'] }, { dataMode: 'active' });
    const sink = new Sink();
    await client.download('f', sink);
    await client.close();
    expect(sink.data.toString()).toBe('active bytes');
    const commands = transferCommands(server.received);
    expect(commands.map((l) => l.split(' ')[0])).toEqual(['PORT', 'RETR']);
  });
});

describe.each(kinds(['pure-ftpd']))('PRET on real %s', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [{ path: 'dir/one.txt', content: 'one' }]);
  });
  afterAll(async () => srv?.stop());

  it('announces every passive transfer and moves the bytes', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    const data = random(200_000);
    const sink = new Sink();
    try {
      expect(client.features().features.has('PRET')).toBe(true);
      expect((await client.list('dir')).map((e) => e.name)).toEqual(['one.txt']);
      await client.upload(sourceOf(data), 'pret.bin');
      await client.download('pret.bin', sink);
    } finally {
      await client.close();
    }
    expect((await readServerFile(srv, 'pret.bin')).equals(data)).toBe(true);
    expect(sink.data.equals(data)).toBe(true);
    const sent = transcript.filter((e) => e.kind === 'command').map((e) => e.text);
    const pretReplies = transcript.filter((e, i) => e.kind === 'reply' && transcript[i - 1]?.text.startsWith('PRET '));
    const fromFirstPret = sent.slice(sent.findIndex((t) => t.startsWith('PRET ')));
    expect(fromFirstPret.filter((t) => /^(PRET|EPSV|PASV|MLSD|LIST|STOR|RETR)\b/.test(t))).toEqual([
      'PRET MLSD dir',
      'EPSV',
      'MLSD dir',
      'PRET STOR pret.bin',
      'EPSV',
      'STOR pret.bin',
      'PRET RETR pret.bin',
      'EPSV',
      'RETR pret.bin',
    ]);
    expect(pretReplies.map((e) => e.code)).toEqual([200, 200, 200]);
  });
});
