import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('binds loopback on 8021 by default and allows private targets there', () => {
    const c = loadConfig([], {});
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(8021);
    expect(c.allowPrivateTargets).toBe(true);
    expect(c.demo).toBeUndefined();
  });

  it('refuses to bind beyond loopback without an access token', () => {
    expect(() => loadConfig(['--host', '0.0.0.0'], {})).toThrow(/access token/);
  });

  it('denies private targets by default when exposed', () => {
    const c = loadConfig(['--host', '0.0.0.0'], { FTPDECK_ACCESS_TOKEN: 'secret' });
    expect(c.allowPrivateTargets).toBe(false);
    expect(c.accessToken).toBe('secret');
  });

  it('reads the demo target from a URL, and --no-demo wins', () => {
    expect(loadConfig(['--demo', 'ftp://demo:pw@127.0.0.1:2121'], {}).demo).toEqual({ host: '127.0.0.1', port: 2121, user: 'demo', password: 'pw' });
    expect(loadConfig(['--no-demo'], { FTPDECK_DEMO: 'ftp://demo:demo@127.0.0.1:2121' }).demo).toBeUndefined();
  });

  it('parses port ranges', () => {
    expect(loadConfig(['--allowed-ports', '21,990,2000-2100'], {}).allowedPorts).toEqual([[21, 21], [990, 990], [2000, 2100]]);
  });
});

describe('limits', () => {
  it('has safe defaults and reads overrides from flags and the environment', () => {
    const d = loadConfig([], {});
    expect(d).toMatchObject({ maxSessionsPerIp: 20, maxListEntries: 200_000, maxUploadsPerSession: 16, maxUploadBytes: null, shutdownGraceMs: 5000 });
    const c = loadConfig(['--max-sessions-per-ip', '3', '--max-upload-bytes', '1048576'], { FTPDECK_MAX_LIST_ENTRIES: '10', FTPDECK_SHUTDOWN_GRACE_MS: '0' });
    expect(c).toMatchObject({ maxSessionsPerIp: 3, maxUploadBytes: 1048576, maxListEntries: 10, shutdownGraceMs: 0 });
    expect(() => loadConfig(['--max-sessions-per-ip', 'lots'], {})).toThrow(/max sessions per IP/);
  });
});
