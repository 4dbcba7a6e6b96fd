/**
 * A vertical drag handle that resizes the transcript pane. Keyboard:
 * Left/Right move it by 24 px. The width is kept in localStorage and is one
 * for the window: every site tab's app shows the same width.
 */
import { useCallback, useEffect, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useTabActive } from '../../hooks/tabContext.ts';
import { useT } from '../../i18n/useT.ts';
import './Splitter.css';

const KEY = 'ftpdeck.transcriptWidth';
const MIN = 280;
const MAX_FRACTION = 0.6;

function clamp(width: number): number {
  return Math.round(Math.max(MIN, Math.min(window.innerWidth * MAX_FRACTION, width)));
}

function savedWidth(): number {
  try {
    const saved = Number(localStorage.getItem(KEY));
    return Number.isFinite(saved) && saved > 0 ? saved : 460;
  } catch {
    return 460;
  }
}

/** The window's transcript width; read from localStorage on first use. */
let widthStore: StoreApi<{ width: number }> | null = null;
function getWidthStore(): StoreApi<{ width: number }> {
  widthStore ??= createStore<{ width: number }>()(() => ({ width: savedWidth() }));
  return widthStore;
}

/** The transcript width (default 460) and its setter, shared by every site tab. */
export function useTranscriptWidth(): [number, (w: number) => void] {
  const store = getWidthStore();
  const width = useStore(store, (s) => s.width);
  const set = useCallback(
    (w: number) => {
      const next = clamp(w);
      store.setState({ width: next });
      try {
        localStorage.setItem(KEY, String(next));
      } catch {
        // Remembering the width is optional.
      }
    },
    [store],
  );
  return [width, set];
}

/** The splitter between the file pane and the transcript pane. */
export function Splitter({ width, onWidth }: { width: number; onWidth: (w: number) => void }) {
  const t = useT();
  const [dragging, setDragging] = useState(false);
  const active = useTabActive();

  useEffect(() => {
    if (!dragging || !active) return;
    const move = (e: globalThis.PointerEvent) => onWidth(window.innerWidth - e.clientX);
    const up = () => setDragging(false);
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
  }, [dragging, active, onWidth]);

  const onPointerDown = (e: PointerEvent) => {
    e.preventDefault();
    setDragging(true);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft') onWidth(width + 24);
    else if (e.key === 'ArrowRight') onWidth(width - 24);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={t('splitter.label')}
      aria-valuenow={width}
      aria-valuemin={MIN}
      tabIndex={0}
      className={`splitter${dragging ? ' is-dragging' : ''}`}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
