/**
 * The connection pool against real vsftpd: a transfer connection that died
 * while borrowed (a reply timeout kills it, as when the server spends longer
 * than the reply timeout hashing a large file for verification) is not
 * handed to the transfer waiting next, which would then fail. And a
 * connection whose login ends after the pool closed (the session ended
 * meanwhile) is QUIT, not lent out past the session's end. And a caller
 * stopped during the login started for it leaves at once, while the
 * connection that login opens serves the next caller.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { FtpClient } from '@ftpdeck/ftp-engine';
import { ConnectionPool } from '../src/sessions/ConnectionPool.ts';
import { FaultProxy } from './support/faultProxy.ts';

let ftp: RunningFtpServer;
let proxy: FaultProxy;
beforeAll(async () => {
  ftp = await startFtpServer('vsftpd');
  proxy = await FaultProxy.start(ftp);
});
afterAll(async () => {
  await proxy?.stop();
  await ftp?.stop();
});

/** A one-transfer-connection pool whose connections go through the proxy, recording their labels in order. */
function poolThroughProxy(): { pool: ConnectionPool; labels: string[] } {
  const login = { host: proxy.host, port: proxy.port, user: ftp.user, password: ftp.password };
  const labels: string[] = [];
  const pool = new ConnectionPool((label) => {
    labels.push(label);
    return new FtpClient({ ...login, connectionLabel: label });
  }, 1);
  return { pool, labels };
}

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

it('QUITs a connection whose login ends after the pool closed, and refuses it to the borrower', async () => {
  const { pool, labels } = poolThroughProxy();
  await pool.browse.connect();
  proxy.delayMs = 40; // the transfer connection's login takes a few hundred ms
  const borrowed = pool.acquire();
  borrowed.catch(() => undefined); // observed below
  await new Promise((r) => setTimeout(r, 50));
  await pool.close(); // the session ends while that login runs
  await expect(borrowed).rejects.toMatchObject({ code: 'FTP_ERR_NOT_CONNECTED' });
  expect(labels).toEqual(['browse', 'transfer-1']);
  // Both logins got their QUIT: nothing of the closed session stays connected to the server.
  const quits = (): number => proxy.controlCommands.match(/^QUIT\r$/gm)?.length ?? 0;
  const deadline = Date.now() + 5000;
  while (quits() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  proxy.delayMs = 0;
  expect(proxy.controlCommands.match(/^USER /gm)?.length).toBe(2);
  expect(quits()).toBe(2);
});

it('lets a stopped caller go during the login started for it, and lends that connection to the next', async () => {
  const { pool, labels } = poolThroughProxy();
  try {
    await pool.browse.connect();
    proxy.delayMs = 40; // the transfer connection's login takes a few hundred ms
    const feats = (): number => proxy.controlCommands.match(/^FEAT\r$/gm)?.length ?? 0;
    const featsBefore = feats();
    const stop = new AbortController();
    const stopped = pool.acquire(stop.signal);
    stopped.catch(() => undefined); // observed below
    await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    // It leaves while the login still runs: the new connection has not reached its FEAT yet,
    // which the old pool waited for (and more).
    await expect(stopped).rejects.toMatchObject({ code: 'FTP_ERR_ABORTED' });
    expect(feats()).toBe(featsBefore);
    proxy.delayMs = 0;
    // That login finishes, and its connection goes to the next caller: no second login.
    const next = await pool.acquire();
    expect(await next.pwd()).toBe('/');
    expect(labels).toEqual(['browse', 'transfer-1']);
    pool.release(next);
  } finally {
    proxy.delayMs = 0;
    await pool.close();
  }
});
