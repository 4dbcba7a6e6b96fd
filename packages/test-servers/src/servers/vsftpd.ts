// vsftpd 3.0.3 (Debian package), standalone in the foreground.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pinnedOpensslConf } from '../certs.ts';
import { BIN, lookupAccount, TEST_PASSWORD, TEST_USER } from '../paths.ts';
import type { LaunchContext, LaunchPlan } from './context.ts';
import { createAnonymousUploadDir } from './anonymous.ts';

const yesNo = (b: boolean | undefined): string => (b ? 'YES' : 'NO');

/** Writes vsftpd.conf into the work dir and returns how to run it (as root). */
export async function planVsftpd(ctx: LaunchContext): Promise<LaunchPlan> {
  const { options: o, ports, workDir, root } = ctx;
  // vsftpd chroot()s into this before dropping privileges; it must exist,
  // be owned by root and not be writable by others.
  const emptyDir = join(workDir, 'empty');
  await mkdir(emptyDir, { mode: 0o755 });

  const lines: string[] = [
    'listen=YES',
    'listen_ipv6=NO',
    'background=NO',
    'listen_address=127.0.0.1',
    `listen_port=${ports.control}`,
    'pasv_enable=YES',
    `pasv_min_port=${ports.passive[0]}`,
    `pasv_max_port=${ports.passive[1]}`,
    'pasv_address=127.0.0.1',
    // Active mode: PORT/EPRT allowed, data connects from an ephemeral port, not 20.
    'port_enable=YES',
    'connect_from_port_20=NO',
    // The seccomp sandbox kills the session on syscalls newer kernels/libcs make.
    'seccomp_sandbox=NO',
    `secure_chroot_dir=${emptyDir}`,
    // Debian's PAM stack for vsftpd; the built-in default name "ftp" has no PAM file.
    'pam_service_name=vsftpd',
    'local_enable=YES',
    'write_enable=YES',
    'local_umask=022',
    'file_open_mode=0666',
    `local_root=${root}`,
    'chroot_local_user=YES',
    'allow_writeable_chroot=YES',
    'userlist_enable=NO',
    'xferlog_enable=NO',
    'dirmessage_enable=NO',
    'hide_ids=NO',
    'delay_failed_login=0',
    'max_clients=0',
    `max_per_ip=${o.maxConnections ?? 0}`,
    `utf8_filesystem=${yesNo(o.utf8)}`,
    // 0 is vsftpd's "no limit".
    `local_max_rate=${o.maxRate ?? 0}`,
    `anon_max_rate=${o.maxRate ?? 0}`,
  ];

  let anonymousUploadDir: string | undefined;
  if (o.anonymous) {
    const anonUser = lookupAccount('ftp') ? 'ftp' : 'nobody';
    anonymousUploadDir = await createAnonymousUploadDir(root);
    lines.push(
      'anonymous_enable=YES',
      `ftp_username=${anonUser}`,
      `anon_root=${root}`,
      'anon_upload_enable=YES',
      'anon_mkdir_write_enable=YES',
      'anon_other_write_enable=YES',
      'anon_umask=022',
    );
  } else {
    lines.push('anonymous_enable=NO');
  }

  const tlsReuseRequired = o.tls !== 'none' && o.requireTlsReuse !== false;
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (o.timezone !== undefined) {
    // vsftpd has no separate switch: MDTM and LIST both turn local.
    lines.push('use_localtime=YES');
    env.TZ = o.timezone;
  }
  if (o.tls === 'none') {
    lines.push('ssl_enable=NO');
  } else {
    const cert = ctx.cert!; // startFtpServer creates it whenever tls != none
    lines.push(
      'ssl_enable=YES',
      `implicit_ssl=${yesNo(o.tls === 'implicit')}`,
      `rsa_cert_file=${cert.certPath}`,
      `rsa_private_key_file=${cert.keyPath}`,
      // 3.0.3's built-in default is DES-CBC3-SHA, which OpenSSL 3 no longer offers.
      'ssl_ciphers=HIGH',
      'ssl_request_cert=NO',
      'ssl_sslv2=NO',
      'ssl_sslv3=NO',
      'ssl_tlsv1=YES',
      `require_ssl_reuse=${yesNo(tlsReuseRequired)}`,
      // With ssl_enable=YES these default to YES; make "optional TLS" really optional.
      `force_local_logins_ssl=${yesNo(o.requireTls)}`,
      `force_local_data_ssl=${yesNo(o.requireTls)}`,
      'allow_anon_ssl=YES',
      `force_anon_logins_ssl=${yesNo(o.requireTls)}`,
      `force_anon_data_ssl=${yesNo(o.requireTls)}`,
    );
    // vsftpd 3.0.3 only has ssl_sslv2/ssl_sslv3/ssl_tlsv1 switches, none for
    // 1.2 or 1.3: pin the version through OpenSSL's own configuration.
    if (o.tlsVersion) {
      const conf = join(workDir, 'openssl.cnf');
      await writeFile(conf, pinnedOpensslConf(o.tlsVersion));
      env.OPENSSL_CONF = conf;
    }
  }

  const configPath = join(workDir, 'vsftpd.conf');
  // vsftpd refuses a config that is not owned by root or is writable by others.
  await writeFile(configPath, `${lines.join('\n')}\n`, { mode: 0o600 });
  return {
    spawn: { command: BIN.vsftpd, args: [configPath], env },
    user: TEST_USER,
    password: TEST_PASSWORD,
    tlsReuseRequired,
    anonymousUploadDir,
  };
}
