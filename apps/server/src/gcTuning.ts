/**
 * V8 settings for a process that relays bulk data through Buffers.
 *
 * Every socket read and every WebSocket message is a fresh ArrayBuffer, a
 * GiB of them per GiB moved. V8 frees dead ones on a background sweeper
 * thread and counts them as live external memory until it has; on a busy
 * machine (two cores shared with the FTP server and the browser) that
 * thread lags, the count passes V8's external-memory limit, and V8 answers
 * with a full mark-compact every 40-60 MiB. Measured with the web bench
 * (bench/src/web, 2 x 512 MiB WebSocket uploads): in about half the runs
 * that storm made 50-65 full collections and about 2.2 s of server CPU per
 * GiB; sweeping on the main thread gave one full collection and 0.8 s per
 * GiB in every run.
 */
import { setFlagsFromString } from 'node:v8';

/** The flag, also usable on the node command line. */
export const ARRAY_BUFFER_SWEEPING_FLAG = '--no-concurrent-array-buffer-sweeping';

/**
 * Applies the settings. V8 reads this flag each time it schedules a sweep,
 * so setting it at startup, after the VM is up, takes effect.
 */
export function tuneGarbageCollection(): void {
  setFlagsFromString(ARRAY_BUFFER_SWEEPING_FLAG);
}
