/**
 * Re-lists the folder on screen after uploads land in it, without re-listing
 * once per file. A drop of many small files finishes one every few
 * milliseconds; listing after each one made the page parse, sort and draw
 * the growing folder hundreds of times, and that, not the FTP server, set
 * the pace: 100 files of a few bytes took 9–12 s through Chromium, against
 * about 3 s with no re-listing at all.
 *
 * The first request after a quiet spell lists at once, so a single upload
 * shows up as soon as it is done. Requests that come while a listing runs,
 * or within `minGapMs` of the last one starting, are folded into one more
 * listing at the end of the gap, so the newest files always show. After a
 * pause, a cancel or a failure the caller asks for an urgent one: the part the server
 * kept must show before the user can drop the file again, or its upload
 * would start from 0 instead of offering Resume.
 */

/** Shortest time between the starts of two listings, ms. */
export const REFRESH_GAP_MS = 1000;

/** A throttled refresher. */
export interface RefreshThrottle {
  /**
   * Asks for a listing: now, or folded into the next one. An `urgent` one
   * skips the rest of the gap (it still waits for a listing that runs).
   */
  request(urgent?: boolean): void;
}

/**
 * Wraps `refresh` (which reports its own errors) so that at most one runs at
 * a time and starts are at least `minGapMs` apart, by `now`.
 */
export function createRefreshThrottle(
  refresh: () => Promise<unknown>,
  minGapMs = REFRESH_GAP_MS,
  // A monotonic clock: with Date.now a wall clock stepped back (NTP, a laptop waking) would
  // push the next listing out by the size of the step, and later requests would fold into it.
  now: () => number = () => performance.now(),
): RefreshThrottle {
  let running = false;
  let wanted = false;
  let urgentWanted = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastStart = Number.NEGATIVE_INFINITY;

  const start = () => {
    timer = undefined;
    wanted = false;
    urgentWanted = false;
    running = true;
    lastStart = now();
    void refresh()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (wanted) schedule();
      });
  };

  const schedule = () => {
    if (running) return;
    const wait = urgentWanted ? 0 : lastStart + minGapMs - now();
    if (wait <= 0) {
      if (timer !== undefined) clearTimeout(timer);
      start();
    } else timer ??= setTimeout(start, wait);
  };

  return {
    request(urgent = false) {
      wanted = true;
      if (urgent) urgentWanted = true;
      schedule();
    },
  };
}
