/** The seams between the socket, the store and the operations. */
import type { RequestType, ResultMap } from '@ftpdeck/protocol';
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../store/types.ts';
import type { RequestBody } from './socket.ts';
import type { UploadChannel } from './uploader.ts';

/** Sends one request; the socket client implements it, tests fake it. */
export type RequestFn = <T extends RequestType>(body: RequestBody<T>, timeoutMs?: number) => Promise<ResultMap[T]>;

/** What every operation module needs. */
export interface OpsDeps {
  request: RequestFn;
  store: StoreApi<AppState>;
  /** Channel for uploads (binary frames + transfer events). */
  uploadChannel: UploadChannel;
}
