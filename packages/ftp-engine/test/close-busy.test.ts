/**
 * close() ends a busy session promptly: a running transfer is aborted (ABOR,
 * bounded resynchronisation) and rejects with FTP_ERR_ABORTED, queued calls
 * fail with FTP_ERR_NOT_CONNECTED without reaching the server, QUIT goes
 * out; a call of many commands (a recursive rmdir) stops before its next
 * command; a server that answers neither ABOR nor QUIT has its connection
 * destroyed after the reply timeout.
 */
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { seedTree } from '@ftpdeck/test-servers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FtpClient } from '../src/index.ts';
import { clientFor, kinds, startServer } from './helpers/servers.ts';
import { startTracked, stopQuirkServers } from './helpers/quirk-setup.ts';

afterEach(stopQuirkServers);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A data port that accepts (and drops) connections, so nothing but an abort keeps a transfer from going on. */
async function acceptingDataPort(): Promise<{ dataPort: Server; port: number }> {
  const dataPort = createServer((sock) => sock.destroy());
  await new Promise<void>((r) => dataPort.listen(0, '127.0.0.1', r));
  return { dataPort, port: (dataPort.address() as AddressInfo).port };
}

describe.each(kinds())('%s: close() while busy', (kind) => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [{ path: 'big.bin', content: Buffer.alloc(20_000_000, 5) }]);
  });
  afterAll(async () => srv?.stop());

  it('aborts an upload whose source stalls, fails queued calls, and sends QUIT', async () => {
    // The data-idle timer rightly ignores a stall that is the caller's: only close() can end this.
    const { client, transcript } = clientFor(srv, { timeouts: { dataIdle: 1000, reply: 5000 } });
    await client.connect();
    const source = new PassThrough();
    source.write(Buffer.alloc(1000, 1));
    const upload = client.upload(source, '/up.bin');
    const queued = client.pwd();
    // They settle during close(); the assertions below look at them afterwards.
    upload.catch(() => undefined);
    queued.catch(() => undefined);
    while (!transcript.some((e) => e.kind === 'status' && e.detail?.type === 'data-open')) await sleep(5);
    await client.close();
    await expect(upload).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
    await expect(queued).rejects.toMatchObject({ code: 'FTP_ERR_NOT_CONNECTED' });
    await expect(client.pwd()).rejects.toMatchObject({ code: 'FTP_ERR_NOT_CONNECTED' });
    expect(client.isConnected).toBe(false);
    const sent = transcript.filter((e) => e.kind === 'command').map((e) => e.text);
    expect(sent.indexOf('ABOR')).toBeGreaterThan(sent.indexOf('STOR /up.bin'));
    expect(sent.at(-1)).toBe('QUIT');
    expect(sent.filter((t) => t === 'PWD')).toEqual([]);
    source.destroy();
  });

  it('aborts a download into a stalled destination', async () => {
    const { client, transcript } = clientFor(srv, { timeouts: { dataIdle: 1000, reply: 5000 } });
    await client.connect();
    // Takes the first chunk and never calls back: the destination stalls.
    const stalled = new Writable({ highWaterMark: 1, write: () => undefined });
    const download = client.download('/big.bin', stalled);
    download.catch(() => undefined);
    while (!transcript.some((e) => e.kind === 'status' && e.detail?.type === 'data-open')) await sleep(5);
    await client.close();
    await expect(download).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
    const sent = transcript.filter((e) => e.kind === 'command').map((e) => e.text);
    expect(sent).toContain('ABOR');
    expect(sent.at(-1)).toBe('QUIT');
  });

  it('stops a recursive rmdir before its next command, leaving what it had not reached', async () => {
    const files = Array.from({ length: 40 }, (_, i) => ({ path: `tree/d${i % 4}/f${i}.txt`, content: `file ${i}\n` }));
    await seedTree(srv, files);
    const { client, transcript } = clientFor(srv);
    await client.connect();
    const removing = client.rmdir('/tree', { recursive: true });
    removing.catch(() => undefined);
    const deletes = (): number => transcript.filter((e) => e.kind === 'reply' && e.code === 250).length;
    // Close once a few files are gone: the walk is well under way, far from its end.
    while (deletes() < 3) await sleep(1);
    const sentBeforeClose = transcript.filter((e) => e.kind === 'command').length;
    await client.close();
    await expect(removing).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
    const after = transcript.filter((e) => e.kind === 'command').slice(sentBeforeClose).map((e) => e.text);
    // At most the command that was on its way when close() was called, then QUIT.
    expect(after.at(-1)).toBe('QUIT');
    expect(after.length).toBeLessThanOrEqual(2);
    // The effect on disk: the tree is still there, with most of its files.
    const left = files.filter((f) => existsSync(join(srv.root, f.path)));
    expect(left.length).toBeGreaterThan(files.length / 2);
    expect(existsSync(join(srv.root, 'tree'))).toBe(true);
  });

  it('with nothing running, sends QUIT and gets 221', async () => {
    const { client, transcript } = clientFor(srv);
    await client.connect();
    await client.close();
    expect(transcript.filter((e) => e.kind === 'command').at(-1)?.text).toBe('QUIT');
    expect(transcript.some((e) => e.kind === 'reply' && e.code === 221)).toBe(true);
    expect(transcript.some((e) => e.kind === 'error')).toBe(false);
  });
});

