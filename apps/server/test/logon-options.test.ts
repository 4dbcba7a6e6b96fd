/**
 * Logon options from the connect form reach the FTP server: HOST for a
 * virtual host (against real ProFTPD, which implements it) and an account
 * that never comes back to the browser.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';
import { buildApp } from '../src/app.ts';
import { listenOnLoopback } from './support/listen.ts';
import { testConfig } from '../src/config.ts';
import { TestWsClient } from './wsClient.ts';

let app: FastifyInstance;
let ftp: RunningFtpServer;
let base: string;

beforeAll(async () => {
  ftp = await startFtpServer('proftpd');
  app = await buildApp(testConfig());
  base = await listenOnLoopback(app);
});

afterAll(async () => {
  await app?.close();
  await ftp?.stop();
});

describe('logon options over a real WebSocket', () => {
  it('sends HOST with the host name when asked, and reports a refused virtual host by its code', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    try {
      // ProFTPD serves no virtual host called "localhost" and answers 504.
      const params = { host: 'localhost', port: ftp.port, user: ftp.user, password: ftp.password, virtualHost: true };
      await expect(client.request('connect', { params })).rejects.toMatchObject({ wire: { code: 'FTP_ERR_HOST_REFUSED', ftpCode: 504 } });
      const transcript = client.transcriptText();
      expect(transcript).toContain('HOST localhost');
      // HOST comes before any credentials.
      expect(transcript).not.toContain(`USER ${ftp.user}`);
    } finally {
      client.close();
    }
  });

  it('logs in as before without the option, and never echoes an account', async () => {
    const { client } = await TestWsClient.open(`ws://${base}/ws`);
    try {
      const account = 'acct-secret-7f3a';
      const connected = await client.request('connect', { params: { host: ftp.host, port: ftp.port, user: ftp.user, password: ftp.password, account } });
      expect(connected.state.status).toBe('connected');
      const transcript = client.transcriptText();
      expect(transcript).not.toContain('HOST ');
      // ProFTPD does not ask for an account, so ACCT is never sent; the value appears nowhere.
      expect(JSON.stringify(client.events)).not.toContain(account);
      expect(JSON.stringify(connected)).not.toContain(account);
      const listing = await client.request('list', {});
      expect(Array.isArray(listing.entries)).toBe(true);
    } finally {
      client.close();
    }
  });
});
