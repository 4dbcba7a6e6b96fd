// Anonymous login, FEAT UTF8, ProFTPD's mod_digest, caller-supplied roots, and clean stops.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readServerFile, RawFtpControl, serverKindsForTests, startFtpServer, UnsupportedServerOptionError } from './index.ts';
import type { RunningFtpServer } from './index.ts';
import { trackedStart } from './tracked.ts';
import { rawReceive, rawStor } from './raw-data.ts';
import { liveGroupMembers } from './processes.ts';

const available = new Set(serverKindsForTests());
const start = trackedStart();

async function anonymousLogin(server: RunningFtpServer): Promise<RawFtpControl> {
  const { control } = await RawFtpControl.open(server.host, server.port);
  await control.login('anonymous', 'test@example.com');
  return control;
}

const writableAnonymous = (['vsftpd', 'proftpd', 'pyftpdlib'] as const).filter((k) => available.has(k));

describe.each(writableAnonymous)('%s anonymous', (kind) => {
  it('logs in anonymously and uploads into the upload folder', async () => {
    const server = await start(kind, { anonymous: true });
    expect(server.anonymousUploadDir).toBe('/upload');
    const control = await anonymousLogin(server);
    const stor = await rawStor(control, 'upload/anon.txt', Buffer.from('anonymous bytes'));
    await control.close();
    expect(stor.code).toBe(226);
    expect((await readServerFile(server, '/upload/anon.txt')).toString()).toBe('anonymous bytes');
  });
});

