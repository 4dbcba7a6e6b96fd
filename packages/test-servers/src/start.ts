// startFtpServer: temp dirs, ports, certificate, config, process, greeting.
import { statSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCertificate } from './certs.ts';
import { isRoot, testUserOwner } from './paths.ts';
import { allocatePortBlock } from './ports.ts';
import type { ServerProcess } from './processes.ts';
import { sessionChildren, spawnServer } from './processes.ts';
import { waitForGreeting } from './ready.ts';
import { requireServers } from './availability.ts';
import { chownTree } from './tree.ts';
import type { LaunchContext, LaunchPlan } from './servers/context.ts';
import { planDemo } from './servers/demo.ts';
import { planProftpd } from './servers/proftpd.ts';
import { planPureFtpd } from './servers/pure-ftpd.ts';
import { planPyftpdlib } from './servers/pyftpdlib.ts';
import { planVsftpd } from './servers/vsftpd.ts';
import { UnsupportedServerOptionError, type FsOwner, type FtpServerKind, type RunningFtpServer, type StartFtpServerOptions } from './types.ts';

const planners: Record<FtpServerKind, (ctx: LaunchContext) => Promise<LaunchPlan>> = {
  vsftpd: planVsftpd,
  proftpd: planProftpd,
  'pure-ftpd': planPureFtpd,
  pyftpdlib: planPyftpdlib,
  demo: planDemo,
};

/**
 * Waits (at most 5 s) until the server has no session process left: every
 * one, the greeting probe's included, has exited and been reaped.
 */
async function sessionsReaped(pgid: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (sessionChildren(pgid).length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The `timezone` option must name a zone file the C library can load
 * (Debian's tzdata); the demo (Node, ftp-srv) prints UTC whatever TZ says.
 */
function checkTimezone(kind: FtpServerKind, zone: string): void {
  if (kind === 'demo') throw new UnsupportedServerOptionError(kind, 'ftp-srv lists times in UTC whatever TZ says');
  if (!/^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) throw new UnsupportedServerOptionError(kind, `not an IANA zone name: ${zone}`);
  // A file: `America` is a directory of zones, and TZ=America would silently mean UTC.
  if (!statSync(join(ZONEINFO_DIR, zone), { throwIfNoEntry: false })?.isFile()) {
    throw new UnsupportedServerOptionError(kind, `no zone file ${join(ZONEINFO_DIR, zone)} (is Debian's tzdata installed?)`);
  }
}

/** Where Debian's tzdata puts the zone files. */
const ZONEINFO_DIR = '/usr/share/zoneinfo';

/** The demo runs as our own user; every other server maps the login to the test account. */
function ownerFor(kind: FtpServerKind): FsOwner {
  if (kind === 'demo') return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
  return testUserOwner();
}

/**
 * Starts a real FTP server on 127.0.0.1 with a random free control port and
 * its own passive range, and resolves once it has sent its 220 greeting.
 * Throws UnsupportedServerOptionError for options the kind cannot honour,
 * ServerStartError (with the server's output) when it fails to start within 10 s.
 */
export async function startFtpServer(kind: FtpServerKind, options: StartFtpServerOptions = {}): Promise<RunningFtpServer> {
  requireServers([kind]);
  if (options.denyEpsv && kind !== 'proftpd') {
    throw new UnsupportedServerOptionError(kind, 'cannot refuse EPSV on its own (only ProFTPD can, with <Limit EPSV>)');
  }
  if (options.maxConnections !== undefined && kind !== 'vsftpd' && kind !== 'proftpd') {
    throw new UnsupportedServerOptionError(kind, 'no connection limit is set up for this kind (vsftpd and ProFTPD have one)');
  }
  if (options.timezone !== undefined) checkTimezone(kind, options.timezone);
  if (options.mlst === false && (kind === 'pure-ftpd' || kind === 'demo')) {
    throw new UnsupportedServerOptionError(kind, 'always lists MLST in FEAT (no switch)');
  }
  if (options.digest && kind !== 'proftpd') {
    throw new UnsupportedServerOptionError(kind, 'has no hash command (only ProFTPD has one, with mod_digest)');
  }
  if (options.maxRate !== undefined && kind !== 'vsftpd') {
    throw new UnsupportedServerOptionError(kind, 'no transfer rate limit is set up for this kind (only vsftpd has one)');
  }
  if (options.maxRate !== undefined && !(Number.isInteger(options.maxRate) && options.maxRate > 0)) {
    throw new UnsupportedServerOptionError(kind, `maxRate must be a positive whole number of bytes per second, not ${options.maxRate}`);
  }
  if (options.mlst === true && kind === 'vsftpd') {
    throw new UnsupportedServerOptionError(kind, 'has no MLST/MLSD');
  }
  const opts = { ...options, tls: options.tls ?? 'none' } as LaunchContext['options'];
  const owner = ownerFor(kind);
  const cleanup: string[] = [];
  const ports = await allocatePortBlock();
  let proc: ServerProcess | undefined;
  try {
    const workDir = await mkdtemp(join(tmpdir(), `ftpdeck-${kind}-`));
    cleanup.push(workDir);
    // Servers that chroot and then drop privileges must traverse it.
    await chmod(workDir, 0o755);

    const rootIsFresh = options.root === undefined;
    const root = rootIsFresh ? join(workDir, 'root') : resolve(options.root!);
    await mkdir(root, { mode: 0o755, recursive: !rootIsFresh });
    if (isRoot()) {
      if (rootIsFresh) await chown(root, owner.uid, owner.gid);
      else await chownTree(root, owner);
    }

    const cert = opts.tls === 'none' ? undefined : await createCertificate(workDir);
    const ctx: LaunchContext = { kind, options: opts, workDir, root, rootIsFresh, ports, cert, owner };
    const plan = await planners[kind](ctx);

    const started = Date.now();
    proc = spawnServer({ cwd: workDir, ...plan.spawn }, [...cleanup, ports.lockPath]);
    await waitForGreeting(kind, proc, ports.control, { implicitTls: opts.tls === 'implicit' });
    // vsftpd counts a connection against max_per_ip until it has reaped the
    // session's process, so the greeting probe's session could still hold
    // the only place when a test connects (a 421 under load).
    if (kind === 'vsftpd' && options.maxConnections !== undefined) await sessionsReaped(proc.pid);
    const startupMs = Date.now() - started;

    const running = proc;
    let stopped: Promise<void> | undefined;
    return {
      kind,
      host: '127.0.0.1',
      port: ports.control,
      user: plan.user,
      password: plan.password,
      root,
      passivePorts: ports.passive,
      certificate: cert ? { pem: cert.certPem, fingerprint256: cert.fingerprint256 } : undefined,
      tlsReuseRequired: plan.tlsReuseRequired,
      anonymousUploadDir: plan.anonymousUploadDir,
      fsOwner: owner,
      pid: running.pid,
      startupMs,
      stop() {
        stopped ??= (async () => {
          await running.kill();
          ports.release();
          // The work dir holds the fresh root; a caller's root is never removed.
          await Promise.all(cleanup.map((p) => rm(p, { recursive: true, force: true })));
        })();
        return stopped;
      },
    };
  } catch (err) {
    await proc?.kill();
    ports.release();
    await Promise.all(cleanup.map((p) => rm(p, { recursive: true, force: true })));
    throw err;
  }
}
