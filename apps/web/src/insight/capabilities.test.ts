import { describe, expect, it } from 'vitest';
import recorded from './fixtures/server-help.json';
import { capabilitiesOf } from './capabilities.ts';
import { parseHelpReply } from './commands.ts';

describe('capabilitiesOf on real FEAT lists', () => {
  it('vsftpd: resume, sizes, EPSV, no MLSD or UTF8', () => {
    const c = capabilitiesOf(recorded.vsftpd.features);
    expect(c).toMatchObject({ resume: true, size: true, modifiedTime: true, epsv: true, tvfs: true, mlsd: false, utf8: false, setModifiedTime: false, authTls: false });
    expect(capabilitiesOf(recorded.vsftpd.features, parseHelpReply(recorded.vsftpd.siteHelp.text, true).siteCommands).chmodAdvertised).toBe(true);
  });

  it('ProFTPD: MLST/MLSD, MFMT, UTF8, CLNT', () => {
    expect(capabilitiesOf(recorded.proftpd.featLines)).toMatchObject({ mlsd: true, mlst: true, setModifiedTime: true, utf8: true, clnt: true, resume: true });
  });

  it('Pure-FTPd: AUTH TLS from keys or full lines', () => {
    expect(capabilitiesOf(recorded['pure-ftpd'].features).authTls).toBe(true);
    expect(capabilitiesOf(recorded['pure-ftpd'].featLines)).toMatchObject({ authTls: true, mlsd: true, resume: true, verifyHash: false });
  });

  it('reads parameters: REST without STREAM is not resumable, AUTH without TLS/SSL is not TLS, hashes count', () => {
    expect(capabilitiesOf(['REST BLOCK']).resume).toBe(false);
    expect(capabilitiesOf(['AUTH GSSAPI']).authTls).toBe(false);
    expect(capabilitiesOf(['AUTH TLS;SSL']).authTls).toBe(true);
    expect(capabilitiesOf(['HASH SHA-256*;MD5']).verifyHash).toBe(true);
    expect(capabilitiesOf(['XCRC']).verifyHash).toBe(true);
    expect(capabilitiesOf(undefined)).toMatchObject({ mlsd: false, resume: false, chmodAdvertised: false });
  });
});
