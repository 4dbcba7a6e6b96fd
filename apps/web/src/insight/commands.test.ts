import { describe, expect, it } from 'vitest';
import recorded from './fixtures/server-help.json';
import { consoleVocabulary, featureVerbs, parseHelpReply, precheckCommand, suggestCommands } from './commands.ts';

describe('precheckCommand', () => {
  it('refuses data-channel commands with the reason, and PORT/EPRT as bounce vectors', () => {
    const port = precheckCommand('PORT 10,0,0,1,0,22');
    expect(port.ok).toBe(false);
    if (port.ok) return;
    expect(port.reasons.map((r) => r.key)).toEqual(['console.refused.data', 'console.refused.bounce']);
    expect(port.reasons[0]?.params).toEqual({ verb: 'PORT' });
    for (const verb of ['EPRT |1|1.2.3.4|5|', 'PASV', 'epsv', 'LIST', 'NLST', 'MLSD', 'RETR a', 'STOR a', 'STOU', 'APPE a']) {
      const r = precheckCommand(verb);
      expect(r.ok, verb).toBe(false);
      if (!r.ok) expect(r.reasons[0]?.key).toBe('console.refused.data');
    }
    const abor = precheckCommand('ABOR');
    expect(!abor.ok && abor.reasons[0]?.key).toBe('console.refused.abort');
    const rest = precheckCommand('REST 100');
    expect(!rest.ok && rest.reasons[0]?.key).toBe('console.refused.rest');
  });

  it('refuses CR, LF and NUL before anything else', () => {
    for (const line of ['NOOP\r\nDELE x', 'NOOP\nDELE x', 'SYST\0']) {
      const r = precheckCommand(line);
      expect(!r.ok && r.reasons[0]?.key).toBe('console.refused.control');
    }
  });

  it('refuses commands that change login or security state', () => {
    for (const verb of ['USER bob', 'PASS x', 'AUTH TLS', 'PROT P', 'PBSZ 0', 'REIN', 'QUIT', 'CCC', 'ACCT a']) {
      const r = precheckCommand(verb);
      expect(!r.ok && r.reasons[0]?.key, verb).toBe('console.refused.session');
    }
  });

  it('says what EPSV ALL really does when refusing it', () => {
    const check = precheckCommand('epsv all');
    expect(!check.ok && check.reasons.map((r) => r.key)).toEqual(['console.refused.epsvAll']);
    const plain = precheckCommand('EPSV');
    expect(!plain.ok && plain.reasons[0]?.key).toBe('console.refused.data');
  });

  it('refuses TYPE, which the engine sets before each transfer, in the user\'s words', () => {
    const check = precheckCommand('type a');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reasons.map((r) => r.key)).toEqual(['console.refused.type']);
  });

  it('lets safe commands through, trimmed, and warns about verbs the server did not announce', () => {
    expect(precheckCommand('  SYST  ')).toEqual({ ok: true, verb: 'SYST', line: 'SYST', warnings: [] });
    expect(precheckCommand('SITE CHMOD 644 a', { known: new Set(['SITE']) })).toMatchObject({ ok: true, warnings: [] });
    const w = precheckCommand('XFOO', { known: new Set(['MLST']) });
    expect(w.ok && w.warnings[0]?.key).toBe('console.unknownVerb');
    expect(precheckCommand('   ').ok).toBe(false);
    expect(precheckCommand(`SITE ${'x'.repeat(600)}`).ok).toBe(false);
  });
});

describe('parseHelpReply on real servers', () => {
  it('reads vsftpd, ProFTPD and pyftpdlib HELP lists, skipping ProFTPD\'s unimplemented (*) commands', () => {
    const vs = parseHelpReply(recorded.vsftpd.help.text);
    expect(vs.commands).toEqual(expect.arrayContaining(['ABOR', 'FEAT', 'MDTM', 'SITE', 'XRMD', 'STAT']));
    expect(vs.commands).not.toContain('OK');
    const pro = parseHelpReply(recorded.proftpd.help.text).commands;
    expect(pro).toEqual(expect.arrayContaining(['MLSD', 'MLST', 'RANG', 'CLNT']));
    expect(pro).not.toContain('AUTH');
    expect(pro).not.toContain('SMNT');
    expect(parseHelpReply(recorded.pyftpdlib.help.text).commands).toEqual(expect.arrayContaining(['MFMT', 'MLSD', 'XPWD']));
  });

  it('recognises SITE lists (Pure-FTPd answers HELP with one; SITE HELP everywhere)', () => {
    expect(parseHelpReply(recorded['pure-ftpd'].help.text)).toEqual({ commands: [], siteCommands: ['ALIAS', 'CHMOD', 'IDLE', 'UTIME'] });
    expect(parseHelpReply(recorded.vsftpd.siteHelp.text, true).siteCommands).toEqual(['CHMOD', 'UMASK', 'HELP']);
    expect(parseHelpReply(recorded.proftpd.siteHelp.text, true).siteCommands).toEqual(['HELP', 'CHGRP', 'CHMOD']);
  });
});

describe('suggestions', () => {
  const vocab = consoleVocabulary(recorded.proftpd.featLines, parseHelpReply(recorded.proftpd.help.text).commands, ['CHMOD', 'CHGRP']);

  it('offers safe, FEAT and HELP verbs but never refused ones', () => {
    expect(vocab).toEqual(expect.arrayContaining(['SYST', 'FEAT', 'MFMT', 'MLST', 'CLNT', 'SITE CHMOD']));
    for (const refused of ['PORT', 'PASV', 'LIST', 'USER', 'QUIT', 'ABOR', 'REST']) expect(vocab).not.toContain(refused);
  });

  it('completes the first word, then SITE subcommands', () => {
    expect(suggestCommands('ml', vocab)).toEqual(['MLST']);
    expect(suggestCommands('S', vocab)).toEqual(expect.arrayContaining(['SITE', 'SIZE', 'STAT', 'SYST']));
    expect(suggestCommands('S', vocab).some((v) => v.includes(' '))).toBe(false);
    expect(suggestCommands('site ch', vocab)).toEqual(['SITE CHGRP', 'SITE CHMOD']);
    expect(suggestCommands('SYST', vocab)).toEqual([]);
    expect(suggestCommands('SIZE /a', vocab)).toEqual([]);
  });

  it('takes the verb of FEAT lines with parameters', () => {
    expect(featureVerbs(['MLST type*;size*;', 'REST STREAM', 'AUTH TLS', 'LANG C.UTF-8*'])).toEqual(['MLST', 'REST', 'AUTH', 'LANG']);
  });
});
