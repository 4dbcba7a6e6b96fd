/**
 * The control-channel transcript. Lines live in a mutable ring buffer (a
 * copy-on-write array of 100,000 lines per batch would be wasteful); the
 * `transcriptVersion` counter is what components subscribe to.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { RingBuffer } from '../lib/RingBuffer.ts';
import { claimDataConnections } from './actionConnections.ts';
import { createIngestMemory, ingestTranscript } from './transcriptIngest.ts';
import type { SliceCreator } from './types.ts';

/** Most transcript lines kept in memory. */
export const TRANSCRIPT_CAPACITY = 100_000;

/** Transcript state and its actions. */
export interface TranscriptSlice {
  /** Mutable buffer; read it only after selecting `transcriptVersion`. */
  transcript: RingBuffer<WireTranscriptLine>;
  /** Bumped on every change of `transcript`. */
  transcriptVersion: number;
  /** Highest `seq` ever appended; survives Clear, so new user actions still start after it. */
  lastSeq: number;
  /** Appends one batch of lines; a `STOR`/`RETR` among them tells a waiting upload or download its connection. */
  appendTranscript: (lines: readonly WireTranscriptLine[]) => void;
  /** Empties the transcript view. */
  clearTranscript: () => void;
  /**
   * Records that the user paused or cancelled the transfer running on
   * `connection`, so the abort the engine reports next reads as a status.
   */
  noteUserStop: (connection: string) => void;
  /** Takes back {@link noteUserStop}: the transfer ended on its own first, so no abort of the user's will follow. */
  forgetUserStop: (connection: string) => void;
}

/** Creates the transcript slice; `capacity` is overridable for tests. */
export function createTranscriptSlice(capacity = TRANSCRIPT_CAPACITY): SliceCreator<TranscriptSlice> {
  return (set, get) => {
    const memory = createIngestMemory();
    return {
      transcript: new RingBuffer<WireTranscriptLine>(capacity),
      transcriptVersion: 0,
      lastSeq: 0,
      appendTranscript: (incoming) => {
        if (incoming.length === 0) return;
        let lastSeq = get().lastSeq;
        for (const l of incoming) if (l.seq > lastSeq) lastSeq = l.seq;
        const lines = ingestTranscript(incoming, memory);
        get().transcript.pushAll(lines);
        set((s) => {
          const actions = claimDataConnections(s.actions, lines);
          return actions ? { transcriptVersion: s.transcriptVersion + 1, lastSeq, actions } : { transcriptVersion: s.transcriptVersion + 1, lastSeq };
        });
      },
      clearTranscript: () => {
        get().transcript.clear();
        set((s) => ({ transcriptVersion: s.transcriptVersion + 1 }));
      },
      noteUserStop: (connection) => {
        memory.userStops.set(connection, get().lastSeq);
      },
      forgetUserStop: (connection) => {
        memory.userStops.delete(connection);
      },
    };
  };
}
