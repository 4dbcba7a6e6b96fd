/**
 * The structured `detail` of status lines, as the engine defines it
 * (packages/ftp-engine/src/types.ts `TranscriptDetail`). The wire carries it as
 * an untyped record, so this module mirrors the union and validates at run
 * time: a server of another version must not crash the explainer.
 */

/** Mirror of the engine's `TranscriptDetail` union. */
export type InsightDetail =
  | { type: 'connected'; host: string; address: string; port: number }
  | { type: 'tls'; version: string; cipher: string; resumed: boolean; fingerprint256?: string; channel: 'control' | 'data' }
  | {
      type: 'data-open';
      mode: 'passive' | 'active';
      initiator: 'client' | 'server';
      localAddress: string;
      localPort: number;
      remoteAddress: string;
      remotePort: number;
    }
  | { type: 'data-close'; mode: 'passive' | 'active'; bytes: number; ms: number }
  | { type: 'pasv-address-replaced'; announced: string; used: string }
  | { type: 'fallback'; from: string; to: string; reason: string }
  | { type: 'blocked'; target: string; reason: string };

type Rec = Readonly<Record<string, unknown>>;

const str = (r: Rec, k: string): boolean => typeof r[k] === 'string';
const num = (r: Rec, k: string): boolean => typeof r[k] === 'number';
const mode = (r: Rec): boolean => r['mode'] === 'passive' || r['mode'] === 'active';

/** Returns the detail typed when it has the fields its `type` promises, else undefined. */
export function asInsightDetail(detail: Rec | undefined): InsightDetail | undefined {
  if (!detail) return undefined;
  const ok = ((): boolean => {
    switch (detail['type']) {
      case 'connected':
        return str(detail, 'host') && str(detail, 'address') && num(detail, 'port');
      case 'tls':
        return str(detail, 'version') && str(detail, 'cipher') && (detail['channel'] === 'control' || detail['channel'] === 'data');
      case 'data-open':
        return (
          mode(detail) &&
          (detail['initiator'] === 'client' || detail['initiator'] === 'server') &&
          str(detail, 'localAddress') &&
          num(detail, 'localPort') &&
          str(detail, 'remoteAddress') &&
          num(detail, 'remotePort')
        );
      case 'data-close':
        return mode(detail) && num(detail, 'bytes') && num(detail, 'ms');
      case 'pasv-address-replaced':
        return str(detail, 'announced') && str(detail, 'used');
      case 'fallback':
        return str(detail, 'from') && str(detail, 'to') && str(detail, 'reason');
      case 'blocked':
        return str(detail, 'target') && str(detail, 'reason');
      default:
        return false;
    }
  })();
  // The checks above establish exactly the shape of the matching union member.
  return ok ? (detail as unknown as InsightDetail) : undefined;
}

/** `host:port`, bracketing IPv6 so the port stays readable. */
export function endpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
