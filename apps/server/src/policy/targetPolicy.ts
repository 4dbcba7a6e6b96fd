/**
 * Decides which FTP servers this relay may open connections to. The server
 * connects on its users' behalf, so an unchecked host is an SSRF hole into
 * whatever network the relay sits in. Names are resolved once here and the
 * resulting IP is pinned for every later connection of the session (control
 * and data), which defeats DNS rebinding.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * Ranges that are never public: loopback, RFC 1918, link-local (incl. cloud
 * metadata), CGNAT, ULA, the documentation nets, and the IPv6 forms that
 * carry an IPv4 address inside (IPv4-compatible, SIIT, NAT64, 6to4, Teredo),
 * through which a gateway would reach whatever IPv4 address is embedded.
 */
const PRIVATE_RANGES: Array<[string, number, 'ipv4' | 'ipv6']> = [
  ['0.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['127.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 3, 'ipv4'],
  ['::', 96, 'ipv6'],
  ['::ffff:0:0:0', 96, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
  ['64:ff9b:1::', 48, 'ipv6'],
  ['100::', 64, 'ipv6'],
  ['2001::', 32, 'ipv6'],
  ['2002::', 16, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
];

/**
 * This machine's own addresses. A service listening on all interfaces is
 * reachable through the machine's public address too, so when private
 * targets are refused, so are these.
 */
function ownAddresses(): Array<[string, 'ipv4' | 'ipv6']> {
  const out: Array<[string, 'ipv4' | 'ipv6']> = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) out.push([a.address.split('%')[0] ?? a.address, a.family === 'IPv4' ? 'ipv4' : 'ipv6']);
  }
  return out;
}

/** The policy knobs, from ServerConfig. */
export interface TargetPolicyOptions {
  allowPrivateTargets: boolean;
  allowTargets: string[];
  denyTargets: string[];
  allowedPorts: Array<[number, number]>;
}

/** The outcome of a check: the pinned address, or why not. */
export type TargetDecision =
  | { ok: true; address: string }
  /** `unresolved`: the name did not resolve (SRV_ERR_DNS), as opposed to a policy refusal (SRV_ERR_TARGET_BLOCKED). */
  | { ok: false; reason: string; address?: string; unresolved?: true };

/** Adds `host` or `cidr` entries to a block list. */
function fill(list: BlockList, entries: string[]): string[] {
  const names: string[] = [];
  for (const entry of entries) {
    const [addr, bits] = entry.split('/');
    if (!addr) continue;
    const family = isIP(addr);
    if (family === 0) names.push(entry.toLowerCase());
    else if (bits !== undefined) list.addSubnet(addr, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
    else list.addAddress(addr, family === 4 ? 'ipv4' : 'ipv6');
  }
  return names;
}

/** Unwraps IPv4-mapped IPv6 (`::ffff:10.0.0.1`) so the IPv4 rules apply to it. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return { address: mapped[1], family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Checks FTP targets against the configured policy. */
export class TargetPolicy {
  readonly #private = new BlockList();
  readonly #allow = new BlockList();
  readonly #deny = new BlockList();
  readonly #allowNames: string[];
  readonly #denyNames: string[];
  readonly #options: TargetPolicyOptions;

  constructor(options: TargetPolicyOptions) {
    this.#options = options;
    for (const [addr, bits, family] of PRIVATE_RANGES) this.#private.addSubnet(addr, bits, family);
    for (const [addr, family] of ownAddresses()) this.#private.addAddress(addr, family);
    this.#allowNames = fill(this.#allow, options.allowTargets);
    this.#denyNames = fill(this.#deny, options.denyTargets);
  }

  /** Is this port allowed at all? */
  portAllowed(port: number): boolean {
    return this.#options.allowedPorts.some(([a, b]) => port >= a && port <= b);
  }

  /**
   * Checks one already-resolved address. A refusal of a host name names
   * the name, not the address it resolved to: on an exposed server, telling
   * users which internal address a name has would make FTP Deck a DNS
   * oracle for the network behind it. `address` keeps it, for the logs.
   */
  checkAddress(raw: string, hostName?: string): TargetDecision {
    const { address, family } = normalise(raw);
    const name = hostName?.toLowerCase();
    const byName = hostName !== undefined && isIP(hostName) === 0;
    if (this.#deny.check(address, family) || (name !== undefined && this.#denyNames.includes(name))) {
      return { ok: false, reason: byName ? `${hostName} resolves to an address on the deny list` : `${address} is on the deny list`, address };
    }
    const explicitlyAllowed = this.#allow.check(address, family) || (name !== undefined && this.#allowNames.includes(name));
    if (!this.#options.allowPrivateTargets && !explicitlyAllowed && this.#private.check(address, family)) {
      const kind = "a private, loopback, link-local or reserved address, or one of this server's own";
      return { ok: false, reason: byName ? `${hostName} resolves to ${kind}` : `${address} is ${kind}`, address };
    }
    return { ok: true, address };
  }

  /**
   * Resolves `host` and checks every address it resolves to; a name that
   * resolves to both a public and a private address is refused, because the
   * attacker controls which one a later lookup would return.
   */
  async resolve(host: string, port: number): Promise<TargetDecision> {
    if (!this.portAllowed(port)) return { ok: false, reason: `port ${port} is not allowed` };
    let addresses: string[];
    if (isIP(host)) addresses = [host];
    else if (/(^|\.)invalid\.?$/i.test(host)) {
      // RFC 6761: names under .invalid never resolve; no need to ask a DNS server.
      return { ok: false, reason: `${host} did not resolve (ENOTFOUND: .invalid names never do)`, unresolved: true };
    } else {
      try {
        addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
      } catch (err) {
        return { ok: false, reason: `${host} did not resolve (${(err as NodeJS.ErrnoException).code ?? String(err)})`, unresolved: true };
      }
    }
    let first: string | undefined;
    for (const address of addresses) {
      const decision = this.checkAddress(address, host);
      if (!decision.ok) return decision;
      first ??= decision.address;
    }
    return first === undefined ? { ok: false, reason: `${host} has no addresses`, unresolved: true } : { ok: true, address: first };
  }
}
