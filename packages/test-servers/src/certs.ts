// Self-signed certificates, made at run time with openssl; never committed.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BIN } from './paths.ts';

const run = promisify(execFile);

/** A certificate/key pair on disk. */
export interface GeneratedCertificate {
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
  /** SHA-256 fingerprint in Node's format (AA:BB:…), as `cert.fingerprint256`. */
  fingerprint256: string;
}

let sharedKey: Promise<string> | undefined;

/**
 * One RSA key per process: generating it costs 100–400 ms (prime search),
 * signing a certificate with it about 10 ms. Certificates stay per server,
 * so every server still has its own fingerprint.
 */
function processKey(): Promise<string> {
  sharedKey ??= run(BIN.openssl, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'], {
    encoding: 'utf8',
  }).then((r) => r.stdout);
  return sharedKey;
}

/**
 * Writes key.pem and a fresh self-signed cert.pem into `dir`: RSA 2048
 * (every server here loads it, ProFTPD's TLSRSACertificateFile included),
 * CN and subjectAltName IP 127.0.0.1, valid for 2 days, random serial.
 */
export async function createCertificate(dir: string): Promise<GeneratedCertificate> {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  const keyPem = await processKey();
  await writeFile(keyPath, keyPem, { mode: 0o600 });
  await run(BIN.openssl, [
    'req', '-x509', '-new', '-key', keyPath, '-out', certPath, '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
  ]);
  const certPem = await readFile(certPath, 'utf8');
  return { certPath, keyPath, certPem, keyPem, fingerprint256: new X509Certificate(certPem).fingerprint256 };
}

/**
 * An OpenSSL config that pins MinProtocol = MaxProtocol. Servers without a
 * version option of their own (vsftpd 3.0.3, Pure-FTPd) get it through the
 * OPENSSL_CONF environment variable.
 */
export function pinnedOpensslConf(version: 'TLSv1.2' | 'TLSv1.3'): string {
  return [
    'openssl_conf = openssl_init',
    '[openssl_init]',
    'ssl_conf = ssl_sect',
    '[ssl_sect]',
    'system_default = system_default_sect',
    '[system_default_sect]',
    `MinProtocol = ${version}`,
    `MaxProtocol = ${version}`,
    '',
  ].join('\n');
}
