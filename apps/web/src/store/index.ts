/**
 * The one bound store. It is a vanilla store so the socket module (outside
 * React) can read and write it; components use the `useAppStore` hook.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createBrowserSlice } from './browserSlice.ts';
import { createInsightSlice } from './insightSlice.ts';
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
    ...createInsightSlice(...a),
  }));
}

/** The first site tab's store; further tabs make their own (components/Tabs). */
const firstStore: StoreApi<AppState> = createAppStore();
let activeStore: StoreApi<AppState> = firstStore;

/**
 * The store of the site tab on screen. Several tabs each own a store and keep
 * running in the background (their socket and queues hold their own store);
 * the UI reads whichever is active, and remounts when the active tab changes.
 */
export const appStore: StoreApi<AppState> = {
  getState: () => activeStore.getState(),
  getInitialState: () => activeStore.getInitialState(),
  // Forwarding both setState overloads needs a cast; the arguments pass through untouched.
  setState: ((...args: unknown[]) => (activeStore.setState as (...a: unknown[]) => void)(...args)) as StoreApi<AppState>['setState'],
  subscribe: (listener) => activeStore.subscribe(listener),
};

/** The store tab 1 uses (the page's own session). */
export function getFirstStore(): StoreApi<AppState> {
  return firstStore;
}

/** Points `appStore` (and with it every component) at a tab's store. */
export function setActiveStore(store: StoreApi<AppState>): void {
  activeStore = store;
}

/** React hook over `appStore`; select the minimum (use `useShallow` for derived objects). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
