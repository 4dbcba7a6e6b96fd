// ProFTPD 1.3.8, unpacked from Debian's proftpd-core + proftpd-mod-crypto.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN, lookupAccount, TEST_PASSWORD, TEST_USER } from '../paths.ts';
import type { LaunchContext, LaunchPlan } from './context.ts';
import { sha512Crypt } from './context.ts';
import { createAnonymousUploadDir } from './anonymous.ts';
import { UnsupportedServerOptionError } from '../types.ts';

/** Writes proftpd.conf plus passwd/group files and returns how to run it (as root). */
export async function planProftpd(ctx: LaunchContext): Promise<LaunchPlan> {
  const { options: o, ports, workDir, root, owner } = ctx;
  if (o.utf8 === false) {
    // FEAT always lists UTF8, and Debian builds without NLS, so mod_lang's
    // UseUTF8 directive (the switch) does not exist.
    throw new UnsupportedServerOptionError('proftpd', 'always lists UTF8 in FEAT (UseUTF8 missing: built without NLS)');
  }
  const hash = await sha512Crypt(TEST_PASSWORD);
  const anon = lookupAccount('ftp') ?? { uid: 65534, gid: 65534 };
  // Virtual users: mod_auth_file only, so system accounts and PAM stay out of it.
  const passwd = [`${TEST_USER}:${hash}:${owner.uid}:${owner.gid}::${root}:/bin/sh`];
  const group = [`ftpdeck:x:${owner.gid}:`, `ftpanon:x:${anon.gid}:`];
  if (o.anonymous) passwd.push(`ftp:*:${anon.uid}:${anon.gid}::${root}:/bin/false`);
  const passwdPath = join(workDir, 'passwd');
  const groupPath = join(workDir, 'group');
  await writeFile(passwdPath, `${passwd.join('\n')}\n`, { mode: 0o600 });
  await writeFile(groupPath, `${group.join('\n')}\n`, { mode: 0o644 });

  const lines: string[] = [
    'ServerName "ftpdeck-test"',
    'ServerType standalone',
    'DefaultAddress 127.0.0.1',
    'SocketBindTight on',
    `Port ${ports.control}`,
    `PassivePorts ${ports.passive[0]} ${ports.passive[1]}`,
    `PidFile ${join(workDir, 'proftpd.pid')}`,
    `ScoreboardFile ${join(workDir, 'proftpd.scoreboard')}`,
    'User nobody',
    'Group nogroup',
    'Umask 022',
    'DefaultRoot ~',
    'RequireValidShell off',
    'UseReverseDNS off',
    // mod_ident is not loaded, so there is no IdentLookups directive to turn off.
    'WtmpLog off',
    'TransferLog none',
    'DelayEngine off',
    'MaxInstances 100',
    'AuthOrder mod_auth_file.c',
    `AuthUserFile ${passwdPath}`,
    `AuthGroupFile ${groupPath}`,
    'AllowOverwrite on',
    // Off by default in ProFTPD: REST before STOR (resumed uploads) would get 501.
    'AllowStoreRestart on',
    '<Limit SITE_CHMOD>',
    '  AllowAll',
    '</Limit>',
  ];
  // Lets tests see a genuine 227: the client's EPSV is refused, so it falls back to PASV.
  if (o.denyEpsv) lines.push('<Limit EPSV>', '  DenyAll', '</Limit>');
  // Refused with "530 Sorry, the maximum number of clients (N) for this user are already connected."
  if (o.maxConnections !== undefined) lines.push(`MaxClientsPerUser ${o.maxConnections}`);
  // FEAT without MLST, so clients list with LIST (MLSD itself still answers).
  if (o.mlst === false) lines.push('FactsAdvertise off');
  // LIST in the zone's local time; MDTM and MLSD stay UTC whatever this says.
  if (o.timezone !== undefined) lines.push('TimesGMT off');
  // mod_tls (proftpd-mod-crypto) and mod_digest are DSOs, unpacked next to
  // proftpd-core; mod_digest's `DigestEngine` is on once it is loaded.
  const modules = [o.tls !== 'none' ? 'mod_tls.c' : '', o.digest ? 'mod_digest.c' : ''].filter((m) => m !== '');
  if (modules.length > 0) lines.push(`ModulePath ${BIN.proftpdModules}`, ...modules.map((m) => `LoadModule ${m}`));
  // By default mod_digest answers from a cache: in a review, a same-size
  // file stored twice within one second got the first one's digest. Off,
  // every answer is computed.
  if (o.digest) lines.push('DigestCache off');

  const tlsReuseRequired = o.tls !== 'none' && o.requireTlsReuse !== false;
  if (o.tls !== 'none') {
    const cert = ctx.cert!; // startFtpServer creates it whenever tls != none
    const tlsOptions = ['AllowClientRenegotiations'];
    if (!tlsReuseRequired) tlsOptions.push('NoSessionReuseRequired');
    if (o.tls === 'implicit') tlsOptions.push('UseImplicitSSL');
    lines.push(
      'TLSEngine on',
      `TLSLog ${join(workDir, 'tls.log')}`,
      `TLSRSACertificateFile ${cert.certPath}`,
      `TLSRSACertificateKeyFile ${cert.keyPath}`,
      `TLSProtocol ${o.tlsVersion ?? 'TLSv1.2 TLSv1.3'}`,
      `TLSRequired ${o.requireTls ? 'on' : 'off'}`,
      'TLSVerifyClient off',
      `TLSOptions ${tlsOptions.join(' ')}`,
    );
  }

  let anonymousUploadDir: string | undefined;
  if (o.anonymous) {
    anonymousUploadDir = await createAnonymousUploadDir(root);
    lines.push(
      `<Anonymous ${root}>`,
      '  User ftp',
      '  Group ftpanon',
      '  UserAlias anonymous ftp',
      '  RequireValidShell off',
      '  <Limit WRITE>',
      '    DenyAll',
      '  </Limit>',
      `  <Directory ${join(root, anonymousUploadDir)}>`,
      '    <Limit WRITE>',
      '      AllowAll',
      '    </Limit>',
      '  </Directory>',
      '</Anonymous>',
    );
  }

  const configPath = join(workDir, 'proftpd.conf');
  await writeFile(configPath, `${lines.join('\n')}\n`, { mode: 0o600 });
  return {
    // -n: stay in the foreground; -q: quiet start-up banner.
    spawn: { command: BIN.proftpd, args: ['-n', '-q', '-c', configPath], ...(o.timezone !== undefined ? { env: { ...process.env, TZ: o.timezone } } : {}) },
    user: TEST_USER,
    password: TEST_PASSWORD,
    tlsReuseRequired,
    anonymousUploadDir,
  };
}
