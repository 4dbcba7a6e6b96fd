import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { describe, expect, it } from 'vitest';
import { createAppStore } from './index.ts';


let seq = 0;
const line = (kind: WireTranscriptLine['kind'], text: string, extra: Partial<WireTranscriptLine> = {}): WireTranscriptLine => ({
  seq: ++seq,
  time: 1_700_000_000_000 + seq,
  connection: 'browse',
  kind,
  text,
  ...extra,
});

/** The engine's words for FTP_ERR_ABORTED; the ingest goes by the detail, not these. */
const ABORTED = 'The transfer was aborted';
const aborted = { detail: { type: 'failure', errorCode: 'FTP_ERR_ABORTED' } } as const;

const kept = (store: ReturnType<typeof createAppStore>): string[] => store.getState().transcript.slice().map((l) => `${l.connection} ${l.kind} ${l.text}`);

describe('transcript ingest', () => {
  it('shows a failed login once: the engine echoes the same error when it closes the connection', () => {
    const store = createAppStore();
    store.getState().appendTranscript([
      line('reply', '530 Login incorrect.', { code: 530 }),
      line('error', 'Login refused: 530 Login incorrect.', { code: 530 }),
    ]);
    // The echo can arrive in the next batch too.
    store.getState().appendTranscript([line('error', 'Login refused: 530 Login incorrect.', { code: 530 })]);
    expect(kept(store)).toEqual(['browse reply 530 Login incorrect.', 'browse error Login refused: 530 Login incorrect.']);
    // lastSeq still counts the dropped echo, so later actions start after it.
    expect(store.getState().lastSeq).toBe(seq);
  });

  it('keeps the same error when something happened in between, and errors of other connections', () => {
    const store = createAppStore();
    store.getState().appendTranscript([
      line('error', 'Could not list'),
      line('error', 'Could not list', { connection: 'transfer-1' }),
      line('command', 'PWD'),
      line('error', 'Could not list'),
    ]);
    expect(kept(store)).toEqual(['browse error Could not list', 'transfer-1 error Could not list', 'browse command PWD', 'browse error Could not list']);
  });

  it("turns the abort after the user's pause into a status line, once, on that connection only", () => {
    const store = createAppStore();
    store.getState().appendTranscript([line('command', 'STOR /video.mkv', { connection: 'transfer-1' })]);
    store.getState().noteUserStop('transfer-1');
    store.getState().appendTranscript([
      line('command', 'ABOR', { connection: 'transfer-1' }),
      line('error', ABORTED, { connection: 'transfer-2', ...aborted }),
      line('error', ABORTED, { connection: 'transfer-1', ...aborted }),
      line('command', 'STOR /video.mkv', { connection: 'transfer-1' }),
      line('error', ABORTED, { connection: 'transfer-1', ...aborted }),
    ]);
    expect(kept(store)).toEqual([
      'transfer-1 command STOR /video.mkv',
      'transfer-1 command ABOR',
      `transfer-2 error ${ABORTED}`,
      `transfer-1 status ${ABORTED}`,
      'transfer-1 command STOR /video.mkv',
      // Nobody asked for this one: it stays an error.
      `transfer-1 error ${ABORTED}`,
    ]);
  });

  it('goes by the failure detail, not the words: another failure after a stop stays an error', () => {
    const store = createAppStore();
    store.getState().noteUserStop('transfer-1');
    store.getState().appendTranscript([
      line('error', ABORTED, { connection: 'transfer-1', detail: { type: 'failure', errorCode: 'FTP_ERR_TIMEOUT' } }),
      line('error', 'Transfer abgebrochen', { connection: 'transfer-1', ...aborted }),
    ]);
    expect(kept(store)).toEqual([`transfer-1 error ${ABORTED}`, 'transfer-1 status Transfer abgebrochen']);
  });
});
