#!/usr/bin/env node
// CLI of the demo FTP server:
//   node src/main.js [--host 127.0.0.1] [--port 2121] [--root DIR]
//                    [--pasv-min 2122 --pasv-max 2140] [--no-anonymous]
//                    [--tls explicit|implicit --cert FILE --key FILE [--require-tls]
//                     [--tls-version TLSv1.2|TLSv1.3]] [--no-sample]
// --root defaults to <repo>/.cache/demo-root; an empty or missing root gets a
// copy of ../sample unless --no-sample is given.
// The TLS flags exist for @ftpdeck/test-servers, which starts this file as a
// child process on random ports.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_PASV_RANGE, DEMO_PASSWORD, DEMO_USER, startDemoServer } from './index.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '2121' },
    root: { type: 'string' },
    'pasv-min': { type: 'string', default: String(DEFAULT_PASV_RANGE[0]) },
    'pasv-max': { type: 'string', default: String(DEFAULT_PASV_RANGE[1]) },
    'no-anonymous': { type: 'boolean', default: false },
    tls: { type: 'string', default: 'none' },
    cert: { type: 'string' },
    key: { type: 'string' },
    'require-tls': { type: 'boolean', default: false },
    'tls-version': { type: 'string' },
    'no-sample': { type: 'boolean', default: false },
  },
  strict: true,
});

/**
 * @param {string} name
 * @param {string | undefined} text
 * @returns {number}
 */
function port(name, text) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`demo-ftp: --${name} must be a port number, got ${text}`);
    process.exit(2);
  }
  return n;
}

/**
 * @param {string | undefined} v
 * @returns {'TLSv1.2' | 'TLSv1.3' | undefined}
 */
function tlsVersion(v) {
  if (v === undefined || v === 'TLSv1.2' || v === 'TLSv1.3') return v;
  console.error(`demo-ftp: --tls-version must be TLSv1.2 or TLSv1.3, got ${v}`);
  process.exit(2);
}

const tls = values.tls;
if (tls !== 'none' && tls !== 'explicit' && tls !== 'implicit') {
  console.error(`demo-ftp: --tls must be none, explicit or implicit, got ${tls}`);
  process.exit(2);
}

/** @type {Awaited<ReturnType<typeof startDemoServer>>} */
let server;
try {
  server = await startDemoServer({
    host: values.host,
    port: port('port', values.port),
    root: values.root,
    pasvRange: [port('pasv-min', values['pasv-min']), port('pasv-max', values['pasv-max'])],
    anonymous: !values['no-anonymous'],
    tls,
    cert: values.cert ? readFileSync(values.cert) : undefined,
    key: values.key ? readFileSync(values.key) : undefined,
    requireTls: values['require-tls'],
    tlsVersion: tlsVersion(values['tls-version']),
    sample: !values['no-sample'],
  });
} catch (err) {
  // One line, not a stack trace: the usual cause is a demo still running from before.
  const e = /** @type {NodeJS.ErrnoException} */ (err);
  const why = e.code === 'EADDRINUSE' ? 'the port is in use (is another demo FTP server still running?)' : e.message;
  console.error(`demo-ftp: cannot listen on ${values.host}:${values.port}: ${why}`);
  process.exit(1);
}

console.log(`demo FTP server on ${server.url} (user ${DEMO_USER}, password ${DEMO_PASSWORD})`);

let stopping = false;
// ftp-srv registers its own SIGINT/SIGTERM handler too (close, then exit 0);
// ours makes the stop explicit and exits even if that one changes.
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
