import type { WireTranscriptDetail, WireTranscriptLine } from '@ftpdeck/protocol';
import { describe, expect, it } from 'vitest';
import { connectionName, explainLine } from './explain.ts';
import { replyContexts } from './replyContext.ts';

let seq = 0;
const line = (kind: WireTranscriptLine['kind'], text: string, extra: Partial<WireTranscriptLine> = {}): WireTranscriptLine => ({
  seq: ++seq,
  time: 0,
  connection: 'browse',
  kind,
  text,
  ...extra,
});

describe('explainLine: commands', () => {
  it('explains each command in both languages', () => {
    const verbs = [
      'USER alice', 'PASS ****', 'ACCT x', 'CWD /pub', 'CDUP', 'PWD', 'TYPE A', 'TYPE I', 'PASV', 'EPSV', 'PORT 127,0,0,1,156,65',
      'EPRT |1|127.0.0.1|40001|', 'LIST -a', 'MLSD', 'NLST', 'RETR a', 'STOR a', 'APPE a', 'REST 100', 'ABOR', 'DELE a', 'RMD d',
      'MKD d', 'RNFR a', 'RNTO b', 'SIZE a', 'MDTM a', 'MFMT 20240101000000 a', 'FEAT', 'OPTS UTF8 ON', 'SYST', 'STAT', 'HELP',
      'NOOP', 'QUIT', 'AUTH TLS', 'PBSZ 0', 'PROT P', 'SITE CHMOD 644 a', 'MDTM 20190304050607 a', 'OPTS HASH MD5', 'HASH a',
      'XMD5 a', 'XSHA1 a 0 10', 'XSHA256 a', 'XCRC a',
    ];
    for (const text of verbs) {
      for (const lang of ['en', 'zh-CN'] as const) {
        const x = explainLine(line('command', text), { lang });
        expect(x.command?.key, text).not.toBe('unknown');
        expect(x.command?.text).not.toMatch(/^cmd\./);
        expect(x.summary).toContain(x.command?.verb ?? '!');
      }
    }
    expect(explainLine(line('command', 'TYPE I'), { lang: 'en' }).command?.title).toBe('Transfer type: binary (image)');
    expect(explainLine(line('command', 'SITE CHMOD 644 a'), { lang: 'zh-CN' }).command?.title).toBe('修改权限');
    expect(explainLine(line('command', 'CWD /pub'), { lang: 'en' }).command?.text).toContain('/pub');
    expect(explainLine(line('command', 'XYZZY'), { lang: 'en' }).command?.key).toBe('unknown');
    // MDTM with a time first sets that time; with a name alone it asks (a name of 14 digits included).
    expect(explainLine(line('command', 'MDTM 20190304130607 /up/new.txt'), { lang: 'en' }).command?.title).toBe('Set modification time (MDTM)');
    expect(explainLine(line('command', 'MDTM 20190304130607'), { lang: 'en' }).command?.key).toBe('MDTM');
    expect(explainLine(line('command', 'MDTM 20190304130607.250 a'), { lang: 'en' }).command?.key).toBe('MDTM_SET');
    expect(explainLine(line('command', 'XSHA512 a'), { lang: 'en' }).command?.title).toBe('SHA-512 checksum');
    // A time echoed after setting one is the server's own, not a UTC modification time to decode.
    expect(explainLine(line('reply', '213 20190304130607', { code: 213 }), { lang: 'en', previousCommand: 'MDTM 20190304130607 a' }).facts).toEqual([]);
  });

  it('decodes PORT and EPRT with the arithmetic', () => {
    const p = explainLine(line('command', 'PORT 127,0,0,1,156,65'), { lang: 'en' });
    expect(p.decode).toMatchObject({ kind: 'port', ip: '127.0.0.1', port: 40001, arithmetic: '156×256+65 = 40001' });
    expect(p.decode?.text).toBe('The client listens on 127.0.0.1, port 40001 (156×256+65 = 40001) and asks the server to connect there.');
    expect(explainLine(line('command', 'EPRT |1|127.0.0.1|40001|'), { lang: 'zh-CN' }).decode?.text).toContain('40001');
  });

  it('notes that a masked password was really sent', () => {
    expect(explainLine(line('command', 'PASS ****'), { lang: 'en' }).facts[0]).toMatch(/masked/);
  });
});

