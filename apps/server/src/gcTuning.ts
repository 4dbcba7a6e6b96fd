/**
 * V8 settings for a process that relays bulk data through Buffers.
 *
 * Every socket read and every WebSocket message is a fresh ArrayBuffer, a
 * GiB of them per GiB moved. Two things turned that into storms of full
 * (mark-compact) collections, measured with the web bench (bench/src/web,
 * WebSocket uploads, `--trace-gc`):
 *
 * - V8 frees dead ArrayBuffers on a background sweeper thread and counts
 *   them as live external memory until it has. On a busy machine (two cores
 *   shared with the FTP server and the browser) that thread lags and the
 *   count crosses V8's external-memory limit. Sweeping on the main thread
 *   (`--no-concurrent-array-buffer-sweeping`) took 512 MiB runs from 50-65
 *   full collections and about 2.2 s of server CPU per GiB, in about half
 *   the runs, to one collection and 0.5-0.95 s in all.
 * - The server's heap is small (about 16 MiB), so V8 sets the old
 *   generation's limit only ~10 MiB above it, less than the young
 *   generation it promotes from; with scavenges every few milliseconds, a
 *   full collection started as soon as the last one ended (`Start
 *   (allocation limit)` in `--trace-incremental-marking`). On 1 GiB uploads
 *   that meant 70-160 full collections per run and 1.3-1.6 s per GiB. An
 *   initial old-space size of 64 MiB (`--initial-old-space-size=64`, a
 *   startup flag) took that to 0-1 collections and about 0.55-0.6 s per GiB.
 *   It raises the point where collection starts, not a memory cap.
 *
 * The launchers pass both flags (node-flags.mjs); {@link tuneGarbageCollection}
 * also sets them at startup for a server started without them, which fully
 * works for the first and partly for the second (V8 sizes the heap before
 * any JavaScript runs).
 */
import { setFlagsFromString } from 'node:v8';
import { SERVER_NODE_FLAGS } from '../node-flags.mjs';

/** Applies the V8 settings the launcher did not pass already (see the file comment). */
export function tuneGarbageCollection(): void {
  for (const flag of SERVER_NODE_FLAGS) {
    // --enable-source-maps is Node's, not V8's: only the launcher can set it.
    if (flag !== '--enable-source-maps' && !process.execArgv.includes(flag)) setFlagsFromString(flag);
  }
}
