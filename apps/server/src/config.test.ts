import { describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig } from './config.ts';

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
    expect(() => loadConfig(['--max-sessions-per-ip', 'lots'], {})).toThrow(/--max-sessions-per-ip \/ FTPDECK_MAX_SESSIONS_PER_IP: "lots"/);
  });

  it('trusts no proxy unless told, and takes addresses and CIDRs', () => {
    expect(loadConfig([], {}).trustProxy).toEqual([]);
    expect(loadConfig(['--trust-proxy', '127.0.0.1, 10.0.0.0/8'], {}).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(loadConfig([], { FTPDECK_TRUST_PROXY: '::1,fd00::/8' }).trustProxy).toEqual(['::1', 'fd00::/8']);
  });
});

describe('validation at start', () => {
  // [flags, environment, what the message must name]
  const bad: Array<[string[], Record<string, string>, RegExp]> = [
    [['--log-level', 'bogus'], {}, /--log-level \/ FTPDECK_LOG_LEVEL: "bogus" \(want one of fatal, error, warn, info/],
    [[], { FTPDECK_LOG_LEVEL: 'bogus' }, /--log-level \/ FTPDECK_LOG_LEVEL/],
    [['--allow-targets', '10.0.0.0/99'], {}, /--allow-targets \/ FTPDECK_ALLOW_TARGETS: "10.0.0.0\/99" \(want a prefix length from 0 to 32/],
    [['--deny-targets', '1.2.3.4/abc'], {}, /--deny-targets \/ FTPDECK_DENY_TARGETS: "1.2.3.4\/abc"/],
    [['--deny-targets', '::1/129'], {}, /from 0 to 128/],
    [['--allow-targets', 'bad host!'], {}, /--allow-targets/],
    [['--transfer-connections', 'abc'], {}, /--transfer-connections \/ FTPDECK_TRANSFER_CONNECTIONS: "abc" \(want an integer from 1 to 16\)/],
    [['--transfer-connections', '0'], {}, /--transfer-connections/],
    [['--transfer-connections', '2.5'], {}, /--transfer-connections/],
    [[], { FTPDECK_UPLOAD_WINDOW_BYTES: 'abc' }, /FTPDECK_UPLOAD_WINDOW_BYTES: "abc"/],
    [[], { FTPDECK_UPLOAD_WINDOW_BYTES: '0' }, /FTPDECK_UPLOAD_WINDOW_BYTES: "0" \(want an integer from 65536/],
    [[], { FTPDECK_SESSION_GRACE_MS: 'abc' }, /FTPDECK_SESSION_GRACE_MS/],
    [[], { FTPDECK_SESSION_IDLE_MS: 'abc' }, /FTPDECK_SESSION_IDLE_MS/],
    [[], { FTPDECK_SESSION_IDLE_MS: '5' }, /FTPDECK_SESSION_IDLE_MS: "5" \(want an integer from 1000/],
    [[], { FTPDECK_KEEPALIVE_MS: '-1' }, /FTPDECK_KEEPALIVE_MS/],
    [[], { FTPDECK_TRANSFER_KEEPALIVE_MS: '1e3' }, /FTPDECK_TRANSFER_KEEPALIVE_MS/],
    [['--allowed-ports', '70000'], {}, /--allowed-ports \/ FTPDECK_ALLOWED_PORTS: "70000"/],
    [['--allowed-ports', '100-50'], {}, /--allowed-ports/],
    [['--allowed-ports', '21,,22'], {}, /--allowed-ports/],
    [['--allowed-ports', '0'], {}, /--allowed-ports/],
    [['--active-address', 'notanip'], {}, /--active-address \/ FTPDECK_ACTIVE_ADDRESS: "notanip" \(want an IPv4 or IPv6 address\)/],
    [[], { FTPDECK_ALLOW_PRIVATE_TARGETS: 'maybe' }, /--allow-private-targets \/ FTPDECK_ALLOW_PRIVATE_TARGETS: "maybe" \(want one of 1, true, yes, on, 0/],
    [['--trust-proxy', 'proxy.example'], {}, /--trust-proxy \/ FTPDECK_TRUST_PROXY: "proxy.example" \(want an address or a CIDR\)/],
    [[], { FTPDECK_TRUST_PROXY: '10.0.0.0/33' }, /FTPDECK_TRUST_PROXY: "10.0.0.0\/33" \(want a prefix length from 0 to 32/],
    [['--max-sessions-per-ip', '0'], {}, /--max-sessions-per-ip/],
    [[], { FTPDECK_MAX_SESSIONS_PER_IP: '0' }, /FTPDECK_MAX_SESSIONS_PER_IP/],
    [[], { FTPDECK_MAX_LIST_ENTRIES: '0' }, /FTPDECK_MAX_LIST_ENTRIES/],
    [[], { FTPDECK_MAX_UPLOADS_PER_SESSION: 'x' }, /FTPDECK_MAX_UPLOADS_PER_SESSION/],
    [['--max-upload-bytes', '0'], {}, /--max-upload-bytes/],
    [[], { FTPDECK_SHUTDOWN_GRACE_MS: 'soon' }, /FTPDECK_SHUTDOWN_GRACE_MS/],
    [['--port', '70000'], {}, /--port \/ FTPDECK_PORT: "70000"/],
    [[], { FTPDECK_PORT: 'http' }, /--port \/ FTPDECK_PORT/],
    [['--web-root', '/no/such/folder'], {}, /--web-root \/ FTPDECK_WEB_ROOT: "\/no\/such\/folder" is not a folder/],
    [['--demo', 'not a url'], {}, /--demo \/ FTPDECK_DEMO/],
  ];
  it.each(bad)('refuses %j %j', (argv, env, message) => {
    expect(() => loadConfig(argv, env)).toThrow(message);
  });

  // [flags, environment, the values read]
  const good: Array<[string[], Record<string, string>, Partial<ServerConfig>]> = [
    [[], { FTPDECK_ALLOW_PRIVATE_TARGETS: 'yes' }, { allowPrivateTargets: true }],
    [[], { FTPDECK_ALLOW_PRIVATE_TARGETS: 'ON' }, { allowPrivateTargets: true }],
    [[], { FTPDECK_ALLOW_PRIVATE_TARGETS: 'TRUE' }, { allowPrivateTargets: true }],
    [[], { FTPDECK_ALLOW_PRIVATE_TARGETS: 'off' }, { allowPrivateTargets: false }],
    [[], { FTPDECK_ALLOW_PRIVATE_TARGETS: '0' }, { allowPrivateTargets: false }],
    [['--log-level', 'WARN'], {}, { logLevel: 'warn' }],
    [['--allow-targets', '10.0.0.0/8, ftp.example.com', '--deny-targets', '::1/128'], {}, { allowTargets: ['10.0.0.0/8', 'ftp.example.com'], denyTargets: ['::1/128'] }],
    [['--transfer-connections', '16'], { FTPDECK_UPLOAD_WINDOW_BYTES: '65536' }, { transferConnections: 16, uploadWindowBytes: 65536 }],
    [['--active-address', '192.0.2.7'], {}, { activeAddress: '192.0.2.7' }],
    [['--web-root', 'none'], {}, { webRoot: null }],
    [[], { FTPDECK_WEB_ROOT: '/tmp' }, { webRoot: '/tmp' }],
    [[], { FTPDECK_SESSION_GRACE_MS: '0', FTPDECK_KEEPALIVE_MS: '0' }, { sessionGraceMs: 0, keepAliveMs: 0 }],
    [['--allowed-ports', '21, 990,2000-2100'], {}, { allowedPorts: [[21, 21], [990, 990], [2000, 2100]] }],
  ];
  it.each(good)('reads %j %j', (argv, env, expected) => {
    expect(loadConfig(argv, env)).toMatchObject(expected);
  });
});
