// Passive-mode data transfers over RawFtpControl, for this package's tests
// and for early tests elsewhere. Not the product's transfer code.
//
// Order with PROT P matters and servers disagree (see docs/testing.md):
// pyftpdlib closes a data connection whose TLS handshake starts before the
// transfer command arrived, while ftp-srv only answers 150 after the data
// handshake. So: connect TCP, send the command, start TLS at once, then read 150.
import { connect as netConnect } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect, TLSSocket } from 'node:tls';
import type { RawFtpControl, RawReply } from './raw-ftp.ts';
import { parsePasv } from './raw-ftp.ts';

async function connectPassive(control: RawFtpControl): Promise<Socket> {
  const reply = await control.send('PASV');
  if (reply.code !== 227) throw new Error(`PASV failed: ${reply.text}`);
  const { host, port } = parsePasv(reply);
  return new Promise<Socket>((resolve, reject) => {
    const s = netConnect({ host, port }, () => resolve(s));
    s.once('error', reject);
  });
}

/** How the data connection is made. */
export interface RawDataOptions {
  /** Wrap the data connection in TLS (after PROT P). */
  secure?: boolean;
  /** Resume the control connection's TLS session (default true); false tests servers that require reuse. */
  reuseSession?: boolean;
}

/** Sends `command` on an open data connection, securing it when asked; resolves with the data socket after 150/125. */
async function startTransfer(control: RawFtpControl, command: string, opts: RawDataOptions): Promise<Socket> {
  const raw = await connectPassive(control);
  control.socket.write(`${command}\r\n`, 'latin1');
  const preliminary = control.read();
  let data: Socket = raw;
  if (opts.secure && control.socket instanceof TLSSocket) {
    // Reuse the control session: vsftpd (require_ssl_reuse) and ProFTPD
    // refuse data connections that negotiate a new one.
    const session = opts.reuseSession === false ? undefined : control.socket.getSession();
    data = tlsConnect({ socket: raw, rejectUnauthorized: false, session });
  }
  const failed = new Promise<never>((_, reject) => data.once('error', reject));
  failed.catch(() => undefined); // observed below through Promise.race
  const reply = await Promise.race([preliminary, failed]);
  if (reply.code !== 150 && reply.code !== 125) {
    data.destroy();
    throw new Error(`${command} refused: ${reply.text}`);
  }
  return data;
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

/** TYPE I + PASV + STOR: uploads `data` as `name`; returns the final reply. */
export async function rawStor(control: RawFtpControl, name: string, data: Buffer, opts: RawDataOptions = {}): Promise<RawReply> {
  await control.send('TYPE I');
  const socket = await startTransfer(control, `STOR ${name}`, opts);
  socket.on('error', () => undefined); // a refused handshake shows in the final reply
  const done = closed(socket);
  socket.end(data);
  await done;
  return control.read();
}

/** TYPE I + PASV + a command that sends data to us (RETR, LIST, NLST); returns the bytes and final reply. */
export async function rawReceive(
  control: RawFtpControl,
  command: string,
  opts: RawDataOptions = {},
): Promise<{ data: Buffer; reply: RawReply }> {
  await control.send('TYPE I');
  const socket = await startTransfer(control, command, opts);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  socket.on('error', () => undefined); // a reset after the last byte still ends the transfer
  await closed(socket);
  return { data: Buffer.concat(chunks), reply: await control.read() };
}
