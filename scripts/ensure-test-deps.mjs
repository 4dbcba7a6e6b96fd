#!/usr/bin/env node
// Makes sure the real FTP servers and Chromium that the tests use are present.
// Node built-ins only: it runs before the workspace's dependencies matter.
//
// Fast path (everything present): one dpkg-query call plus a few stat()s,
// no output. Otherwise, as root, it installs what is missing and prints one
// line per action; not as root, it prints what is missing and how to fix it.
// With CI=true anything missing is a failure (exit 1), never a silent skip.
//
// Why ProFTPD and Pure-FTPd are unpacked instead of installed: vsftpd,
// proftpd-core and pure-ftpd all "Conflict: ftp-server" in apt, so only one
// can be installed. The other two run from <repo>/.cache/ftp-servers/<name>.
// See docs/testing.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(repoRoot, '.cache', 'ftp-servers');

/** The system account vsftpd logs in as; the other servers map their virtual user onto it. */
const TEST_USER = 'ftpdeck';
const TEST_PASSWORD = 'ftpdeck';

const chromiumPath = process.env.FTPDECK_CHROMIUM || '/usr/bin/chromium';
const isCi = process.env.CI === 'true' || process.env.CI === '1';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

// Shared libraries of the unpacked servers: apt does not know it must keep
// them, because the servers themselves are not installed through it.
const unpackedLibs = [
  'libhiredis0.14',
  'libmemcached11',
  'libmemcachedutil2',
  'libsodium23',
  'libpcre2-posix3',
  'libidn2-0',
  'libacl1',
];
// python3-openssl: pyftpdlib's TLS_FTPHandler needs pyOpenSSL.
// fonts-wqy-microhei: a small CJK font, so the Chinese UI's screenshots show
// glyphs instead of empty boxes (the tests read the DOM either way).
const aptPackages = ['vsftpd', 'python3-pyftpdlib', 'python3-openssl', 'openssl', 'fonts-wqy-microhei', ...unpackedLibs];

/**
 * Servers unpacked from .deb files. `debs` are unpacked in order into one
 * folder (mod_tls lives in proftpd-mod-crypto, not in proftpd-core).
 */
const unpacked = [
  { name: 'proftpd', debs: ['proftpd-core', 'proftpd-mod-crypto'], probe: ['usr/sbin/proftpd', 'usr/lib/proftpd/mod_tls.so'] },
  { name: 'pure-ftpd', debs: ['pure-ftpd'], probe: ['usr/sbin/pure-ftpd', 'usr/bin/pure-pw'] },
];

/** @param {string} msg */
function say(msg) {
  console.log(`ensure-test-deps: ${msg}`);
}

/**
 * Runs a command, inheriting stderr; exits the script when it fails.
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [opts]
 */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    ...opts,
  });
  if (r.error || r.status !== 0) {
    console.error(`ensure-test-deps: failed: ${cmd} ${args.join(' ')}${r.error ? ` (${r.error.message})` : ''}`);
    process.exit(1);
  }
  return r;
}

/** @returns {Set<string>} the apt packages from `aptPackages` (plus chromium) that are not installed. */
function missingAptPackages() {
  const wanted = [...aptPackages];
  if (!existsSync(chromiumPath) && !process.env.FTPDECK_CHROMIUM) wanted.push('chromium');
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...wanted], { encoding: 'utf8' });
  const installed = new Set();
  for (const line of (r.stdout ?? '').split('\n')) {
    const [pkg, status] = line.split(' ');
    if (pkg && status === 'installed') installed.add(pkg.replace(/:.*$/, ''));
  }
  return new Set(wanted.filter((p) => !installed.has(p)));
}

/** @param {{name: string, probe: string[]}} s */
function isUnpacked(s) {
  return s.probe.every((p) => existsSync(join(cacheDir, s.name, p)));
}

/** @returns {{exists: boolean, home?: string}} */
function testUserInfo() {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${TEST_USER}:`));
  if (!line) return { exists: false };
  return { exists: true, home: line.split(':')[5] };
}

/** True when the test user's password is a SHA-512 crypt hash (cheap to check at login). Root only. */
function hasCheapPasswordHash() {
  const line = readFileSync('/etc/shadow', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${TEST_USER}:`));
  return Boolean(line && line.split(':')[1]?.startsWith('$6$'));
}

