/**
 * Seeded generators of hostile or broken browser messages, for the gateway
 * fuzz test. Deterministic: a failure reproduces with the same seed.
 */
import { encodeUploadFrame, PROTOCOL_VERSION, Requests } from '@ftpdeck/protocol';
import { prng } from '@ftpdeck/test-servers';
export { prng };

const TYPES = ['hello', ...Object.keys(Requests), 'reply', 'welcome', '__proto__', 'constructor', ''];
const NASTY_STRINGS = ['', '/', '..', '../../etc/passwd', 'a\r\nDELE x', '\0', '\u0000\u0001', '%00', 'x'.repeat(5000), '\ud800', '😀', 'PORT 1,2,3,4,0,21', 'QUIT', '{"a":1}'];

/** One fuzzed message: a text frame (string) or a binary frame. */
export type FuzzMessage = { text: string } | { binary: Uint8Array };

export function fuzzMessage(rand: () => number): FuzzMessage {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const int = (n: number): number => Math.floor(rand() * n);
  const value = (depth: number): unknown => {
    switch (int(depth > 2 ? 5 : 8)) {
      case 0:
        return pick(NASTY_STRINGS);
      case 1:
        return pick([0, -1, 1.5, 2 ** 32, Number.MAX_SAFE_INTEGER, 1e308, -0]);
      case 2:
        return pick([true, false, null]);
      case 3:
        return String.fromCharCode(...Array.from({ length: int(40) }, () => int(0x3000)));
      case 4:
        return int(100);
      case 5:
        return Array.from({ length: int(5) }, () => value(depth + 1));
      default:
        return Object.fromEntries(Array.from({ length: int(5) }, () => [pick(['path', 'id', 'type', 'params', 'paths', 'size', 'mode', 'line', 'transferId', 'zip', pick(NASTY_STRINGS)]), value(depth + 1)]));
    }
  };
  switch (int(6)) {
    case 0:
      // Not JSON at all.
      return { text: Buffer.from(Array.from({ length: int(200) }, () => int(256))).toString('latin1') };
    case 1:
      return { text: JSON.stringify(value(0)) ?? 'null' };
    case 2:
      return { binary: rand() < 0.3 ? new Uint8Array(int(4)) : encodeUploadFrame(int(5), new Uint8Array(int(3000))) };
    default: {
      // Shaped like a request, with random fields.
      const msg: Record<string, unknown> = { type: pick(TYPES), id: rand() < 0.8 ? int(1000) : value(1) };
      for (let i = int(4); i > 0; i--) msg[pick(['path', 'params', 'paths', 'size', 'mode', 'line', 'transferId', 'zip', 'from', 'to', 'protocolVersion', 'sessionToken'])] = value(1);
      // A connect that parses must not wander off the machine or wait on a greeting.
      if (msg.type === 'connect' && rand() < 0.5) msg.params = { host: '127.0.0.1', port: 1 };
      if (msg.type === 'upload-start') msg.size = int(5000);
      // A wrong version ends the socket (4001), which would end the fuzzing of it early; mostly send the right one.
      if (msg.type === 'hello' && rand() < 0.9) msg.protocolVersion = PROTOCOL_VERSION;
      return { text: JSON.stringify(msg) };
    }
  }
}