describe.skipIf(!available.has('demo'))('demo anonymous', () => {
  it('reads the sample tree but refuses uploads', async () => {
    const server = await start('demo', { anonymous: true });
    const control = await anonymousLogin(server);
    const readme = await rawReceive(control, 'RETR README.txt');
    expect(readme.data.toString()).toContain('FTP Deck demo server');
    const png = await rawReceive(control, 'RETR images/deck.png');
    expect(png.data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    await expect(rawStor(control, 'nope.txt', Buffer.from('x'))).rejects.toThrow(/550|refused/);
    await control.close();
    expect(existsSync(join(server.root, 'nope.txt'))).toBe(false);
    expect(readFileSync(join(server.root, '说明.txt'), 'utf8')).toContain('说明');
  });

  it('answers MKD with the FTP path, not the disk path', async () => {
    const server = await start('demo');
    const { control } = await RawFtpControl.open(server.host, server.port);
    await control.login(server.user, server.password);
    const mkd = await control.send('MKD made/here');
    await control.close();
    expect(mkd.text).toBe('257 "/made/here"');
    expect(statSync(join(server.root, 'made', 'here')).isDirectory()).toBe(true);
  });

  it('keeps its disk path out of failures, and greets with how to log in', async () => {
    const server = await start('demo');
    const { control, greeting } = await RawFtpControl.open(server.host, server.port);
    // Started without anonymous access (the CLI demo adds ", or as anonymous to read only").
    expect(greeting.lines.at(-1)).toBe('220 Log in as demo (password demo)');
    await control.login(server.user, server.password);
    const replies = [await control.send('SIZE missing/file.bin'), await control.send('CWD nowhere'), await control.send('DELE gone.txt')];
    await control.close();
    for (const reply of replies) {
      expect(reply.code).toBe(550);
      expect(reply.text).not.toContain(server.root);
    }
    expect(replies[0]!.text).toContain("'/missing/file.bin'");
    expect(replies[1]!.text).toContain("'/nowhere'");
    // An upload's failure comes from its stream, later: into a folder that is not there.
    const upload = await RawFtpControl.open(server.host, server.port);
    await upload.control.login(server.user, server.password);
    const refused = await rawStor(upload.control, 'nodir/f.bin', Buffer.from('x')).then(
      (r) => r.text,
      (err: unknown) => String(err),
    );
    await upload.control.close();
    expect(refused).toMatch(/550/);
    expect(refused).not.toContain(server.root);
    expect(refused).toContain("'/nodir/f.bin'");
  });
});

async function featLines(server: RunningFtpServer): Promise<string[]> {
  const { control } = await RawFtpControl.open(server.host, server.port);
  const feat = await control.send('FEAT');
  await control.close();
  return feat.lines.map((l) => l.trim());
}

describe.each((['vsftpd', 'pyftpdlib'] as const).filter((k) => available.has(k)))('%s utf8 option', (kind) => {
  it.each([true, false])('utf8: %s controls UTF8 in FEAT', async (utf8) => {
    const server = await start(kind, { utf8 });
    expect((await featLines(server)).includes('UTF8')).toBe(utf8);
  });
});

describe('utf8: false where FEAT always lists UTF8', () => {
  it.each(['proftpd', 'pure-ftpd', 'demo'] as const)('%s refuses it', async (kind) => {
    if (!available.has(kind)) return;
    await expect(startFtpServer(kind, { utf8: false })).rejects.toBeInstanceOf(UnsupportedServerOptionError);
  });
});

describe('digest: ProFTPD with mod_digest', () => {
  it.runIf(available.has('proftpd'))('lists HASH and hashes a whole file or a range of it', async () => {
    const plain = await start('proftpd');
    expect((await featLines(plain)).some((l) => l.startsWith('HASH'))).toBe(false);
    const server = await start('proftpd', { digest: true });
    expect(await featLines(server)).toEqual(expect.arrayContaining(['XMD5', 'XCRC']));
    const bytes = Buffer.from('0123456789abcdef');
    const { control } = await RawFtpControl.open(server.host, server.port);
    await control.login(server.user, server.password);
    await rawStor(control, 'a b.bin', bytes);
    const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex').toUpperCase();
    expect((await control.send('XMD5 "a b.bin"')).text).toContain(md5(bytes));
    // From 6 up to, not including, 16: the tail a resumed upload sends.
    expect((await control.send('XMD5 "a b.bin" 6 16')).text).toContain(md5(bytes.subarray(6)));
    expect((await control.send('XMD5 "a b.bin" 6 17')).code).toBe(501);
    await control.close();
  });

  it.each(['vsftpd', 'pure-ftpd', 'pyftpdlib', 'demo'] as const)('%s refuses it', async (kind) => {
    if (!available.has(kind)) return;
    await expect(startFtpServer(kind, { digest: true })).rejects.toBeInstanceOf(UnsupportedServerOptionError);
  });
});

describe('roots and stop()', () => {
  const kind = (['vsftpd', 'pyftpdlib', 'demo'] as const).find((k) => available.has(k));

  it.skipIf(!kind)('keeps a caller-supplied root, removes its own temp files, leaves no process', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ftpdeck-caller-root-'));
    try {
      const server = await startFtpServer(kind!, { root });
      expect(server.root).toBe(root);
      const { control } = await RawFtpControl.open(server.host, server.port);
      await control.login(server.user, server.password);
      expect((await rawStor(control, 'kept.txt', Buffer.from('kept'))).code).toBe(226);
      // Leave the session open: stop() must kill session processes too.
      await server.stop();
      control.socket.destroy();
      expect(readFileSync(join(root, 'kept.txt'), 'utf8')).toBe('kept');
      expect(liveGroupMembers(server.pid)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.skipIf(!kind)('removes the fresh root it created', async () => {
    const server = await startFtpServer(kind!);
    expect(statSync(server.root).isDirectory()).toBe(true);
    await server.stop();
    expect(existsSync(server.root)).toBe(false);
  });
});


describe('maxRate: vsftpd paces transfers', () => {
  it.skipIf(!available.has('vsftpd'))('an upload at 512 KiB/s is still partial 300 ms after its first bytes, then lands whole', async () => {
    const server = await start('vsftpd', { maxRate: 512 * 1024 });
    const { control } = await RawFtpControl.open(server.host, server.port);
    await control.login(server.user, server.password);
    const data = Buffer.from(Array.from({ length: 1024 * 1024 }, (_, i) => (i * 7) % 251));
    const stored = rawStor(control, 'paced.bin', data);
    const disk = join(server.root, 'paced.bin');
    const size = (): number => (existsSync(disk) ? statSync(disk).size : 0);
    await expect.poll(size, { interval: 2, timeout: 10_000 }).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    // Unpaced, loopback moves 1 MiB in milliseconds; paced, about 0.2 MiB has landed by now.
    expect(size()).toBeLessThan(data.length);
    expect((await stored).code).toBe(226);
    await control.close();
    expect((await readServerFile(server, '/paced.bin')).equals(data)).toBe(true);
  });

  it.each(['proftpd', 'pure-ftpd', 'pyftpdlib', 'demo'] as const)('%s refuses it', async (kind) => {
    if (!available.has(kind)) return;
    await expect(startFtpServer(kind, { maxRate: 1024 })).rejects.toBeInstanceOf(UnsupportedServerOptionError);
  });

  it.skipIf(!available.has('vsftpd'))('refuses a rate that is not a positive whole number', async () => {
    for (const maxRate of [0, -1, 1.5]) {
      await expect(startFtpServer('vsftpd', { maxRate })).rejects.toBeInstanceOf(UnsupportedServerOptionError);
    }
  });
});
