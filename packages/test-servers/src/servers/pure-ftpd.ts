// Pure-FTPd 1.0.50, unpacked from Debian's pure-ftpd package.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pinnedOpensslConf } from '../certs.ts';
import { BIN, TEST_PASSWORD, TEST_USER } from '../paths.ts';
import { UnsupportedServerOptionError } from '../types.ts';
import type { LaunchContext, LaunchPlan } from './context.ts';
import { sha512Crypt } from './context.ts';

const run = promisify(execFile);

/** Builds the puredb and returns how to run Pure-FTPd (as root). */
export async function planPureFtpd(ctx: LaunchContext): Promise<LaunchPlan> {
  const { options: o, ports, workDir, root, owner } = ctx;
  if (o.tls === 'implicit') {
    throw new UnsupportedServerOptionError('pure-ftpd', 'implicit TLS is a compile-time option that Debian does not enable');
  }
  if (o.anonymous) {
    throw new UnsupportedServerOptionError('pure-ftpd', "anonymous users get the 'ftp' system account's home, not a test root");
  }
  if (o.requireTlsReuse === true) {
    throw new UnsupportedServerOptionError('pure-ftpd', 'cannot require TLS session reuse on data connections');
  }
  if (o.utf8 === false) {
    throw new UnsupportedServerOptionError('pure-ftpd', 'always lists UTF8 in FEAT (no switch in the Debian build)');
  }

  // pure-pw hashes with argon2id (seconds per login); write a SHA-512 crypt
  // line ourselves. Fields: user:hash:uid:gid:gecos:home, then 12 empty
  // limits. "/./" ends the chroot at the root.
  const hash = await sha512Crypt(TEST_PASSWORD);
  const passwdPath = join(workDir, 'pureftpd.passwd');
  const pdbPath = join(workDir, 'pureftpd.pdb');
  await writeFile(
    passwdPath,
    `${TEST_USER}:${hash}:${owner.uid}:${owner.gid}::${root}/./${':'.repeat(12)}\n`,
    { mode: 0o600 },
  );
  await run(BIN.purePw, ['mkdb', pdbPath, '-f', passwdPath]);

  const args = [
    '-S', `127.0.0.1,${ports.control}`,
    '-4', // IPv4 only
    '-H', // no reverse DNS
    '-A', // chroot everyone
    '-E', // no anonymous logins
    '-c', '100', // max clients
    '-C', '100', // max clients per IP: every test connects from 127.0.0.1
    '-U', '133:022', // umask files:dirs → 0644 / 0755
    '-p', `${ports.passive[0]}:${ports.passive[1]}`,
    '-l', `puredb:${pdbPath}`,
  ];
  const env: NodeJS.ProcessEnv = { ...process.env };
  // LIST is local time; MDTM and MLSD stay UTC.
  if (o.timezone !== undefined) env.TZ = o.timezone;
  if (o.tls !== 'none') {
    const cert = ctx.cert!; // startFtpServer creates it whenever tls != none
    // -Y 1: TLS allowed; -Y 3: TLS required on control and data connections.
    args.push('-Y', o.requireTls ? '3' : '1', '-2', `${cert.certPath},${cert.keyPath}`);
    if (o.tlsVersion) {
      const conf = join(workDir, 'openssl.cnf');
      await writeFile(conf, pinnedOpensslConf(o.tlsVersion));
      env.OPENSSL_CONF = conf;
    }
  }
  return {
    spawn: { command: BIN.pureFtpd, args, env },
    user: TEST_USER,
    password: TEST_PASSWORD,
    tlsReuseRequired: false,
  };
}
