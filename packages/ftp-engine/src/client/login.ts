/**
 * The logon sequence after the greeting:
 *
 *   [AUTH TLS] → USER → [PASS] → [PBSZ 0, PROT P] → FEAT → SYST → [OPTS MLST] → [OPTS UTF8 ON] → TYPE I
 *
 * TLS is all-or-nothing: a refused AUTH, PBSZ or PROT P fails the connect
 * with FTP_ERR_TLS_REFUSED before any credentials or data go out in clear.
 */
import type { ControlSession } from '../control/ControlConnection.ts';
import { FtpError, FtpErrorCodes } from '../errors.ts';
import type { ClientCore } from './core.ts';
import { mlstOptsCommand, parseFeatReply } from './features.ts';

function tlsRefused(what: string, code: number, text: string): FtpError {
  return new FtpError(FtpErrorCodes.TLS_REFUSED, `The server refused ${what}; not continuing without TLS: ${text}`, { ftpCode: code, replyText: text });
}

/** Runs the whole sequence inside one control task. */
export async function logon(core: ClientCore, s: ControlSession): Promise<void> {
  const o = core.options;
  if (o.secure === 'explicit') {
    const r = await s.request('AUTH TLS');
    if (r.code !== 234) throw tlsRefused('AUTH TLS', r.code, r.text);
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

async function authenticate(core: ClientCore, s: ControlSession): Promise<void> {
  const o = core.options;
  let r = await s.request(`USER ${o.user}`);
  if (r.code === 331) r = await s.request(`PASS ${o.password}`);
  if (r.code === 332) {
    throw new FtpError(FtpErrorCodes.LOGIN, `The server wants an account (ACCT), which is not supported: ${r.text}`, { ftpCode: r.code, replyText: r.text });
  }
  if (r.code !== 230 && r.code !== 202) {
    throw new FtpError(FtpErrorCodes.LOGIN, `Login refused: ${r.text}`, { ftpCode: r.code, replyText: r.text });
  }
}

async function learnFeatures(core: ClientCore, s: ControlSession): Promise<void> {
  const feat = await s.request('FEAT');
  const features = feat.code === 211 ? parseFeatReply(feat.lines) : new Map<string, string>();
  const syst = await s.request('SYST');
  core.state.features = { features };
  if (syst.code === 215) core.state.features.system = syst.text.slice(4).trim();
  core.state.mlsd = features.has('MLST');
  const mlstOpts = core.state.mlsd ? mlstOptsCommand(features.get('MLST') ?? '') : null;
  // A refusal only means fewer facts; the listing still parses.
  if (mlstOpts) await s.request(mlstOpts);
  const enc = core.options.encoding.toLowerCase();
  if (features.has('UTF8') && (enc === 'auto' || enc === 'utf8' || enc === 'utf-8')) {
    // Not in RFC 2640, but IIS and others only switch to UTF-8 after it; a refusal is harmless.
    await s.request('OPTS UTF8 ON');
  }
}
