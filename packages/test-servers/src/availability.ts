import { existsSync } from 'node:fs';
import { BIN, isRoot, lookupAccount, TEST_USER } from './paths.ts';
import { ALL_SERVER_KINDS } from './types.ts';
import type { FtpServerKind } from './types.ts';

/** Why a kind cannot run here, or undefined when it can. */
export function whyUnavailable(kind: FtpServerKind): string | undefined {
  const needRoot = 'needs root (it chroots and switches to the test user)';
  switch (kind) {
    case 'vsftpd':
      if (!existsSync(BIN.vsftpd)) return `${BIN.vsftpd} is missing`;
      if (!lookupAccount(TEST_USER)) return `system user ${TEST_USER} is missing`;
      return isRoot() ? undefined : needRoot;
    case 'proftpd':
      if (!existsSync(BIN.proftpd)) return `${BIN.proftpd} is missing`;
      if (!existsSync(`${BIN.proftpdModules}/mod_tls.so`)) return 'mod_tls.so (proftpd-mod-crypto) is missing';
      return isRoot() ? undefined : needRoot;
    case 'pure-ftpd':
      if (!existsSync(BIN.pureFtpd) || !existsSync(BIN.purePw)) return `${BIN.pureFtpd} or pure-pw is missing`;
      return isRoot() ? undefined : needRoot;
    case 'pyftpdlib':
      if (!existsSync(BIN.python) || !existsSync(BIN.pyftpdlibDir)) return 'python3-pyftpdlib is missing';
      if (!existsSync(BIN.pyOpenSsl)) return 'python3-openssl is missing';
      return undefined;
    case 'demo':
      return existsSync(BIN.demoFtpSrv) ? undefined : 'ftp-srv is not installed in apps/demo-ftp (run pnpm install)';
  }
}

function isCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

/** The kinds that can start on this machine, in a stable order. */
export function availableServerKinds(): FtpServerKind[] {
  return ALL_SERVER_KINDS.filter((k) => whyUnavailable(k) === undefined);
}

/**
 * Throws when one of `kinds` cannot start here, naming the fix. Tests call it
 * under CI=true, where a missing server must fail rather than skip.
 */
export function requireServers(kinds: FtpServerKind[]): void {
  const missing = kinds.flatMap((k) => {
    const why = whyUnavailable(k);
    return why ? [`${k}: ${why}`] : [];
  });
  if (missing.length > 0) {
    throw new Error(`test FTP servers unavailable:\n  ${missing.join('\n  ')}\nrun: node scripts/ensure-test-deps.mjs (as root)`);
  }
}

/**
 * The kinds a test file should run against: every kind when CI=true (so a
 * missing one fails loudly), otherwise only the installed ones.
 */
export function serverKindsForTests(kinds: readonly FtpServerKind[] = ALL_SERVER_KINDS): FtpServerKind[] {
  if (isCi()) {
    requireServers([...kinds]);
    return [...kinds];
  }
  const available = new Set(availableServerKinds());
  return kinds.filter((k) => available.has(k));
}