describe('explainLine: replies', () => {
  it('explains and decodes a 227 reply, warning about a private address', () => {
    const x = explainLine(line('reply', '227 Entering Passive Mode (10,0,0,5,8,86)', { code: 227 }), { lang: 'en' });
    expect(x.reply?.code).toBe(227);
    expect(x.summary).toBe('227: Entering Passive Mode');
    expect(x.decode).toMatchObject({ kind: 'pasv', port: 2134, arithmetic: '8×256+86 = 2134' });
    expect(x.facts.join(' ')).toMatch(/10\.0\.0\.5 is a private address/);
  });

  it('renders the recursive-delete notice in both languages', () => {
    const notice = line('status', 'Deleting /docs and everything in it…', { detail: { type: 'recursive-delete', path: '/docs' } });
    expect(explainLine(notice, { lang: 'en' }).facts[0]).toMatch(/^Deleting \/docs and everything in it\. Each folder is sent DELE first/);
    expect(explainLine(notice, { lang: 'zh-CN' }).facts[0]).toMatch(/^正在删除 \/docs/);
  });

  it('renders dropped late replies in both languages, singular and plural', () => {
    const one = line('status', 'Discarded 1 late reply (226) before sending the next command', { detail: { type: 'late-replies-dropped', codes: [226] } });
    expect(explainLine(one, { lang: 'en' }).facts[0]).toMatch(/^Dropped 1 late reply \(226\).*harmless\.$/);
    const two = line('status', 'Discarded 2 late replies (426, 226) before sending the next command', { detail: { type: 'late-replies-dropped', codes: [426, 226] } });
    expect(explainLine(two, { lang: 'en' }).facts[0]).toMatch(/^Dropped 2 late replies \(426, 226\)/);
    expect(explainLine(two, { lang: 'zh-CN' }).facts[0]).toMatch(/丢弃了 2 条迟到的应答（426, 226）/);
  });

  it('calls a loopback 227 address loopback, not private', () => {
    const x = explainLine(line('reply', '227 Entering Passive Mode (127,0,0,1,100,66)', { code: 227 }), { lang: 'en' });
    expect(x.decode).toMatchObject({ port: 25666, arithmetic: '100×256+66 = 25666' });
    expect(x.facts.join(' ')).toMatch(/127\.0\.0\.1 is this machine's loopback address/);
    expect(x.facts.join(' ')).not.toMatch(/private/);
  });

  it('says when a refusal is expected: DELE on a folder during a folder delete, SIZE on a folder', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const dele = explainLine(line('reply', '550 Delete operation failed.', { code: 550 }), { lang, previousCommand: 'DELE /docs' });
      expect(dele.facts.join(' ')).toContain('/docs');
      expect(dele.facts.join(' ')).toMatch(lang === 'en' ? /this refusal is expected.*RMD/ : /预料之中.*RMD/);
      const size = explainLine(line('reply', '550 Could not get file size.', { code: 550 }), { lang, previousCommand: 'SIZE /docs' });
      expect(size.facts.join(' ')).toMatch(lang === 'en' ? /size of files only/ : /只提供文件的大小/);
    }
    // Other refusals get no such note.
    expect(explainLine(line('reply', '550 Permission denied.', { code: 550 }), { lang: 'en', previousCommand: 'RMD /docs' }).facts).toEqual([]);
  });

  it('decodes 229, 257 and 213 after SIZE/MDTM', () => {
    expect(explainLine(line('reply', '229 Entering Extended Passive Mode (|||50001|)', { code: 229 }), { lang: 'en' }).decode?.port).toBe(50001);
    expect(explainLine(line('reply', '257 "/a ""q"" dir" is the current directory', { code: 257 }), { lang: 'en' }).facts).toContain('Directory: /a "q" dir');
    expect(explainLine(line('reply', '213 1234', { code: 213 }), { lang: 'en', previousCommand: 'SIZE a' }).facts).toContain('Size: 1234 bytes.');
    expect(explainLine(line('reply', '213 20240102030405', { code: 213 }), { lang: 'en', previousCommand: 'MDTM a' }).facts).toContain(
      'Modified 2024-01-02 03:04:05 UTC.',
    );
  });

  it("names the server's checksum in a reply to HASH or an X command", () => {
    const hex = '591785b794601e212b260e25925636fd';
    expect(explainLine(line('reply', `213 MD5 0-12 ${hex} /a.txt`, { code: 213 }), { lang: 'en', previousCommand: 'HASH /a.txt' }).facts).toContain(
      `Checksum from the server: ${hex}. FTP Deck compares it with its own hash of the bytes it moved.`,
    );
    expect(explainLine(line('reply', `250 ${hex.toUpperCase()}`, { code: 250 }), { lang: 'zh-CN', previousCommand: 'XMD5 /a.txt 6 12' }).facts[0]).toContain(hex);
    // Not after another command, nor in a refusal.
    expect(explainLine(line('reply', `250 ${hex}`, { code: 250 }), { lang: 'en', previousCommand: 'CWD /x' }).facts).toEqual([]);
    expect(explainLine(line('reply', '550 deadbeefcafe: no such file', { code: 550 }), { lang: 'en', previousCommand: 'XCRC deadbeefcafe' }).facts).toEqual([]);
  });

  it('reads the code from the text when the line has none, and explains multi-line replies', () => {
    const x = explainLine(line('reply', '211-Features:\n MLST\n211 End'), { lang: 'zh-CN' });
    expect(x.reply?.code).toBe(211);
    expect(x.facts.join()).toContain('211-');
  });

  it('explains error lines that carry a reply code', () => {
    expect(explainLine(line('error', '550 No such file', { code: 550 }), { lang: 'en' }).reply?.title).toBe('Requested action not taken; file unavailable');
  });
});

