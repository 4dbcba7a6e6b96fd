/**
 * Decoders for the four ways FTP names a data endpoint: PASV's 227 reply and
 * PORT (h1,h2,h3,h4,p1,p2 with port = p1×256+p2, RFC 959), EPSV's 229 reply
 * and EPRT (RFC 2428, delimiter-separated). Pure and tolerant: servers wrap the
 * numbers in all sorts of text, so we scan rather than match the whole line.
 */

/** An IPv4 endpoint written as six numbers, with the port arithmetic spelled out. */
export interface HostPortDecode {
  ip: string;
  port: number;
  p1: number;
  p2: number;
  /** `8×256+86 = 2134` */
  arithmetic: string;
}

/** The port of a 229 reply; the address is the control connection's. */
export interface EpsvDecode {
  port: number;
  delimiter: string;
}

/** The endpoint of an EPRT command. */
export interface EprtDecode {
  /** 1 = IPv4, 2 = IPv6 (RFC 2428 address families). */
  family: 1 | 2;
  ip: string;
  port: number;
  delimiter: string;
}

const SIX_NUMBERS = /(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})/;

/** Spells out the port arithmetic the way the RFC defines it. */
export function portArithmetic(p1: number, p2: number): string {
  return `${p1}×256+${p2} = ${p1 * 256 + p2}`;
}

function sixNumbers(text: string): HostPortDecode | null {
  const m = SIX_NUMBERS.exec(text);
  if (!m) return null;
  const n = m.slice(1, 7).map(Number);
  if (n.length !== 6 || n.some((v) => v > 255)) return null;
  const [h1, h2, h3, h4, p1, p2] = n as [number, number, number, number, number, number];
  return { ip: `${h1}.${h2}.${h3}.${h4}`, port: p1 * 256 + p2, p1, p2, arithmetic: portArithmetic(p1, p2) };
}

/** Decodes `227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)`; the first run of six numbers wins. */
export function decodePasv(text: string): HostPortDecode | null {
  return sixNumbers(text);
}

/** Decodes the argument of `PORT h1,h2,h3,h4,p1,p2`. */
export function decodePort(commandText: string): HostPortDecode | null {
  const m = /^\s*PORT\s+(.*)$/i.exec(commandText);
  return m?.[1] === undefined ? null : sixNumbers(m[1]);
}

/** Decodes `229 Entering Extended Passive Mode (|||6446|)`, with any printable delimiter. */
export function decodeEpsv(text: string): EpsvDecode | null {
  // RFC 2428: the delimiter is any ASCII 33–126 character, repeated around empty family and address.
  const m = /\(([\x21-\x7e])\1\1(\d{1,5})\1\)/.exec(text);
  if (!m?.[1] || m[2] === undefined) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { port, delimiter: m[1] } : null;
}

/** Decodes `EPRT |1|132.235.1.2|6275|` (or the argument alone). */
export function decodeEprt(commandText: string): EprtDecode | null {
  const arg = commandText.trim().replace(/^EPRT\s+/i, '');
  const delimiter = arg[0];
  if (!delimiter || !/[\x21-\x7e]/.test(delimiter)) return null;
  const parts = arg.split(delimiter);
  // "|1|addr|port|" splits into ["", "1", "addr", "port", ""].
  if (parts.length !== 5 || parts[0] !== '' || parts[4] !== '') return null;
  const [, fam, ip, portText] = parts;
  if ((fam !== '1' && fam !== '2') || !ip || !portText || !/^\d{1,5}$/.test(portText)) return null;
  const port = Number(portText);
  if (port < 1 || port > 65535) return null;
  return { family: fam === '1' ? 1 : 2, ip, port, delimiter };
}

/**
 * True for addresses that only make sense inside one network (RFC 1918,
 * loopback, link-local, CGNAT): the reason a 227 address is often useless.
 */
export function isPrivateIPv4(ip: string): boolean {
  const n = ip.split('.').map(Number);
  if (n.length !== 4 || n.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) return false;
  const [a, b] = n as [number, number, number, number];
  return (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

/** The verb and argument of a command line (`"TYPE I"` → `{ verb: 'TYPE', arg: 'I' }`). */
export function splitCommand(text: string): { verb: string; arg: string } {
  const trimmed = text.trim();
  const space = trimmed.search(/\s/);
  if (space < 0) return { verb: trimmed.toUpperCase(), arg: '' };
  return { verb: trimmed.slice(0, space).toUpperCase(), arg: trimmed.slice(space + 1).trim() };
}
