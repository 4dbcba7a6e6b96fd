/**
 * The logon sequence after the greeting:
 *
 *   [HOST] → [AUTH TLS | AUTH SSL] → USER → [PASS] → [ACCT] → [PBSZ 0, PROT P] → FEAT → [CLNT] → SYST
 *     → [SITE NAMEFMT 1] → [OPTS MLST] → [OPTS UTF8 ON] → TYPE I
 *
 * HOST (RFC 7151) comes first so the server can pick the virtual host's
 * certificate before the TLS handshake and its user database before USER.
 * ACCT answers a 332 from USER or PASS. CLNT goes before OPTS UTF8 ON
 * because some servers switch to UTF-8 only after it. With the
 * `knownFeatures` option, FEAT and SYST are left out: another connection
 * to the same server has already asked.
 *
 * TLS is all-or-nothing: a refused AUTH, PBSZ or PROT P fails the connect
 * with FTP_ERR_TLS_REFUSED before any credentials or data go out in clear.
 */
import net from 'node:net';
import type { ControlSession, Reply } from '../control/session.ts';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import type { ClientCore, ResolvedOptions } from './core.ts';
import { mlstOptsCommand, parseFeatReply } from './features.ts';
import { firstProblem, type Argument } from './guards.ts';
import type { NameCodec } from '../external.ts';
import type { ServerFeatures } from '../types.ts';

function tlsRefused(what: string, code: number, text: string): FtpError {
  return new FtpError(FtpErrorCodes.TLS_REFUSED, `The server refused ${what}; not continuing without TLS: ${text}`, { ftpCode: code, replyText: text });
}

/**
 * HOST replies that mean "this server has no HOST", after which the logon
 * goes on. 500/502 per RFC 7151; 530 because vsftpd and Pure-FTPd answer
 * every command they do not take before login with it (seen on both).
 */
const HOST_UNSUPPORTED = new Set([500, 502, 530]);

/**
 * AUTH TLS answers that mean "I do not know that mechanism name" (RFC 2228
 * §5: 504 "not implemented for that parameter"; 500/501/502 from servers
 * that predate it). Policy refusals (534, 431) and 4xx are final.
 */
const AUTH_NAME_UNKNOWN = new Set([500, 501, 502, 504]);

/**
 * AUTH TLS, or AUTH SSL when the server knows only the older name (servers
 * written to the drafts before RFC 4217; FileZilla falls back the same
 * way). Both lead to the same TLS handshake, verified the same way, so the
 * fallback changes a word, not the protection. Draft servers may accept
 * with 334 instead of 234.
 */
async function requestTls(core: ClientCore, s: ControlSession): Promise<void> {
  const tls = await s.request('AUTH TLS');
  if (tls.code === 234) return;
  if (!AUTH_NAME_UNKNOWN.has(tls.code)) throw tlsRefused('AUTH TLS', tls.code, tls.text);
  const ssl = await s.request('AUTH SSL');
  if (ssl.code !== 234 && ssl.code !== 334) throw tlsRefused('AUTH TLS and AUTH SSL', ssl.code, ssl.text);
  core.transcript.status(`The server does not know AUTH TLS (${tls.code}); it accepted AUTH SSL, which starts the same TLS handshake`, {
    type: 'fallback',
    from: 'AUTH TLS',
    to: 'AUTH SSL',
    reason: tls.text,
  });
}

/** Runs the whole sequence inside one control task. */
export async function logon(core: ClientCore, s: ControlSession): Promise<void> {
  const o = core.options;
  await selectVirtualHost(core, s);
  if (o.secure === 'explicit') {
    await requestTls(core, s);
    await s.upgradeTls(o.tls);
  }
  await authenticate(core, s);
  if (o.secure !== 'none') {
    const pbsz = await s.request('PBSZ 0');
    if (pbsz.code < 200 || pbsz.code >= 300) throw tlsRefused('PBSZ 0', pbsz.code, pbsz.text);
    const prot = await s.request('PROT P');
    if (prot.code < 200 || prot.code >= 300) throw tlsRefused('PROT P', prot.code, prot.text);
    core.state.protectData = true;
  }
  await learnFeatures(core, s);
  core.state.type = 'A';
  await core.ensureType(s, 'I');
}

/**
 * The first problem with the logon options, or undefined. connect() asks
 * before it dials, so a broken option never leaves a half-done exchange
 * behind; the checks are the call-time argument guards (guards.ts) plus
 * HOST's one-name rule. Messages name the option, never a secret's value.
 */
export function logonOptionProblem(o: ResolvedOptions, codec: NameCodec): FtpError | undefined {
  const args: Argument[] = [['user option', o.user], ['password option', o.password, true]];
  if (o.account !== undefined) args.push(['account option', o.account, true]);
  if (typeof o.virtualHost === 'string') args.push(['virtualHost option', o.virtualHost]);
  if (o.clientName !== false) args.push(['clientName option', o.clientName]);
  const bad = firstProblem(codec, args);
  if (bad) return bad;
  if (typeof o.virtualHost === 'string' && !/^\S+$/.test(o.virtualHost)) {
    return new FtpError(FtpErrorCodes.INVALID_ARGUMENT, 'The virtualHost option must be one host name, without spaces');
  }
  return undefined;
}

