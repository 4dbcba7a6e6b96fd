/**
 * Builds the stores. Each site tab owns one (lib/siteTab.ts); it is a vanilla
 * store so the tab's socket and queues (outside React) can read and write
 * it, and components reach it through `StoreProvider` / `useAppStore`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createBrowserSlice } from './browserSlice.ts';
import { createDeletesSlice } from './deletesSlice.ts';
import { createInsightSlice } from './insightSlice.ts';
import { createSelectionSlice } from './selectionSlice.ts';
import { createSessionSlice } from './sessionSlice.ts';
import { TRANSCRIPT_CAPACITY, createTranscriptSlice } from './transcriptSlice.ts';
import { createTransfersSlice } from './transfersSlice.ts';
import type { AppState } from './types.ts';
import { createUiSlice } from './uiSlice.ts';

export type { AppState } from './types.ts';
export { StoreProvider, useAppStore, useStoreApi } from './StoreProvider.tsx';
export { useFramedAppStore, type FramedOptions } from './useFramedAppStore.ts';

/** Options for a fresh store (tests shrink the transcript). */
export interface StoreOptions {
  transcriptCapacity?: number;
}

/** Builds a new store from all slices: one per site tab, and one per test. */
export function createAppStore(options: StoreOptions = {}): StoreApi<AppState> {
  const transcript = createTranscriptSlice(options.transcriptCapacity ?? TRANSCRIPT_CAPACITY);
  return createStore<AppState>()((...a) => ({
    ...createSessionSlice(...a),
    ...createBrowserSlice(...a),
    ...createSelectionSlice(...a),
    ...transcript(...a),
    ...createTransfersSlice(...a),
    ...createUiSlice(...a),
    ...createInsightSlice(...a),
    ...createDeletesSlice(...a),
  }));
}