describe('explainLine: status details', () => {
  it('renders data-open facts in words', () => {
    const passive = explainLine(
      line('status', 'Data connection open (passive) to 127.0.0.1:40123', {
        detail: { type: 'data-open', mode: 'passive', initiator: 'client', localAddress: '127.0.0.1', localPort: 51000, remoteAddress: '127.0.0.1', remotePort: 40123 },
      }),
      { lang: 'en' },
    );
    expect(passive.summary).toBe('The client connected to 127.0.0.1:40123 (passive: the client opens the data connection).');
    const active = explainLine(
      line('status', 'Data connection open (active)', {
        detail: { type: 'data-open', mode: 'active', initiator: 'server', localAddress: '127.0.0.1', localPort: 40001, remoteAddress: '127.0.0.1', remotePort: 20 },
      }),
      { lang: 'zh-CN' },
    );
    expect(active.summary).toBe('服务器从 127.0.0.1:20 连接到客户端的 127.0.0.1:40001（主动模式：由服务器发起数据连接）。');
  });

  it('explains a replaced PASV address (NAT, SSRF)', () => {
    const x = explainLine(line('status', 'replaced', { detail: { type: 'pasv-address-replaced', announced: '10.0.0.5', used: '203.0.113.7' } }), { lang: 'en' });
    expect(x.facts).toEqual([
      "Server announced 10.0.0.5 in its 227 reply; the client used the control connection's address 203.0.113.7 instead, because a private address behind NAT is unreachable and trusting it would let a server point us anywhere (SSRF).",
    ]);
  });

  it('renders connected, tls, data-close, fallback and blocked details', () => {
    const en = (detail: WireTranscriptDetail): string[] => explainLine(line('status', 's', { detail }), { lang: 'en' }).facts;
    expect(en({ type: 'connected', host: 'ftp.example', address: '127.0.0.1', port: 2121 })[0]).toMatch(/^Control connection open: connected to 127\.0\.0\.1:2121 \(ftp\.example\)/);
    expect(en({ type: 'tls', version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', resumed: true, channel: 'data', fingerprint256: 'AB:CD' })).toEqual([
      'TLS TLSv1.3 on the data connection, cipher TLS_AES_256_GCM_SHA384.',
      expect.stringMatching(/resumed/),
      'Server certificate SHA-256 fingerprint: AB:CD',
    ]);
    expect(en({ type: 'data-close', mode: 'passive', bytes: 1, ms: 3 })).toEqual(['Data connection closed (passive): 1 byte in 3 ms.']);
    expect(en({ type: 'data-close', mode: 'active', bytes: 2048, ms: 9 })).toEqual(['Data connection closed (active): 2048 bytes in 9 ms.']);
    expect(en({ type: 'fallback', from: 'EPSV', to: 'PASV', reason: '500 unknown' })[0]).toBe('EPSV did not work (500 unknown); falling back to PASV for the rest of the session.');
    expect(en({ type: 'blocked', target: '10.0.0.1:21', reason: 'private address' })[0]).toMatch(/^Blocked 10\.0\.0\.1:21: private address\./);
  });

  it('renders the server time zone detail in both languages, as UTC±HH:MM', () => {
    const say = (detail: WireTranscriptDetail, lang: 'en' | 'zh-CN'): string => explainLine(line('status', 's', { detail }), { lang }).facts[0] ?? '';
    const detected = say({ type: 'timezone', offsetMinutes: 480, source: 'detected' }, 'en');
    expect(detected).toMatch(/^The server lists files in its local time, UTC\+08:00:/);
    expect(detected).toContain('MDTM');
    expect(say({ type: 'timezone', offsetMinutes: -210, source: 'configured' }, 'en')).toMatch(/^The server's time zone is set to UTC-03:30 /);
    expect(say({ type: 'timezone', offsetMinutes: 345, source: 'detected' }, 'zh-CN')).toContain('服务器按本地时间 UTC+05:45 列出文件');
    expect(say({ type: 'timezone', offsetMinutes: 480, source: 'configured' }, 'zh-CN')).toContain('此连接的服务器时区设为 UTC+08:00');
  });

  it('renders the keepalive, unread-listing, loose-end, connection-pool and reused-features details in both languages', () => {
    const say = (detail: WireTranscriptDetail, lang: 'en' | 'zh-CN'): string => explainLine(line('status', 's', { detail }), { lang }).facts[0] ?? '';
    expect(say({ type: 'keepalive-refused', code: 500 }, 'en')).toMatch(/^The server answered a keepalive NOOP during the transfer with 500/);
    expect(say({ type: 'listing-unread', count: 1, sample: 'Directory DISK$USER:[JOHN]' }, 'en')).toBe(
      '1 listing line was not understood and is not shown (a listing format FTP Deck cannot read?). The first: Directory DISK$USER:[JOHN]',
    );
    expect(say({ type: 'listing-unread', count: 3, sample: 'x' }, 'en')).toMatch(/^3 listing lines were not understood/);
    expect(say({ type: 'multiline-loose-end', opened: 426, closed: 226 }, 'en')).toMatch(/multi-line 426 reply and ended it with a 226 line/);
    expect(say({ type: 'pool-shrunk', max: 1 }, 'en')).toMatch(/at most 1 transfer connection at a time\.$/);
    expect(say({ type: 'pool-shrunk', max: 2 }, 'en')).toMatch(/at most 2 transfer connections at a time\.$/);
    expect(say({ type: 'pool-shared' }, 'en')).toMatch(/^The server allows only one connection/);
    expect(say({ type: 'features-reused', count: 14, system: 'UNIX Type: L8' }, 'en')).toMatch(/^This connection sent no FEAT or SYST: .* took the 14 features that connection learnt/);
    expect(say({ type: 'features-reused', count: 1 }, 'en')).toContain('took the 1 feature that');
    // The Chinese UI gets Chinese sentences, with the values in them.
    expect(say({ type: 'keepalive-refused', code: 500 }, 'zh-CN')).toContain('以 500 回应了保活 NOOP');
    expect(say({ type: 'listing-unread', count: 3, sample: 'x' }, 'zh-CN')).toContain('有 3 行目录列表无法识别');
    expect(say({ type: 'multiline-loose-end', opened: 426, closed: 226 }, 'zh-CN')).toContain('以 426 开始');
    expect(say({ type: 'pool-shrunk', max: 1 }, 'zh-CN')).toContain('最多同时使用 1 个传输连接');
    expect(say({ type: 'pool-shared' }, 'zh-CN')).toContain('只允许该用户使用一个连接');
    expect(say({ type: 'features-reused', count: 14 }, 'zh-CN')).toContain('已获知的 14 项功能');
  });

  it('ignores malformed details instead of throwing', () => {
    // Deliberately not a valid detail: a newer or broken server must not crash the explainer.
    const malformed = { type: 'data-open', mode: 'sideways' } as unknown as WireTranscriptDetail;
    const x = explainLine(line('status', 'Connecting', { detail: malformed }), { lang: 'en' });
    expect(x.facts).toEqual([]);
    expect(x.summary).toMatch(/Status note/);
  });
});

describe('helpers for the transcript view', () => {
  it('pairs replies with the command they answer, per connection', () => {
    const lines = [
      line('command', 'SIZE /a', { seq: 1 }),
      line('command', 'STOR /b', { seq: 2, connection: 'transfer-1' }),
      line('reply', '213 5', { seq: 3, code: 213 }),
      line('reply', '150 ok', { seq: 4, code: 150, connection: 'transfer-1' }),
      line('reply', '220 hi', { seq: 5, code: 220, connection: 'transfer-2' }),
    ];
    const m = replyContexts(lines);
    expect(m.get(3)?.command).toBe('SIZE /a');
    expect(m.get(4)?.command).toBe('STOR /b');
    expect(m.has(5)).toBe(false);
  });

  it('names connections', () => {
    expect(connectionName('browse', 'en')).toBe('Browsing connection');
    expect(connectionName('transfer-2', 'zh-CN')).toBe('传输连接 2');
    expect(connectionName('relay', 'en')).toBe('FTP Deck relay');
    expect(connectionName('odd', 'en')).toBe('Connection odd');
  });
});
