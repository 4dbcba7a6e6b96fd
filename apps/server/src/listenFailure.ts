/**
 * Why the server could not listen, in one line that names the setting to
 * change. The address is checked for form at start (configValues.ts); what
 * only listen can find out (the port is taken, the name does not resolve,
 * the address is not one of this machine's) is told here.
 */

/** The message main.ts prints before exiting when `listen` fails. */
export function listenFailure(err: NodeJS.ErrnoException, host: string, port: number): string {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (err.code) {
    case 'EADDRINUSE':
      return `cannot listen on ${where}: the port is in use; pick another with --port / FTPDECK_PORT (0 picks a free one)`;
    case 'EACCES':
      return `cannot listen on ${where}: not allowed (ports below 1024 need privileges); pick another with --port / FTPDECK_PORT`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return `cannot listen on ${where}: the host name does not resolve; give an address of this machine with --host / FTPDECK_HOST`;
    case 'EADDRNOTAVAIL':
      return `cannot listen on ${where}: that address is not one of this machine's; change --host / FTPDECK_HOST`;
    default:
      return `cannot listen on ${where}: ${err.message}`;
  }
}
