// The demo FTP server: ftp-srv (an existing implementation from npm) serving a
// runtime copy of ../sample. Plain ESM JavaScript with JSDoc types, so that
// `node src/main.js` runs without a build step.
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import FtpSrvModule from 'ftp-srv';
import { drawDeckPng } from './png.js';
import { createQuietLogger } from './logger.js';
import { DemoFileSystem, ReadOnlyFileSystem } from './file-systems.js';
import { patchAuthTls } from './auth-tls-fix.js';

// ftp-srv is CommonJS; its module.exports carries both the class and FileSystem.
const { FtpSrv } = /** @type {{ FtpSrv: typeof import('ftp-srv').FtpSrv }} */ (FtpSrvModule);

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(appDir, '..', '..');

/** The sample tree that every runtime copy starts from. */
export const SAMPLE_DIR = join(appDir, 'sample');
/** Where `startDemoServer` serves from when no root is given (git-ignored). */
export const DEFAULT_DEMO_ROOT = join(repoRoot, '.cache', 'demo-root');
/** The demo account. */
export const DEMO_USER = 'demo';
/** The demo account's password. */
export const DEMO_PASSWORD = 'demo';
/** Passive ports of the CLI demo server: 2122–2140. */
export const DEFAULT_PASV_RANGE = /** @type {[number, number]} */ ([2122, 2140]);

/**
 * Copies the sample tree into `target` (and draws images/deck.png there)
 * when `target` is missing or empty. An existing, non-empty folder is left
 * alone, so uploads made in an earlier run survive a restart.
 * @param {string} target
 * @returns {Promise<boolean>} true when a copy was made
 */
export async function prepareDemoRoot(target) {
  if (existsSync(target) && (await readdir(target)).length > 0) return false;
  await mkdir(target, { recursive: true });
  await cp(SAMPLE_DIR, target, { recursive: true });
  await mkdir(join(target, 'images'), { recursive: true });
  await writeFile(join(target, 'images', 'deck.png'), drawDeckPng());
  return true;
}

/**
 * @typedef {object} DemoServerOptions
 * @property {string} [host] address to listen on (default 127.0.0.1)
 * @property {number} [port] control port (default 2121; 0 picks a free port)
 * @property {string} [root] folder to serve (default `<repo>/.cache/demo-root`); a sample copy is made there when missing
 * @property {[number, number]} [pasvRange] passive port range (default 2122–2140)
 * @property {boolean} [anonymous] allow read-only anonymous login (default true)
 * @property {'none' | 'explicit' | 'implicit'} [tls] FTPS mode (default none); needs `cert` and `key`
 * @property {string | Buffer} [cert] PEM certificate for TLS
 * @property {string | Buffer} [key] PEM private key for TLS
 * @property {boolean} [requireTls] refuse logins on a plaintext control connection
 * @property {'TLSv1.2' | 'TLSv1.3'} [tlsVersion] pin TLS to exactly this version
 * @property {boolean} [sample] copy the sample tree into an empty root (default true)
 */

/**
 * @typedef {object} DemoServer
 * @property {string} host
 * @property {number} port the port actually bound
 * @property {string} root the folder served as '/'
 * @property {string} url e.g. ftp://127.0.0.1:2121
 * @property {[number, number]} pasvRange
 * @property {() => Promise<void>} close stops listening and drops every connection
 */

/**
 * Starts ftp-srv with user demo/demo and, unless disabled, read-only anonymous access.
 * @param {DemoServerOptions} [options]
 * @returns {Promise<DemoServer>}
 */
export async function startDemoServer(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const root = resolve(options.root ?? DEFAULT_DEMO_ROOT);
  const pasvRange = options.pasvRange ?? DEFAULT_PASV_RANGE;
  const anonymous = options.anonymous ?? true;
  const tlsMode = options.tls ?? 'none';
  if (tlsMode !== 'none' && (!options.cert || !options.key)) {
    throw new Error(`demo-ftp: tls=${tlsMode} needs both cert and key`);
  }
  if (options.sample === false) await mkdir(root, { recursive: true });
  else await prepareDemoRoot(root);

  if (tlsMode === 'explicit') patchAuthTls();
  const scheme = tlsMode === 'implicit' ? 'ftps' : 'ftp';
  const server = new FtpSrv({
    url: `${scheme}://${host}:${options.port ?? 2121}`,
    pasv_url: host,
    pasv_min: pasvRange[0],
    pasv_max: pasvRange[1],
    anonymous,
    greeting: ['FTP Deck demo server (ftp-srv)'],
    tls:
      tlsMode === 'none'
        ? false
        : {
            cert: options.cert,
            key: options.key,
            ...(options.tlsVersion ? { minVersion: options.tlsVersion, maxVersion: options.tlsVersion } : {}),
          },
    log: createQuietLogger(),
  });
  // ftp-srv ends its greeting with "220 Features: a ." (its own code for "anonymous
  // allowed"), which reads as noise in the transcript a visitor's first look shows.
  // Its 4.6.3 keeps that line in `_features`, read at every connection.
  /** @type {any} ftp-srv's private field, untyped */ (server)._features = anonymous
    ? `Log in as ${DEMO_USER} (password ${DEMO_PASSWORD}), or as anonymous to read only`
    : `Log in as ${DEMO_USER} (password ${DEMO_PASSWORD})`;

  server.on('login', ({ connection, username, password }, accept, reject) => {
    if (options.requireTls && !connection.secure) {
      reject(new Error('TLS required: send AUTH TLS first'));
      return;
    }
    if (anonymous && username === 'anonymous') {
      accept({ fs: new ReadOnlyFileSystem(connection, { root, cwd: '/' }) });
      return;
    }
    if (username === DEMO_USER && password === DEMO_PASSWORD) {
      accept({ fs: new DemoFileSystem(connection, { root, cwd: '/' }) });
      return;
    }
    reject(new Error('Login incorrect'));
  });

  await server.listen();
  const address = /** @type {import('node:net').AddressInfo} */ (server.server.address());
  return {
    host,
    port: address.port,
    root,
    url: `${scheme}://${host}:${address.port}`,
    pasvRange,
    close: () => closeServer(server),
  };
}

/**
 * ftp-srv's close() waits on every client; we only need the listener gone
 * and the sockets destroyed.
 * @param {InstanceType<typeof FtpSrv>} server
 */
async function closeServer(server) {
  await server.close().catch(() => undefined);
}

/**
 * Deletes the runtime copy so the next start makes a fresh one.
 * @param {string} [root]
 */
export async function resetDemoRoot(root = DEFAULT_DEMO_ROOT) {
  await rm(root, { recursive: true, force: true });
}
