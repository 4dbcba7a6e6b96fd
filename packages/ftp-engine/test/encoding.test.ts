/**
 * Non-UTF-8 names on a real server: a GBK-named file on vsftpd is listed,
 * downloaded, renamed and deleted, both with encoding `auto` (the name keeps
 * its raw bytes reversibly and the client guesses the charset) and with
 * encoding `gbk` (the name decodes to real Chinese text).
 */
import { listServerNames, seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, kinds, Sink, startServer } from './helpers/servers.ts';

const gbk = (s: string): Buffer => iconv.encode(s, 'gbk');

// vsftpd passes name bytes through untouched; pyftpdlib (Python) re-encodes
// undecodable names itself, so it cannot show what a GBK server sends.
describe.each(kinds(['vsftpd']))('%s GBK names', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind, { utf8: false });
  });
  afterAll(async () => srv?.stop());

  async function names(): Promise<Buffer[]> {
    return listServerNames(srv, '/');
  }

  it('auto: keeps the raw bytes, guesses the charset, and round-trips every verb', async () => {
    await seedTree(srv, [{ path: [gbk('中文文件名.txt')], content: 'gbk content' }]);
    const { client } = clientFor(srv, { encoding: 'auto' });
    const guesses: string[] = [];
    client.on('charset', (c: string) => guesses.push(c));
    await client.connect();
    try {
      const entry = (await client.list()).find((e) => e.name.endsWith('.txt'));
      expect(entry).toBeDefined();
      const name = entry?.name ?? '';
      expect(name).not.toBe('中文文件名.txt');
      expect(client.guessedCharset).toMatch(/^gb/i);
      expect(guesses).toEqual([client.guessedCharset]);
      const sink = new Sink();
      await client.download(name, sink);
      expect(sink.data.toString()).toBe('gbk content');
      await client.rename(name, `${name}.bak`);
      expect((await names()).some((n) => n.equals(Buffer.concat([gbk('中文文件名.txt'), Buffer.from('.bak')])))).toBe(true);
      await client.remove(`${name}.bak`);
      expect(await names()).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('auto: reports Windows-1251 for Russian names, which still round-trip unread', async () => {
    await seedTree(srv, [{ path: [iconv.encode('Документы.txt', 'win1251')], content: 'cyrillic' }]);
    const { client } = clientFor(srv, { encoding: 'auto' });
    const guesses: string[] = [];
    client.on('charset', (c: string) => guesses.push(c));
    await client.connect();
    try {
      const listed = await client.list();
      expect(listed).toHaveLength(1);
      // cp1252 would read them as "Äîêóìåíòû"; the Cyrillic candidates read a capitalised Russian word.
      expect(client.guessedCharset).toBe('cp1251');
      expect(guesses).toEqual(['cp1251']);
      await client.remove(listed[0]!.name);
      expect(await names()).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('auto: reads names in Cyrillic capitals by the names, not the listing lines around them', async () => {
    // Review 21: whole LIST lines (`-rw-r--r--`, `Nov`) made capitals look like a mixed-case name, and KOI8-R won.
    const capitals = ['ОТЧЕТ.DOC', 'ДОГОВОР.DOC', 'СЧЕТ.XLS'].map((n) => iconv.encode(n, 'win1251'));
    await seedTree(srv, capitals.map((n) => ({ path: [n], content: 'x' })));
    const { client } = clientFor(srv, { encoding: 'auto' });
    await client.connect();
    try {
      const listed = await client.list();
      expect(client.guessedCharset).toBe('cp1251');
      for (const e of listed) await client.remove(e.name);
      expect(await names()).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('gbk: decodes names as Chinese and encodes new ones as GBK', async () => {
    await seedTree(srv, [{ path: [gbk('中文文件名.txt')], content: 'gbk content' }]);
    const { client } = clientFor(srv, { encoding: 'gbk' });
    await client.connect();
    try {
      expect((await client.list()).map((e) => e.name)).toEqual(['中文文件名.txt']);
      const sink = new Sink();
      await client.download('中文文件名.txt', sink);
      expect(sink.data.toString()).toBe('gbk content');
      await client.rename('中文文件名.txt', '新名字.txt');
      expect(await names()).toEqual([gbk('新名字.txt')]);
      await client.remove('新名字.txt');
      expect(await names()).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

// A name may carry raw bytes as escapes (U+DCxx). Under a legacy charset an
// escape can stand for any byte, CR and LF included, so the engine checks the
// bytes it is about to send, not only the text.
describe.each(kinds(['vsftpd']))('%s: escapes cannot smuggle a second command', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind, { utf8: false });
  });
  afterAll(async () => srv?.stop());

  it.each(['cp1252', 'gbk', 'auto'])('%s: CR LF escapes are refused before the wire and nothing is deleted', async (encoding) => {
    await seedTree(srv, [{ path: 'keep/a.txt', content: 'keep me' }]);
    const { client, transcript } = clientFor(srv, { encoding });
    await client.connect();
    try {
      const smuggled = '/innocent\uDC0D\uDC0ADELE /keep/a.txt';
      await expect(client.mkdir(smuggled)).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
      await expect(client.raw('NOOP\uDC0D\uDC0APORT 127,0,0,1,1,1')).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
      await expect(client.rename('/keep/a.txt', '/keep/b\uDC00.txt')).rejects.toMatchObject({ code: 'FTP_ERR_INVALID_ARGUMENT' });
      expect(transcript.some((e) => e.kind === 'command' && /DELE|PORT/.test(e.text))).toBe(false);
      // In step, and the file is where it was.
      expect((await client.list('/keep')).map((e) => e.name)).toEqual(['a.txt']);
      expect((await names()).map((n) => n.toString())).toContain('keep');
    } finally {
      await client.close();
    }
    async function names(): Promise<Buffer[]> {
      return listServerNames(srv, '/');
    }
  });
});
