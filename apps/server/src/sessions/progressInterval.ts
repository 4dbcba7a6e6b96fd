/**
 * The least time between two progress events of one transfer, download or
 * delete: at most 10 a second, as the WebSocket contract promises. A page
 * redraws no faster, and a flood of them would crowd out the transcript.
 */
export const PROGRESS_INTERVAL_MS = 100;
