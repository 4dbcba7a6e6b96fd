import { execFile } from 'node:child_process';
import type { GeneratedCertificate } from '../certs.ts';
import { BIN } from '../paths.ts';
import type { PortBlock } from '../ports.ts';
import type { SpawnSpec } from '../processes.ts';
import type { FsOwner, FtpServerKind, StartFtpServerOptions } from '../types.ts';

/** Everything a server module needs to write its config. */
export interface LaunchContext {
  kind: FtpServerKind;
  options: StartFtpServerOptions & { tls: 'none' | 'explicit' | 'implicit' };
  /** Per-server temp dir (mode 0755, owned by us) for config, pid and log files. */
  workDir: string;
  /** Absolute folder the FTP user sees as '/'. */
  root: string;
  /** True when the root was made by startFtpServer (the demo fills it with its sample then). */
  rootIsFresh: boolean;
  ports: PortBlock;
  /** Present when tls is not 'none'. */
  cert?: GeneratedCertificate;
  /** Owner of the files the FTP user writes. */
  owner: FsOwner;
}

/** What a server module hands back: how to run it and how to log in. */
export interface LaunchPlan {
  spawn: SpawnSpec;
  user: string;
  password: string;
  tlsReuseRequired: boolean;
  /** FTP path where anonymous users may write (the module creates it). */
  anonymousUploadDir?: string;
}

const hashes = new Map<string, Promise<string>>();

/**
 * SHA-512 crypt ("$6$…") of `password`, via `openssl passwd -6`, memoised.
 * Cheap to verify at login, unlike yescrypt or argon2 (seconds per login).
 */
export function sha512Crypt(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    // On stdin rather than argv, so the password never shows in `ps`.
    hash = new Promise<string>((resolve, reject) => {
      const child = execFile(BIN.openssl, ['passwd', '-6', '-stdin'], { encoding: 'utf8' }, (err, stdout) =>
        err ? reject(err) : resolve(stdout.trim()),
      );
      child.stdin?.end(`${password}\n`);
    });
    hashes.set(password, hash);
  }
  return hash;
}
