import { describe, expect, it } from 'vitest';
import { modeToOctal, modeToSymbolic, octalToMode, symbolicToMode } from './permissions.ts';

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
