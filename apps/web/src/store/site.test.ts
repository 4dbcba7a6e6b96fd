import { describe, expect, it } from 'vitest';
import { fromOtherSite, selectSite } from './selectors.ts';

describe('selectSite', () => {
  it('names the site of a session that is in, not one still signing in (Review 46), whatever the host name\'s case', () => {
    expect(selectSite({ server: { status: 'connected', host: 'FTP.Example.com', port: 2121, user: 'u' } })).toBe('u@ftp.example.com:2121');
    expect(selectSite({ server: { status: 'reconnecting', host: 'ftp.example.com', user: 'u' } })).toBe('u@ftp.example.com');
    // While connecting the server state names no user yet: no site, so no row reads as another site's.
    expect(selectSite({ server: { status: 'connecting', host: 'ftp.example.com', port: 21 } })).toBeUndefined();
    expect(selectSite({ server: { status: 'disconnected', host: 'ftp.example.com', user: 'u' } })).toBeUndefined();
  });

  it('tells a row of another site only when both sites are known', () => {
    expect(fromOtherSite({ site: 'u@a.example.com' }, 'u@b.example.com')).toBe(true);
    expect(fromOtherSite({ site: 'u@a.example.com' }, 'u@a.example.com')).toBe(false);
    expect(fromOtherSite({ site: 'u@a.example.com' }, undefined)).toBe(false);
    expect(fromOtherSite({}, 'u@b.example.com')).toBe(false);
  });
});
