// ftp-srv 4.6.3 answers AUTH TLS with 234 and wraps the control socket in
// TLS only after the write callback has run. A fast client's ClientHello can
// arrive in between; ftp-srv then parses it as an FTP command and answers in
// plaintext, and the client fails with "wrong version number". Here the 234
// is written and the socket wrapped in the same tick, so no byte from the
// client can be read in between (the client sends its hello only after 234).
import { createRequire } from 'node:module';
import tls from 'node:tls';

const require = createRequire(import.meta.url);
// ftp-srv has no "exports" map, so its command registry can be reached directly.
/** @type {Record<string, { handler: Function }>} */
const registry = require('ftp-srv/src/commands/registry.js');

/**
 * Replaces ftp-srv's AUTH handler (once per process).
 * @returns {void}
 */
export function patchAuthTls() {
  const auth = registry.AUTH;
  // any: a marker property on ftp-srv's untyped CommonJS command object.
  if (!auth || /** @type {any} */ (auth).ftpdeckPatched) return;
  const original = auth.handler;
  /** @this {any} ftp-srv's Connection (untyped CommonJS) */
  // any: ftp-srv passes an untyped { log, command } object.
  auth.handler = function (/** @type {any} */ args) {
    const method = String(args?.command?.arg ?? '').toUpperCase();
    if (method !== 'TLS' || !this.server.options.tls || this.secure) return original.call(this, args);
    const plain = this.commandSocket;
    plain.write('234 AUTH TLS OK.\r\n');
    const secureSocket = new tls.TLSSocket(plain, {
      isServer: true,
      secureContext: tls.createSecureContext(this.server.options.tls),
    });
    // ftp-srv listens on the plain socket; forward the secure socket's events to it, as the original does.
    for (const event of ['data', 'timeout', 'end', 'close', 'drain', 'error']) {
      secureSocket.on(event, (/** @type {unknown[]} */ ...a) => plain.emit(event, ...a));
    }
    this.commandSocket = secureSocket;
    this.secure = true;
    return Promise.resolve();
  };
  /** @type {any} */ (auth).ftpdeckPatched = true;
}
