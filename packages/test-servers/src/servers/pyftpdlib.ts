// pyftpdlib 1.5.7 (Debian python3-pyftpdlib) through a small wrapper script.
import { chown, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, isRoot, TEST_PASSWORD, TEST_USER } from '../paths.ts';
import { UnsupportedServerOptionError } from '../types.ts';
import type { LaunchContext, LaunchPlan } from './context.ts';
import { createAnonymousUploadDir } from './anonymous.ts';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'pyftpdlib_server.py');

/** Writes the JSON config and returns how to run pyftpdlib (as the test user when we are root). */
export async function planPyftpdlib(ctx: LaunchContext): Promise<LaunchPlan> {
  const { options: o, ports, workDir, root, owner } = ctx;
  if (o.tls === 'implicit') {
    throw new UnsupportedServerOptionError('pyftpdlib', 'pyftpdlib 1.5.7 has explicit TLS (AUTH TLS) only');
  }
  if (o.requireTlsReuse === true) {
    throw new UnsupportedServerOptionError('pyftpdlib', 'cannot require TLS session reuse on data connections');
  }
  const uploadDir = o.anonymous ? await createAnonymousUploadDir(root) : undefined;
  const config = {
    port: ports.control,
    passive: ports.passive,
    root,
    user: TEST_USER,
    password: TEST_PASSWORD,
    anonymous: Boolean(o.anonymous),
    upload_dir: uploadDir ? join(root, uploadDir) : null,
    tls: o.tls,
    cert: ctx.cert?.certPath ?? null,
    key: ctx.cert?.keyPath ?? null,
    require_tls: Boolean(o.requireTls),
    tls_version: o.tlsVersion ?? null,
    utf8: o.utf8 ?? null,
    // Local times need use_gmt_times=False, which turns LIST, MDTM and MLSD local alike.
    local_times: o.timezone !== undefined,
    mlst: o.mlst ?? null,
  };
  const configPath = join(workDir, 'pyftpdlib.json');
  await writeFile(configPath, JSON.stringify(config, null, 2));
  // Runs as the test user, so uploads get the same owner as on the other
  // servers and permission errors are real; it must read its key then.
  if (isRoot() && ctx.cert) await chown(ctx.cert.keyPath, owner.uid, owner.gid);
  return {
    spawn: {
      command: BIN.python,
      // -u: unbuffered, so start-up errors reach our output buffer at once.
      args: ['-u', SCRIPT, configPath],
      ...(isRoot() ? { uid: owner.uid, gid: owner.gid } : {}),
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...(o.timezone !== undefined ? { TZ: o.timezone } : {}) },
      cwd: workDir,
    },
    user: TEST_USER,
    password: TEST_PASSWORD,
    tlsReuseRequired: false,
    anonymousUploadDir: uploadDir,
  };
}
