/**
 * Binary frames carry upload bytes: a 4-byte big-endian transfer id, then
 * the payload. Keeping bytes out of JSON avoids base64's 33 % and a copy.
 */

/** Bytes of header before the payload. */
export const BINARY_HEADER_BYTES = 4;

/** Builds one upload frame. */
export function encodeUploadFrame(transferId: number, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(BINARY_HEADER_BYTES + payload.byteLength);
  new DataView(frame.buffer).setUint32(0, transferId >>> 0, false);
  frame.set(payload, BINARY_HEADER_BYTES);
  return frame;
}

/** Splits an upload frame; `null` when it is too short to hold a header. */
export function decodeUploadFrame(frame: Uint8Array): { transferId: number; payload: Uint8Array } | null {
  if (frame.byteLength < BINARY_HEADER_BYTES) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  return { transferId: view.getUint32(0, false), payload: frame.subarray(BINARY_HEADER_BYTES) };
}
