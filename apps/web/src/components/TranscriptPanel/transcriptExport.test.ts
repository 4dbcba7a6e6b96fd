import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.ts';
import fixtures from '../../insight/fixtures/vsftpd-transcripts.json';
import { buildExport, dataModeOf, redactor } from './transcriptExport.ts';

const passive = fixtures.passive as WireTranscriptLine[];
const active = fixtures.active as WireTranscriptLine[];
const base = { user: 'ftpdeck', host: '127.0.0.1', port: 21, system: 'UNIX Type: L8', secure: 'none', now: new Date('2026-11-21T08:00:00Z'), t: translator('en') };

describe('transcript export', () => {
  it('writes a support-ticket header and FileZilla-style lines', () => {
    const text = buildExport(passive, { ...base, includeUser: true, includeHost: true });
    expect(text).toContain('Date: 2026-11-21T08:00:00.000Z');
    expect(text).toContain('Server: 127.0.0.1:21');
    expect(text).toContain('Server software (SYST): UNIX Type: L8');
    expect(text).toContain('Data connection mode: Passive (EPSV)');
    expect(text).toMatch(/\[browse\] Command:\tUSER ftpdeck/);
    expect(text).toMatch(/\[browse\] Response:\t211-Features:\n\t EPRT/);
  });

  it('never writes a password, even if one reached the browser', () => {
    const leaked: WireTranscriptLine[] = [{ seq: 1, time: 0, connection: 'browse', kind: 'command', text: 'PASS hunter2' }];
    expect(buildExport(leaked, { ...base, includeUser: true, includeHost: true })).not.toContain('hunter2');
  });

  it('masks the account name and the host, dotted and in PORT/227 comma form', () => {
    const text = buildExport(active, { ...base, includeUser: false, includeHost: false });
    expect(text).not.toContain('ftpdeck');
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toMatch(/127,0,0,1/);
    expect(text).toContain('USER [account]');
    expect(text).toMatch(/PORT \[host\],\d+,\d+/);
    expect(dataModeOf(active, translator('en'))).toBe('Active (PORT)');
  });

  it('leaves short user names alone outside the USER line', () => {
    const mask = redactor([], { includeUser: false, includeHost: true, user: 'ab' });
    expect(mask('USER ab')).toBe('USER [account]');
    expect(mask('230 about to log in')).toBe('230 about to log in');
  });

  it('speaks the UI language', () => {
    const text = buildExport(passive.slice(0, 5), { ...base, includeUser: true, includeHost: true, t: translator('zh-CN') });
    expect(text).toContain('服务器软件（SYST）: UNIX Type: L8');
    expect(text).toContain('命令:\tUSER ftpdeck');
  });
});