let aptUpdated = false;
function aptUpdateOnce() {
  if (aptUpdated) return;
  say('apt-get update');
  run('apt-get', ['update', '-qq']);
  aptUpdated = true;
}

const problems = [];
const fixes = new Set();

const missingApt = missingAptPackages();
if (missingApt.size > 0) {
  if (isRoot) {
    aptUpdateOnce();
    say(`apt-get install -y ${[...missingApt].join(' ')}`);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missingApt]);
  } else {
    problems.push(`apt packages not installed: ${[...missingApt].join(' ')}`);
    fixes.add(`sudo apt-get install -y ${[...missingApt].join(' ')}`);
  }
}
if (!existsSync(chromiumPath) && process.env.FTPDECK_CHROMIUM) {
  problems.push(`FTPDECK_CHROMIUM=${chromiumPath} does not exist`);
  fixes.add('point FTPDECK_CHROMIUM at a Chromium binary, or unset it to use /usr/bin/chromium');
}

for (const server of unpacked) {
  if (isUnpacked(server)) continue;
  if (!isRoot) {
    problems.push(`${server.name} is not unpacked in ${join(cacheDir, server.name)}`);
    fixes.add(`sudo node ${join('scripts', 'ensure-test-deps.mjs')}`);
    continue;
  }
  const debDir = join(cacheDir, 'debs');
  const target = join(cacheDir, server.name);
  mkdirSync(debDir, { recursive: true });
  rmSync(target, { recursive: true, force: true });
  aptUpdateOnce();
  for (const deb of server.debs) {
    say(`apt-get download ${deb}, dpkg-deb -x into ${target}`);
    // Old downloads of the same package would make the glob below ambiguous.
    for (const f of readdirSync(debDir)) if (f.startsWith(`${deb}_`)) rmSync(join(debDir, f));
    // The sandbox user _apt cannot write into the repo's cache folder; root may.
    run('apt-get', ['download', '-qq', '-o', 'APT::Sandbox::User=root', deb], { cwd: debDir });
    const file = readdirSync(debDir).find((f) => f.startsWith(`${deb}_`) && f.endsWith('.deb'));
    if (!file) {
      console.error(`ensure-test-deps: apt-get download ${deb} produced no .deb`);
      process.exit(1);
    }
    run('dpkg-deb', ['-x', join(debDir, file), target]);
  }
}

const user = testUserInfo();
if (!user.exists) {
  if (isRoot) {
    say(`useradd ${TEST_USER} (home /home/${TEST_USER})`);
    // /bin/sh: Debian's PAM stack for vsftpd (pam_shells) rejects shells missing from /etc/shells.
    run('useradd', ['--create-home', '--home-dir', `/home/${TEST_USER}`, '--shell', '/bin/sh', TEST_USER]);
  } else {
    problems.push(`system user ${TEST_USER} (needed by vsftpd) does not exist`);
    fixes.add(`sudo node ${join('scripts', 'ensure-test-deps.mjs')}`);
  }
} else if (isRoot && user.home && !existsSync(user.home)) {
  say(`mkdir ${user.home}`);
  run('install', ['-d', '-o', TEST_USER, '-g', TEST_USER, user.home]);
}
if (isRoot && !hasCheapPasswordHash()) {
  // yescrypt (Debian's default) costs tens of ms per login; SHA-512 crypt is cheap.
  say(`chpasswd -c SHA512 for ${TEST_USER}`);
  run('chpasswd', ['-c', 'SHA512'], { input: `${TEST_USER}:${TEST_PASSWORD}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
}

if (!isRoot) {
  // vsftpd, ProFTPD and Pure-FTPd chroot and switch users: they only start as root.
  problems.push('not running as root: vsftpd, ProFTPD and Pure-FTPd can only be started by root');
  fixes.add('run the tests as root (CI does), or accept that those servers are skipped');
}

if (problems.length > 0) {
  for (const p of problems) console.error(`ensure-test-deps: missing: ${p}`);
  for (const f of fixes) console.error(`ensure-test-deps: fix with: ${f}`);
  if (isCi) {
    console.error('ensure-test-deps: CI=true, so missing test dependencies are a failure');
    process.exit(1);
  }
  console.error('ensure-test-deps: tests that need the missing parts will be skipped (CI=true makes them fail)');
}
