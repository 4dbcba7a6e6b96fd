/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** The two in-page measurements of the UI bench. */
import type { Page } from 'playwright-core';

/**
 * Init script: records when each large text frame arrives on the app's
 * WebSocket (before the app's own handler runs), to split an open into
 * "server + network" and "browser work".
 */
export const WS_PROBE = `(() => {
  const Native = window.WebSocket;
  window.__wsLog = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (typeof e.data === 'string' && e.data.length > 100000) window.__wsLog.push({ t: performance.now(), size: e.data.length });
      });
    }
  };
})();`;

/** Result of one folder open. */
export interface OpenFigures {
  /** Double-click → the (big) listing message arrived on the WebSocket. */
  listArrivedMs: number;
  /** Size of that message, bytes (UTF-16 code units ≈ bytes for ASCII names). */
  listBytes: number;
  /** Double-click → a frame in which the first row of the folder is laid out inside the grid's viewport. */
  firstRowsMs: number;
  /** Double-click → the grid's canvas is as tall as all rows (the whole listing is in). */
  allRowsMs: number;
}

/**
 * Double-clicks the folder row in the page (so start and end are read from
 * the same clock) and watches every animation frame for the first row.
 */
export async function measureOpen(page: Page, folder: string, firstName: string): Promise<OpenFigures> {
  return page.evaluate(
    ({ folder, firstName }) =>
      new Promise<OpenFigures>((resolve, reject) => {
        const grid = document.querySelector('[role="grid"]');
        const row = [...(grid?.querySelectorAll('[role="row"]') ?? [])].find((r) => r.querySelector('.fl-name-text')?.textContent === folder);
        if (!grid || !row) return reject(new Error(`no row ${folder}`));
        const start = performance.now();
        let first = 0;
        const tick = () => {
          const now = performance.now();
          if (now - start > 60_000) return reject(new Error('timed out'));
          if (first === 0) {
            const hit = [...grid.querySelectorAll('[role="row"]')].find((r) => r.querySelector('.fl-name-text')?.textContent === firstName);
            if (hit) {
              const box = hit.getBoundingClientRect();
              const view = grid.getBoundingClientRect();
              if (box.height > 0 && box.top >= view.top && box.bottom <= view.bottom) first = now;
            }
          }
          const canvas = grid.querySelector<HTMLElement>('.fl-canvas');
          const rowHeight = grid.querySelector<HTMLElement>('.fl-body [role="row"]')?.getBoundingClientRect().height ?? 0;
          if (first !== 0 && canvas && rowHeight > 0 && canvas.offsetHeight >= rowHeight * 1000) {
            const log = (window as unknown as { __wsLog?: Array<{ t: number; size: number }> }).__wsLog ?? [];
            const msg = log.filter((m) => m.t >= start).at(-1);
            resolve({ firstRowsMs: first - start, allRowsMs: now - start, listArrivedMs: (msg?.t ?? now) - start, listBytes: msg?.size ?? 0 });
            return;
          }
          requestAnimationFrame(tick);
        };
        row.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, cancelable: true, detail: 2 }));
        requestAnimationFrame(tick);
      }),
    { folder, firstName },
  );
}

/** Frame-time figures of the scripted scroll. */
export interface ScrollFigures {
  frames: number;
  durationMs: number;
  rowsPassed: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  /** Frames of 50 ms or longer. */
  over: number;
  /** Where the long frames fell: counts per scroll phase. */
  overByPhase: Record<string, number>;
}

/**
 * Scrolls the grid body for `durationMs` in a pattern people produce:
 * steady wheel-like steps, a fling, jumps (End/Home-like), all driven from
 * requestAnimationFrame, and records every frame's delta.
 */
export async function measureScroll(page: Page, durationMs: number): Promise<ScrollFigures> {
  return page.evaluate(
    (durationMs) =>
      new Promise<ScrollFigures>((resolve, reject) => {
        const body = document.querySelector<HTMLElement>('[role="grid"] .fl-body');
        if (!body) return reject(new Error('no grid body'));
        const rowHeight = body.querySelector<HTMLElement>('[role="row"]')?.getBoundingClientRect().height || 28;
        const deltas: number[] = [];
        const phases: string[] = [];
        let currentPhase = 'start';
        const start = performance.now();
        let last = start;
        let frame = 0;
        let passed = 0;
        let prevTop = body.scrollTop;
        const step = (now: number) => {
          deltas.push(now - last);
          // A long frame is charged to the scroll step that the previous frame made.
          phases.push(currentPhase);
          last = now;
          frame += 1;
          const phase = (now - start) / durationMs;
          const max = body.scrollHeight - body.clientHeight;
          if (phase < 0.4) {
            currentPhase = 'wheel';
            body.scrollTop += 120; // wheel-like, ~4 rows a frame
          } else if (phase < 0.7) {
            currentPhase = 'fling';
            body.scrollTop += 2400;
          } else if (frame % 20 === 0) {
            currentPhase = 'jump';
            body.scrollTop = body.scrollTop > max / 2 ? 0 : max; // to the other end
          } else {
            currentPhase = 'steady';
            body.scrollTop += 600;
          }
          passed += Math.abs(body.scrollTop - prevTop) / rowHeight;
          prevTop = body.scrollTop;
          if (now - start < durationMs) requestAnimationFrame(step);
          else {
            const overByPhase: Record<string, number> = {};
            deltas.forEach((x, i) => {
              if (i > 0 && x >= 50) overByPhase[phases[i] ?? '?'] = (overByPhase[phases[i] ?? '?'] ?? 0) + 1;
            });
            const d = deltas.slice(1).sort((a, b) => a - b);
            const q = (p: number) => d[Math.min(d.length - 1, Math.floor(p * d.length))] ?? 0;
            resolve({
              frames: d.length,
              durationMs: now - start,
              rowsPassed: Math.round(passed),
              median: q(0.5),
              p95: q(0.95),
              p99: q(0.99),
              max: d[d.length - 1] ?? 0,
              over: d.filter((x) => x >= 50).length,
              overByPhase,
            });
          }
        };
        requestAnimationFrame((now) => {
          last = now;
          requestAnimationFrame(step);
        });
      }),
    durationMs,
  );
}
