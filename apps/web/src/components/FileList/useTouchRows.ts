/**
 * The file grid on touch screens: taller rows (a finger needs about 40 px
 * where a mouse needs 28), and a long press on a row opening the same
 * context menu a right-click opens. Chrome on Android turns a long press
 * into a `contextmenu` event by itself; Safari on iOS does not, and
 * neither does a desktop browser on a touch screen, so the press is timed
 * here from pointer events.
 */
import { useCallback, useEffect, useRef, type PointerEvent } from 'react';
import { useMediaQuery } from '../../hooks/useMediaQuery.ts';

/** Row height with a mouse or trackpad, px. */
export const ROW_HEIGHT = 28;
/** Row height when the main pointer is a finger, px. */
export const TOUCH_ROW_HEIGHT = 40;
/** How long a finger rests on a row before the menu opens, ms (about what phones use). */
export const LONG_PRESS_MS = 500;
/** How far a finger may drift and still count as resting, px; beyond it the touch is a scroll. */
const DRIFT_PX = 10;

/** The grid's row height, following the main pointer (a docked tablet can switch). */
export function useRowHeight(): number {
  return useMediaQuery('(pointer: coarse)') ? TOUCH_ROW_HEIGHT : ROW_HEIGHT;
}

/** The mouse events a browser may send after a touch, as if it had been a tap. */
const TAP_EVENTS = ['mousedown', 'mouseup', 'click'] as const;
/** How long after the finger lifts those may still come, ms (Chrome sends them at once). */
const TAP_AFTER_LIFT_MS = 300;
/** The most a press can hold the swallowing on, ms, should the lift never be seen. */
const SWALLOW_MAX_MS = 10_000;

/** Ends the swallowing of {@link swallowTap}: now, or shortly after the finger lifts. */
interface TapSwallow {
  lifted(): void;
  end(): void;
}

/**
 * Swallows the tap's mouse events that some browsers (Chrome among them)
 * send when a long-pressing finger lifts: they would land on the menu the
 * press opened, or close it (menus close on a mousedown outside them). On
 * the window in the capture phase, and added before the menu's own
 * listeners, so it runs first. It ends shortly after the lift, or at once
 * when the next touch or click begins: those events are the user's own.
 */
function swallowTap(): TapSwallow {
  const stop = (e: Event): void => {
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  let timer = 0;
  const end = (): void => {
    window.clearTimeout(timer);
    for (const type of TAP_EVENTS) window.removeEventListener(type, stop, true);
    window.removeEventListener('pointerdown', end, true);
  };
  for (const type of TAP_EVENTS) window.addEventListener(type, stop, true);
  window.addEventListener('pointerdown', end, true);
  timer = window.setTimeout(end, SWALLOW_MAX_MS);
  return {
    end,
    lifted() {
      window.clearTimeout(timer);
      timer = window.setTimeout(end, TAP_AFTER_LIFT_MS);
    },
  };
}

/**
 * Pointer handlers for the grid body: a touch that rests on a row for
 * {@link LONG_PRESS_MS} calls `onLongPress` with the row's index (-1 for
 * the blank space below the rows, where a right-click opens the folder's
 * menu) and the touch point. Mouse events that follow the press are swallowed (see
 * swallowTap), so lifting the finger does not also act on the row or on
 * the menu.
 */
export function useLongPress(onLongPress: (index: number, x: number, y: number) => void) {
  const press = useRef<{ timer: number; x: number; y: number; id: number } | null>(null);
  const swallow = useRef<TapSwallow | null>(null);

  const cancel = useCallback(() => {
    if (press.current) window.clearTimeout(press.current.timer);
    press.current = null;
  }, []);
  useEffect(
    () => () => {
      cancel();
      swallow.current?.end();
    },
    [cancel],
  );

  const onPointerDown = useCallback(
    (e: PointerEvent) => {
      cancel();
      swallow.current = null; // a new press: the last one's swallowing ended at this pointerdown
      if (e.pointerType !== 'touch' || !e.isPrimary) return;
      const row = e.target instanceof Element ? e.target.closest<HTMLElement>('[role="row"][aria-rowindex]') : null;
      // aria-rowindex counts the header row and starts at 1 (FileRow); -1 is the space below the rows.
      const index = row ? Number(row.getAttribute('aria-rowindex')) - 2 : -1;
      const { clientX: x, clientY: y, pointerId: id } = e;
      const timer = window.setTimeout(() => {
        press.current = null;
        swallow.current = swallowTap();
        onLongPress(index, x, y);
      }, LONG_PRESS_MS);
      press.current = { timer, x, y, id };
    },
    [cancel, onLongPress],
  );
  const onPointerMove = useCallback(
    (e: PointerEvent) => {
      const p = press.current;
      if (p && e.pointerId === p.id && Math.hypot(e.clientX - p.x, e.clientY - p.y) > DRIFT_PX) cancel();
    },
    [cancel],
  );

  const onPointerUp = useCallback(() => {
    cancel();
    swallow.current?.lifted();
  }, [cancel]);

  return { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp };
}
