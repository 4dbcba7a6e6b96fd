import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefreshThrottle } from './refreshThrottle.ts';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** A refresh whose runs the test finishes by hand, behind a throttle with a 1 s gap. */
function manualRefresh() {
  const finishers: Array<(ok: boolean) => void> = [];
  const refresh = vi.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        finishers.push((ok) => (ok ? resolve() : reject(new Error('list failed'))));
      }),
  );
  const finish = async (ok = true) => {
    finishers.shift()?.(ok);
    // Let the finally() that follows the refresh run.
    await vi.advanceTimersByTimeAsync(0);
  };
  return { refresh, finish, throttle: createRefreshThrottle(refresh, 1000) };
}

describe('createRefreshThrottle', () => {
  it('lists at once after a quiet spell, so a single upload shows without delay', () => {
    const { refresh, throttle } = manualRefresh();
    throttle.request();
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('folds a burst of requests into one more listing at the end of the gap', async () => {
    const { refresh, finish, throttle } = manualRefresh();
    throttle.request();
    await finish();
    for (let i = 0; i < 50; i++) {
      await vi.advanceTimersByTimeAsync(10);
      throttle.request();
    }
    // 500 ms in: still inside the gap, so only the first listing ran.
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(refresh).toHaveBeenCalledTimes(2);
    await finish();
    // Nothing was asked for since the second one started: no third.
    await vi.advanceTimersByTimeAsync(5000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('never runs two listings at once, and lists again after one that outlasts the gap', async () => {
    const { refresh, finish, throttle } = manualRefresh();
    throttle.request();
    await vi.advanceTimersByTimeAsync(3000);
    throttle.request();
    throttle.request();
    expect(refresh).toHaveBeenCalledTimes(1);
    // The slow listing ends long after the gap: the next starts at once.
    await finish();
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('keeps going after a listing fails', async () => {
    const { refresh, finish, throttle } = manualRefresh();
    throttle.request();
    throttle.request();
    await finish(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('runs an urgent request without waiting out the gap, but never beside a running listing', async () => {
    const { refresh, finish, throttle } = manualRefresh();
    throttle.request();
    throttle.request(true);
    // One listing runs: the urgent one waits for it, then goes at once.
    expect(refresh).toHaveBeenCalledTimes(1);
    await finish();
    expect(refresh).toHaveBeenCalledTimes(2);
    await finish();
    // A plain request within the gap waits; an urgent one after it cuts the wait short.
    throttle.request();
    expect(refresh).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(100);
    throttle.request(true);
    expect(refresh).toHaveBeenCalledTimes(3);
    await finish();
    // The timer it replaced fires no extra listing.
    await vi.advanceTimersByTimeAsync(5000);
    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it('measures the gap on a monotonic clock: a wall clock stepped back delays nothing', async () => {
    const { refresh, finish, throttle } = manualRefresh();
    throttle.request();
    await finish();
    vi.setSystemTime(Date.now() - 3_600_000);
    throttle.request();
    await vi.advanceTimersByTimeAsync(1000);
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});