/** The name HOST will carry, or undefined when HOST is not sent. */
export function virtualHostName(o: Pick<ResolvedOptions, 'host' | 'virtualHost'>): string | undefined {
  if (typeof o.virtualHost === 'string') return o.virtualHost;
  if (o.virtualHost !== true) return undefined;
  // RFC 7151 allows an address literal, but `true` means "the name I dialled":
  // an address names no virtual host.
  const bare = o.host.replace(/^\[(.*)\]$/, '$1');
  return net.isIP(bare) === 0 ? o.host : undefined;
}

async function selectVirtualHost(core: ClientCore, s: ControlSession): Promise<void> {
  const o = core.options;
  const name = virtualHostName(o);
  if (name === undefined) {
    if (o.virtualHost === true) core.transcript.status(`Not sending HOST: ${o.host} is an IP address, not a host name`);
    return;
  }
  let r = await s.request(`HOST ${name}`);
  // 120 "ready in nnn minutes" is followed by the real answer (RFC 7151 §3.2).
  while (r.code === 120) r = await s.read();
  if (r.code >= 200 && r.code < 300) return;
  if (HOST_UNSUPPORTED.has(r.code)) {
    core.transcript.status(`The server does not support HOST (it answered ${r.code}); continuing without selecting virtual host ${name}`);
    return;
  }
  throw new FtpError(FtpErrorCodes.HOST_REFUSED, `The server refused virtual host ${name}: ${r.text}`, { ftpCode: r.code, replyText: r.text });
}

/**
 * USER, then PASS on 331 and ACCT on 332, each at most once, in whatever
 * order the server asks (RFC 959 §5.4 allows 332 after USER or PASS).
 */
async function authenticate(core: ClientCore, s: ControlSession): Promise<void> {
  const o = core.options;
  let r = await s.request(`USER ${o.user}`);
  let sentPass = false;
  let sentAcct = false;
  for (;;) {
    if (r.code === 230 || r.code === 202) return;
    if (r.code === 331 && !sentPass) {
      sentPass = true;
      r = await s.request(`PASS ${o.password}`);
    } else if (r.code === 332 && !sentAcct) {
      sentAcct = true;
      r = await sendAccount(o, s, r);
    } else if (sentAcct) {
      throw new FtpError(FtpErrorCodes.LOGIN, `Login refused after ACCT: ${r.text}`, { ftpCode: r.code, replyText: r.text });
    } else {
      throw new FtpError(FtpErrorCodes.LOGIN, `Login refused: ${r.text}`, { ftpCode: r.code, replyText: r.text });
    }
  }
}

/** Answers a 332; the transcript masks the argument (transcript.ts). */
function sendAccount(o: ResolvedOptions, s: ControlSession, asked: Reply): Promise<Reply> {
  if (o.account === undefined || o.account === '') {
    throw new FtpError(FtpErrorCodes.LOGIN, `The server wants an account (332); set the \`account\` option: ${asked.text}`, {
      ftpCode: asked.code,
      replyText: asked.text,
    });
  }
  return s.request(`ACCT ${o.account}`);
}

/**
 * FEAT and SYST, or what an earlier connection learnt from them (the
 * `knownFeatures` option). Either way CLNT goes out before OPTS UTF8 ON.
 */
async function askFeatures(core: ClientCore, s: ControlSession): Promise<ServerFeatures> {
  const known = core.options.knownFeatures;
  if (known !== undefined) {
    const system = known.system === undefined ? '' : ` and system "${known.system}"`;
    core.transcript.status(`Not sending FEAT or SYST: using the ${known.features.size} features${system} that an earlier connection to this server learnt`, {
      type: 'features-reused',
      count: known.features.size,
      ...(known.system === undefined ? {} : { system: known.system }),
    });
    await announceClient(core, s, known.features);
    // Already this client's own copy (resolveOptions), and nothing changes it after.
    return known;
  }
  const feat = await s.request('FEAT');
  const features = feat.code === 211 ? parseFeatReply(feat.lines) : new Map<string, string>();
  await announceClient(core, s, features);
  const syst = await s.request('SYST');
  const learnt: ServerFeatures = { features };
  if (syst.code === 215) learnt.system = syst.text.slice(4).trim();
  return learnt;
}

/** CLNT, when the server lists it. Any answer will do: it only tells the server who we are. */
async function announceClient(core: ClientCore, s: ControlSession, features: Map<string, string>): Promise<void> {
  const clientName = core.options.clientName;
  if (clientName !== false && features.has('CLNT')) await s.request(`CLNT ${clientName}`);
}

async function learnFeatures(core: ClientCore, s: ControlSession): Promise<void> {
  const learnt = await askFeatures(core, s);
  const { features, system } = learnt;
  core.state.features = learnt;
  // IBM i lists and names its library objects its own way unless asked for
  // path names (NAMEFMT 1), which listing/os400.ts reads. Any answer will do.
  if (system !== undefined && /OS\/400/i.test(system)) await s.request('SITE NAMEFMT 1');
  core.state.mlsd = features.has('MLST');
  core.memory.pret = features.has('PRET');
  const mlstOpts = core.state.mlsd ? mlstOptsCommand(features.get('MLST') ?? '') : null;
  // A refusal only means fewer facts; the listing still parses.
  if (mlstOpts) await s.request(mlstOpts);
  const enc = core.options.encoding.toLowerCase();
  if (features.has('UTF8') && (enc === 'auto' || enc === 'utf8' || enc === 'utf-8')) {
    // Not in RFC 2640, but IIS and others only switch to UTF-8 after it; a refusal is harmless.
    await s.request('OPTS UTF8 ON');
  }
}
