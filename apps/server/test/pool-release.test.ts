/**
 * The connection pool against real vsftpd: a transfer connection that died
 * while borrowed (a reply timeout kills it, as when the server spends longer
 * than the reply timeout hashing a large file for verification) is not
 * handed to the transfer waiting next, which would then fail.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { FtpClient } from '@ftpdeck/ftp-engine';
import { ConnectionPool } from '../src/sessions/ConnectionPool.ts';

let ftp: RunningFtpServer;
beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
});
afterAll(async () => {
  await ftp?.stop();
});

it('gives the next borrower a live connection when the last one came back dead', async () => {
  const login = { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password };
  const pool = new ConnectionPool((label) => new FtpClient({ ...login, connectionLabel: label }), 1);
  try {
    await pool.browse.connect();
    const first = await pool.acquire();
    const next = pool.acquire();
    first.destroy();
    // Its borrower saw no error of its own (the verification gave up quietly), so it says "not broken".
    pool.release(first, false);
    const second = await next;
    expect(second).not.toBe(first);
    expect(second.isConnected).toBe(true);
    expect(await second.pwd()).toBe('/');
    pool.release(second);
  } finally {
    await pool.close();
  }
});
