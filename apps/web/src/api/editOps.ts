/**
 * Reading a remote file into the page for the editor. Saving goes through
 * the upload queue (UploadOps.put), so a save shows in the transfers panel
 * and is verified like any upload.
 *
 * The bytes come through an ordinary download link, fetched rather than
 * navigated to: the relay's HTTP path streams them (its WebSocket carries
 * control messages only), and the link's errors arrive as the usual JSON.
 * Whether the file changed on the server since it was read is asked the
 * same way, by reading it again and comparing bytes (see the editor's
 * useEditorDocument): a listing's date is a minute coarse on servers
 * without MLST, and a link's entry does not change when its target does.
 */
import type { WireEntry, WireError } from '@ftpdeck/protocol';
import { joinPath } from '../lib/remotePath.ts';
import { MAX_EDIT_BYTES } from '../lib/editable.ts';
import { WebErrorCodes, wireErrorOf } from '../lib/errorMessages.ts';
import type { OpsDeps } from './types.ts';

/** A file read for editing. */
export interface EditSource {
  path: string;
  bytes: Uint8Array;
}

/** Thrown for a read that failed; `wire` says why in the protocol's terms. */
export class EditReadError extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
    this.name = 'EditReadError';
  }
}

/** Editor I/O. */
export interface EditOps {
  /** Reads `entry` of the directory on screen; rejects with {@link EditReadError}. */
  readForEdit(entry: WireEntry): Promise<EditSource>;
  /** The bytes at `path` now (at most MAX_EDIT_BYTES); rejects with {@link EditReadError}. */
  readBytes(path: string): Promise<Uint8Array>;
}

/** Builds the editor's I/O. */
export function createEditOps(deps: OpsDeps): EditOps {
  const { request, store } = deps;
  const state = () => store.getState();

  const readBytes = async (path: string): Promise<Uint8Array> => {
    try {
      // Binary: the editor keeps the file's own line ends, and must see its bytes as they are.
      const { url } = await request({ type: 'download-link', paths: [path], transferType: 'binary', fetched: true });
      const response = await fetch(url, { credentials: 'same-origin' });
      if (!response.ok) throw new EditReadError(await errorOf(response));
      return await cappedBytes(response);
    } catch (err) {
      throw err instanceof EditReadError ? err : new EditReadError(wireErrorOf(err));
    }
  };

  return {
    readBytes,

    async readForEdit(entry) {
      const path = joinPath(state().cwd ?? '/', entry.name);
      state().recordAction('act.edit', { name: entry.name }, undefined, path);
      const remote = (await request({ type: 'stat', path }).catch(() => null))?.entry;
      if ((remote?.size ?? entry.size ?? 0) > MAX_EDIT_BYTES) throw tooLarge();
      return { path, bytes: await readBytes(path) };
    },
  };
}

function tooLarge(): EditReadError {
  return new EditReadError({ code: WebErrorCodes.TOO_LARGE_TO_EDIT, message: `files over ${MAX_EDIT_BYTES / 1024 / 1024} MiB are not opened in the editor` });
}

/** The body, refusing more than the editor takes (a listing may not have said the size). */
async function cappedBytes(response: Response): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer());
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_EDIT_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The relay's JSON error for a failed link, or a plain one from the status. */
async function errorOf(response: Response): Promise<WireError> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && typeof (body as WireError).code === 'string') return body as WireError;
  } catch {
    // Not JSON: fall through.
  }
  return { code: WebErrorCodes.HTTP, message: `the server answered ${response.status} ${response.statusText}` };
}
