import { describe, expect, it } from 'vitest';
import { describePermissions, meansNoSiteChmod, modeToOctal, modeToSymbolic, octalToMode, symbolicToMode } from './permissions.ts';

describe('permissions', () => {
  it('reads ls -l modes with or without the type letter', () => {
    expect(symbolicToMode('drwxr-xr-x')).toBe(0o755);
    expect(symbolicToMode('rw-r--r--')).toBe(0o644);
    expect(symbolicToMode('-rwsr-x---')).toBe(0o4750);
    expect(symbolicToMode('flags=x')).toBeNull();
  });

  it('round-trips octal and symbolic forms', () => {
    expect(modeToOctal(0o644)).toBe('644');
    expect(modeToOctal(0o4755)).toBe('4755');
    expect(octalToMode('0755')).toBe(0o755);
    expect(octalToMode('9')).toBeNull();
    expect(modeToSymbolic(0o754)).toBe('rwxr-xr--');
    expect(modeToSymbolic(0o1777)).toBe('rwxrwxrwt');
  });
});

describe('describePermissions', () => {
  it('shows Unix modes as ls prints them, without the type letter', () => {
    expect(describePermissions('rwxr-xr-x')).toEqual({ kind: 'unix', text: 'rwxr-xr-x' });
    expect(describePermissions('drwxr-x---')).toEqual({ kind: 'unix', text: 'rwxr-x---' });
  });

  it("reads pyftpdlib's MLSD perm facts for a folder as full access, letters in a fixed order", () => {
    expect(describePermissions('eldfmMTcp')).toEqual({ kind: 'facts', letters: ['l', 'e', 'c', 'm', 'd', 'p', 'f', 'M', 'T'], access: 'full' });
  });

  it('tells read-only and write-only fact sets apart', () => {
    expect(describePermissions('r')).toMatchObject({ kind: 'facts', access: 'read' });
    expect(describePermissions('el')).toMatchObject({ kind: 'facts', access: 'read' });
    expect(describePermissions('adfrw')).toMatchObject({ kind: 'facts', access: 'full' });
    expect(describePermissions('aw')).toMatchObject({ kind: 'facts', access: 'write' });
  });

  it('passes anything else through and ignores empty values', () => {
    expect(describePermissions('<DIR>')).toEqual({ kind: 'other', text: '<DIR>' });
    expect(describePermissions('')).toBeNull();
    expect(describePermissions(undefined)).toBeNull();
  });
});

describe('meansNoSiteChmod', () => {
  it('tells a server without SITE CHMOD from one change that failed', () => {
    expect(meansNoSiteChmod(502, 'Command not implemented')).toBe(true);
    expect(meansNoSiteChmod(500, "SITE CHMOD failed: 500 Unknown SITE command.")).toBe(true); // vsftpd
    expect(meansNoSiteChmod(500, "500 'SITE CHMOD' not understood")).toBe(true); // ProFTPD without mod_site
    // ftp-srv (the demo) answers any failed change this way, a read-only anonymous login's included.
    expect(meansNoSiteChmod(500, 'SITE CHMOD failed: 500 Syntax error')).toBe(false);
    expect(meansNoSiteChmod(550, 'Permission denied')).toBe(false);
    expect(meansNoSiteChmod(undefined, 'unknown')).toBe(false);
  });
});
