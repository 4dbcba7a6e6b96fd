/** How the app names an FTP site: in the tab strip, the top bar, and on each transfer row (its `site`). */

/** `[user@]host[:port]`, the port only when it is not FTP's 21. */
export function siteAddress(host: string, port?: number, user?: string): string {
  return `${user ? `${user}@` : ''}${host}${port && port !== 21 ? `:${port}` : ''}`;
}
