/**
 * Transfer records for tests, shaped as the upload queue creates them
 * (api/uploadQueue.ts), so each test states only what it is about.
 */
import type { Transfer } from '../transfersSlice.ts';

/** A queued 10-byte binary upload `key` to `/in/<name>`, with `overrides` applied. */
export function aTransfer(key: string, overrides: Partial<Transfer> = {}): Transfer {
  const name = overrides.name ?? `${key}.bin`;
  return {
    key,
    direction: 'upload',
    name,
    path: `/in/${name}`,
    size: 10,
    transferType: 'binary',
    transferId: null,
    sent: 0,
    received: 0,
    written: 0,
    rate: 0,
    status: 'queued',
    ...overrides,
  };
}
