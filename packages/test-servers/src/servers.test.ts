// Every kind: start, log in, PWD, upload through PASV, and check the bytes on disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listServerNames, readServerFile, RawFtpControl, seedTree, serverKindsForTests, startFtpServer } from './index.ts';
import type { RunningFtpServer } from './index.ts';
import { rawReceive, rawStor } from './raw-data.ts';

const kinds = serverKindsForTests();
// "中文" in GBK: not valid UTF-8, so only a Buffer path can create it.
const GBK_NAME = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0x2e, 0x74, 0x78, 0x74]);

describe.each(kinds)('%s', (kind) => {
  let server: RunningFtpServer;
  beforeAll(async () => {
    server = await startFtpServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('logs in and reports "/" as the working directory', async () => {
    const { control, greeting } = await RawFtpControl.open(server.host, server.port);
    expect(greeting.code).toBe(220);
    await control.login(server.user, server.password);
    const pwd = await control.send('PWD');
    await control.close();
    expect(pwd.code).toBe(257);
    expect(pwd.text).toMatch(/^257 "\/"/);
  });

  it('stores an upload under root with the exact bytes', async () => {
    const payload = Buffer.concat([Buffer.from(`hello from ${kind}\r\n`), Buffer.from([0, 1, 2, 255, 254])]);
    const { control } = await RawFtpControl.open(server.host, server.port);
    await control.login(server.user, server.password);
    const reply = await rawStor(control, 'upload.bin', payload);
    await control.close();
    expect(reply.code).toBe(226);
    expect(await readServerFile(server, '/upload.bin')).toEqual(payload);
  });

  it('serves seeded files, including a GBK-encoded name', async () => {
    await seedTree(server, [
      { path: 'seeded/a.txt', content: 'alpha' },
      { path: ['seeded', GBK_NAME], content: 'gbk' },
    ]);
    expect(await listServerNames(server, '/seeded')).toEqual([Buffer.from('a.txt'), GBK_NAME].sort(Buffer.compare));
    const { control } = await RawFtpControl.open(server.host, server.port);
    await control.login(server.user, server.password);
    const { data, reply } = await rawReceive(control, 'RETR seeded/a.txt');
    await control.close();
    expect(reply.code).toBe(226);
    expect(data.toString()).toBe('alpha');
  });
});

describe('port blocks', () => {
  it('gives parallel servers distinct control ports and passive ranges', async () => {
    const kind = kinds.find((k) => k === 'pyftpdlib') ?? kinds[0];
    if (!kind) return;
    const servers = await Promise.all([startFtpServer(kind), startFtpServer(kind), startFtpServer(kind)]);
    try {
      const ports = servers.flatMap((s) => [s.port, ...range(s.passivePorts)]);
      expect(new Set(ports).size).toBe(ports.length);
      for (const s of servers) expect(s.passivePorts[1] - s.passivePorts[0] + 1).toBe(20);
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  });
});

function range([a, b]: [number, number]): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}
