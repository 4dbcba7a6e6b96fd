// ConnectParams.serverTimezone: 'auto' or whole minutes east of UTC within ±15 h.
import { describe, expect, it } from 'vitest';
import { ConnectParams } from './dto.ts';

const base = { host: 'ftp.example.com' };

describe('ConnectParams.serverTimezone', () => {
  it.each(['auto', 480, -210, 0, 900, -900] as const)('accepts %s', (serverTimezone) => {
    expect(ConnectParams.parse({ ...base, serverTimezone }).serverTimezone).toBe(serverTimezone);
  });

  it('stays absent when not given', () => {
    expect(ConnectParams.parse(base)).not.toHaveProperty('serverTimezone');
  });

  it.each([1000, -901, 1.5, 'x', '480', null])('refuses %s', (serverTimezone) => {
    expect(ConnectParams.safeParse({ ...base, serverTimezone }).success).toBe(false);
  });
});
