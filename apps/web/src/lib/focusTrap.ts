/**
 * Keeping focus with a modal surface (a dialog, the editor): Tab stays
 * inside it, and closing it gives focus back. The rest of the page is inert
 * while it is open, but Tab past the last control (or Shift+Tab before the
 * first) would still leave the page for the browser's own toolbar; Tab
 * wraps round instead.
 */
import type { KeyboardEvent } from 'react';

const TABBABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** On Tab at either end of `box`'s controls, moves focus to the other end. */
export function wrapTab(e: KeyboardEvent, box: HTMLElement | null): void {
  if (e.key !== 'Tab' || !box) return;
  const stops = [...box.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => !el.matches(':disabled') && el.tabIndex >= 0 && el.getClientRects().length > 0);
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) return;
  const at = document.activeElement;
  if (e.shiftKey && (at === first || !box.contains(at))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (at === last || !box.contains(at))) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * Gives focus back when a modal surface closes: to what had it before, or
 * to the tab's file list when that is gone or disabled now (Delete's
 * button once its rows are deleted, a context menu's item).
 */
export function returnFocus(back: Element | null, tabRoot: ParentNode): void {
  if (back instanceof HTMLElement && back.isConnected && !back.matches(':disabled')) back.focus();
  else tabRoot.querySelector<HTMLElement>('[role="grid"]')?.focus();
}
