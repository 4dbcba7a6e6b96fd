/**
 * What the server supports, from SYST and FEAT, as booleans the main UI can
 * enable features with. Accepts bare FEAT keys (`REST`, what SessionState
 * carries) as well as full FEAT lines (`REST STREAM`, `AUTH TLS`).
 */

/** Feature flags derived from FEAT. */
export interface Capabilities {
  /** MLSD listings (RFC 3659). */
  mlsd: boolean;
  /** MLST facts for one entry. */
  mlst: boolean;
  /** UTF-8 path names (RFC 2640). */
  utf8: boolean;
  /** REST STREAM: resumable transfers. */
  resume: boolean;
  /** MFMT: setting modification times. */
  setModifiedTime: boolean;
  /** MDTM: reading modification times. */
  modifiedTime: boolean;
  /** SIZE: remote sizes for verification and resume offsets. */
  size: boolean;
  /** EPSV / EPRT (RFC 2428). */
  epsv: boolean;
  /** AUTH TLS (or the older AUTH SSL) for explicit FTPS. */
  authTls: boolean;
  /** HASH, XMD5, XCRC, XSHA…: server-side checksums. */
  verifyHash: boolean;
  /** SITE CHMOD advertised. Rarely is; false means "unknown", not "unsupported". */
  chmodAdvertised: boolean;
  /** TVFS: Unix-like paths. */
  tvfs: boolean;
  /** CLNT: client name. */
  clnt: boolean;
}

/** Parses FEAT entries into `KEY → parameters`. */
function featureMap(features: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of features) {
    const t = f.trim();
    const space = t.search(/\s/);
    const key = (space < 0 ? t : t.slice(0, space)).toUpperCase();
    if (key) map.set(key, space < 0 ? '' : t.slice(space + 1).trim().toUpperCase());
  }
  return map;
}

/** Derives the feature flags. `siteCommands` (from a SITE HELP reply, see parseHelpReply) can reveal SITE CHMOD. */
export function capabilitiesOf(features: readonly string[] | undefined, siteCommands: readonly string[] = []): Capabilities {
  const f = featureMap(features ?? []);
  const has = (k: string): boolean => f.has(k);
  // A bare key is all SessionState carries; REST in FEAT is only defined with STREAM (RFC 3659).
  const auth = f.get('AUTH');
  const site = f.get('SITE') ?? '';
  return {
    mlsd: has('MLSD') || has('MLST'),
    mlst: has('MLST'),
    utf8: has('UTF8'),
    resume: f.has('REST') && (f.get('REST') === '' || (f.get('REST') ?? '').includes('STREAM')),
    setModifiedTime: has('MFMT'),
    modifiedTime: has('MDTM'),
    size: has('SIZE'),
    epsv: has('EPSV') || has('EPRT'),
    authTls: auth !== undefined && (auth === '' || /\bTLS\b|\bSSL\b/.test(auth)),
    verifyHash: ['HASH', 'XMD5', 'XCRC', 'XSHA', 'XSHA1', 'XSHA256', 'XSHA512', 'MD5'].some(has),
    chmodAdvertised: /\bCHMOD\b/.test(site) || siteCommands.includes('CHMOD'),
    tvfs: has('TVFS'),
    clnt: has('CLNT'),
  };
}

/** The rows the capabilities panel shows, in order, each tied to its flag and message keys. */
export const CAPABILITY_ROWS = [
  { flag: 'mlsd', key: 'mlsd' },
  { flag: 'utf8', key: 'utf8' },
  { flag: 'resume', key: 'resume' },
  { flag: 'setModifiedTime', key: 'mfmt' },
  { flag: 'modifiedTime', key: 'mdtm' },
  { flag: 'size', key: 'size' },
  { flag: 'epsv', key: 'epsv' },
  { flag: 'authTls', key: 'authTls' },
  { flag: 'verifyHash', key: 'hash' },
  { flag: 'chmodAdvertised', key: 'chmod' },
  { flag: 'tvfs', key: 'tvfs' },
  { flag: 'clnt', key: 'clnt' },
] as const satisfies ReadonlyArray<{ flag: keyof Capabilities; key: string }>;
