/**
 * The structured `detail` of transcript status lines. Its shape is owned by
 * the protocol (`WireTranscriptDetail`); this module only narrows what
 * arrives, so a detail kind from a newer server is ignored rather than
 * crashing the explainer.
 */
import { parseTranscriptDetail, type WireTranscriptDetail } from '@ftpdeck/protocol';

/** A status line's detail, as the protocol defines it. */
export type InsightDetail = WireTranscriptDetail;

/** Returns the detail typed when it is a known kind with the fields it promises, else undefined. */
export function asInsightDetail(detail: unknown): InsightDetail | undefined {
  return detail === undefined ? undefined : parseTranscriptDetail(detail);
}

/** `host:port`, bracketing IPv6 so the port stays readable. */
export function endpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
