// The demo server (ftp-srv) as a child process, via apps/demo-ftp/src/main.js.
import { BIN } from '../paths.ts';
import { UnsupportedServerOptionError } from '../types.ts';
import type { LaunchContext, LaunchPlan } from './context.ts';

/** Returns how to run the demo server on this context's ports. */
export async function planDemo(ctx: LaunchContext): Promise<LaunchPlan> {
  const { options: o, ports, root } = ctx;
  if (o.utf8 === false) {
    throw new UnsupportedServerOptionError('demo', 'ftp-srv always lists UTF8 in FEAT');
  }
  if (o.requireTlsReuse === true) {
    throw new UnsupportedServerOptionError('demo', 'ftp-srv cannot require TLS session reuse');
  }
  const args = [
    BIN.demoMain,
    '--host', '127.0.0.1',
    '--port', String(ports.control),
    '--root', root,
    '--pasv-min', String(ports.passive[0]),
    '--pasv-max', String(ports.passive[1]),
  ];
  // A root from the caller is served exactly as it is; a fresh one gets the sample tree.
  if (!ctx.rootIsFresh) args.push('--no-sample');
  if (!o.anonymous) args.push('--no-anonymous');
  if (o.tls !== 'none') {
    const cert = ctx.cert!; // startFtpServer creates it whenever tls != none
    args.push('--tls', o.tls, '--cert', cert.certPath, '--key', cert.keyPath);
    if (o.requireTls) args.push('--require-tls');
    if (o.tlsVersion) args.push('--tls-version', o.tlsVersion);
  }
  return {
    spawn: { command: process.execPath, args },
    user: 'demo',
    password: 'demo',
    tlsReuseRequired: false,
  };
}