describe('close() while busy, scripted', () => {
  it('destroys the connection when the server answers neither ABOR nor QUIT', async () => {
    let storing = false;
    const server = await startTracked(async (s, verb) => {
      if (verb === 'STOR') {
        await s.data();
        s.reply('150 Ok to send data');
        storing = true;
        return true;
      }
      // Silent from here on.
      return verb === 'ABOR' || verb === 'NOOP' || verb === 'QUIT';
    });
    const client = new FtpClient({ host: server.host, port: server.port, user: server.user, password: server.password, timeouts: { reply: 300, dataIdle: 60_000 } });
    await client.connect();
    const source = new PassThrough();
    source.write(Buffer.alloc(100));
    const upload = client.upload(source, 'u.bin');
    upload.catch(() => undefined);
    while (!storing) await sleep(5);
    await client.close();
    await expect(upload).rejects.toMatchObject({ code: expect.stringMatching(/^FTP_ERR_(ABORTED|TIMEOUT)$/) });
    expect(server.received).toContain('ABOR');
    const sock = server.sessions[0]?.socket;
    if (sock && !sock.destroyed) await new Promise((r) => sock.once('close', r));
    expect(sock?.destroyed).toBe(true);
    source.destroy();
  });

  it('sends no data command when close() comes while EPSV is answered', async () => {
    let closing = false;
    const { dataPort, port } = await acceptingDataPort();
    const server = await startTracked(async (s, verb) => {
      if (verb !== 'EPSV') return false;
      // Answer only once close() has been called: the download is between EPSV and RETR.
      while (!closing) await sleep(2);
      s.reply(`229 Entering Extended Passive Mode (|||${port}|)`);
      return true;
    });
    const client = new FtpClient({ host: server.host, port: server.port, user: server.user, password: server.password });
    await client.connect();
    const download = client.download('d.bin', new PassThrough());
    download.catch(() => undefined);
    while (!server.received.includes('EPSV')) await sleep(2);
    closing = true;
    await client.close();
    await expect(download).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
    expect(server.received.filter((l) => /^(RETR|ABOR|PASV)\b/.test(l))).toEqual([]);
    expect(server.received.at(-1)).toBe('QUIT');
    dataPort.close();
  });

  it('sends no data command when close() comes while REST is answered', async () => {
    let closing = false;
    const { dataPort, port } = await acceptingDataPort();
    const server = await startTracked(async (s, verb) => {
      if (verb === 'EPSV') {
        s.reply(`229 Entering Extended Passive Mode (|||${port}|)`);
        return true;
      }
      if (verb !== 'REST') return false;
      // Answer only once close() has been called: the download is between REST and RETR.
      while (!closing) await sleep(2);
      s.reply('350 Restarting at 10');
      return true;
    }, { feat: ['REST STREAM'] });
    const client = new FtpClient({ host: server.host, port: server.port, user: server.user, password: server.password });
    await client.connect();
    const download = client.download('d.bin', new PassThrough(), { offset: 10 });
    download.catch(() => undefined);
    while (!server.received.some((l) => l.startsWith('REST'))) await sleep(2);
    closing = true;
    await client.close();
    await expect(download).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
    expect(server.received.filter((l) => /^(RETR|ABOR)\b/.test(l))).toEqual([]);
    expect(server.received.at(-1)).toBe('QUIT');
    dataPort.close();
  });

  it('stops a resume upload that waits on its stalled source, with nothing of it sent', async () => {
    const server = await startTracked((s, verb) => {
      if (verb !== 'SIZE') return false;
      s.reply('213 5000');
      return true;
    }, { feat: ['SIZE', 'REST STREAM'] });
    const client = new FtpClient({ host: server.host, port: server.port, user: server.user, password: server.password });
    await client.connect();
    const source = new PassThrough();
    source.write(Buffer.alloc(100));
    const upload = client.upload(source, 'r.bin', { mode: 'resume' });
    upload.catch(() => undefined);
    while (!server.received.includes('SIZE r.bin')) await sleep(5);
    await client.close();
    await expect(upload).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
    expect(server.received.filter((l) => /^(STOR|APPE|REST|EPSV|PASV|ABOR)\b/.test(l))).toEqual([]);
    expect(server.received.at(-1)).toBe('QUIT');
    source.destroy();
  });
});
