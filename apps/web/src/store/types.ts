/**
 * The shape of the one bound store, assembled from slices. Each slice is a
 * `StateCreator<AppState, [], [], Slice>` so it can read the whole state.
 */
import type { StateCreator } from 'zustand';
import type { BrowserSlice } from './browserSlice.ts';
import type { DeletesSlice } from './deletesSlice.ts';
import type { InsightSlice } from './insightSlice.ts';
import type { SelectionSlice } from './selectionSlice.ts';
import type { SessionSlice } from './sessionSlice.ts';
import type { TranscriptSlice } from './transcriptSlice.ts';
import type { TransfersSlice } from './transfersSlice.ts';
import type { UiSlice } from './uiSlice.ts';

/** Everything the UI knows. */
export type AppState = SessionSlice & BrowserSlice & SelectionSlice & TranscriptSlice & TransfersSlice & UiSlice & InsightSlice & DeletesSlice;

/** Creator type every slice uses. */
export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
