// ftp-srv logs through a bunyan-style object and, by default, prints JSON
// lines at info level. The demo prints warnings and errors only, as one
// readable line each.

/** @typedef {{ child: (fields?: object) => Logger, trace: LogFn, debug: LogFn, info: LogFn, warn: LogFn, error: LogFn }} Logger */
/** @typedef {(...args: unknown[]) => void} LogFn */

const noop = () => undefined;

/**
 * @param {string} level
 * @returns {LogFn}
 */
function printer(level) {
  return (...args) => {
    const text = args
      .map((a) => (a instanceof Error ? a.message : typeof a === 'object' ? '' : String(a)))
      .filter(Boolean)
      .join(' ');
    // Clients that drop a connection mid-command are routine for an FTP server.
    if (/ECONNRESET|EPIPE|socket has been ended/i.test(text)) return;
    console.error(`demo-ftp ${level}: ${text}`);
  };
}

/**
 * A logger shaped like the subset of bunyan that ftp-srv calls.
 * @returns {Logger}
 */
export function createQuietLogger() {
  /** @type {Logger} */
  const logger = {
    child: () => logger,
    trace: noop,
    debug: noop,
    info: noop,
    warn: printer('warn'),
    error: process.env.FTPDECK_DEMO_VERBOSE ? printer('error') : noop,
  };
  return logger;
}
