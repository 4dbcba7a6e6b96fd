/**
 * ProFTPD with mod_digest (HASH, XMD5, XSHA1, XSHA256, XCRC), for the
 * verification tests. @ftpdeck/test-servers starts ProFTPD without it, so
 * this starts a normal one, copies its generated configuration (users,
 * root, passive range), adds mod_digest, and runs a second daemon on a free
 * control port, sharing the first one's root and (idle) passive range.
 * TODO(lead): a `digest: true` option in test-servers would replace this file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT, startFtpServer, type RunningFtpServer } from '@ftpdeck/test-servers';

const PROFTPD = join(REPO_ROOT, '.cache', 'ftp-servers', 'proftpd', 'usr', 'sbin', 'proftpd');
const MODULES = join(REPO_ROOT, '.cache', 'ftp-servers', 'proftpd', 'usr', 'lib', 'proftpd');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForGreeting(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`proftpd exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('220'));
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('proftpd with mod_digest did not greet');
}

/** A ProFTPD with mod_digest; `stop()` ends both daemons. */
export async function startProftpdWithDigest(): Promise<RunningFtpServer> {
  const base = await startFtpServer('proftpd');
  const work = mkdtempSync(join(tmpdir(), 'ftpdeck-proftpd-digest-'));
  const port = await freePort();
  const conf = readFileSync(join(dirname(base.root), 'proftpd.conf'), 'utf8')
    .replace(/^Port .*$/m, `Port ${port}`)
    .replace(/^PidFile .*$/m, `PidFile ${join(work, 'proftpd.pid')}`)
    .replace(/^ScoreboardFile .*$/m, `ScoreboardFile ${join(work, 'proftpd.scoreboard')}`);
  const confPath = join(work, 'proftpd.conf');
  writeFileSync(confPath, `${conf}\nModulePath ${MODULES}\nLoadModule mod_digest.c\nDigestEngine on\n`, { mode: 0o600 });
  const child = spawn(PROFTPD, ['-n', '-q', '-c', confPath], { stdio: 'ignore', detached: true });
  child.unref();
  const stopChild = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((r) => child.once('exit', r));
      // Its own process group: session processes go with it.
      process.kill(-child.pid, 'SIGKILL');
      await exited;
    }
    rmSync(work, { recursive: true, force: true });
  };
  try {
    await waitForGreeting(port, child);
  } catch (err) {
    await stopChild();
    await base.stop();
    throw err;
  }
  return {
    ...base,
    port,
    async stop() {
      await stopChild();
      await base.stop();
    },
  };
}
