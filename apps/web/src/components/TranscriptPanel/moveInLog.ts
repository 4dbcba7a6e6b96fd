/**
 * Keyboard movement inside the transcript. The log is one tab stop (its
 * group toggles and "explain" buttons take no Tab of their own), so the
 * panels after it are a Tab away however long the session has run; the
 * arrows, Home and End move between those buttons instead.
 */
import type { KeyboardEvent } from 'react';

const STOPS = 'button.tp-group-toggle, button.tp-explain';

/** Handles ArrowUp/ArrowDown/Home/End on the log or a button in it; other keys pass. */
export function moveInLog(e: KeyboardEvent<HTMLElement>): void {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
  const log = e.currentTarget;
  const stops = [...log.querySelectorAll<HTMLElement>(STOPS)];
  if (stops.length === 0) return;
  const at = stops.indexOf(document.activeElement as HTMLElement);
  let next: number;
  if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = stops.length - 1;
  // From the log itself, down starts at the top and up at the newest line.
  else if (at < 0) next = e.key === 'ArrowDown' ? 0 : stops.length - 1;
  else next = Math.max(0, Math.min(stops.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
  e.preventDefault();
  stops[next]?.focus();
}
