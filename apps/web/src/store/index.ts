/**
 * The one bound store. It is a vanilla store so the socket module (outside
 * React) can read and write it; components use the `useAppStore` hook.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createBrowserSlice } from './browserSlice.ts';
import { createSelectionSlice } from './selectionSlice.ts';
import { createSessionSlice } from './sessionSlice.ts';
import { TRANSCRIPT_CAPACITY, createTranscriptSlice } from './transcriptSlice.ts';
import { createTransfersSlice } from './transfersSlice.ts';
import type { AppState } from './types.ts';
import { createUiSlice } from './uiSlice.ts';

export type { AppState } from './types.ts';

/** Options for a fresh store (tests shrink the transcript). */
export interface StoreOptions {
  transcriptCapacity?: number;
}

/** Builds a new store from all slices. The app uses one; tests make their own. */
export function createAppStore(options: StoreOptions = {}): StoreApi<AppState> {
  const transcript = createTranscriptSlice(options.transcriptCapacity ?? TRANSCRIPT_CAPACITY);
  return createStore<AppState>()((...a) => ({
    ...createSessionSlice(...a),
    ...createBrowserSlice(...a),
    ...createSelectionSlice(...a),
    ...transcript(...a),
    ...createTransfersSlice(...a),
    ...createUiSlice(...a),
  }));
}

/** The application's store. */
export const appStore: StoreApi<AppState> = createAppStore();

/** React hook over `appStore`; select the minimum (use `useShallow` for derived objects). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
