import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../store/index.ts';
import { aTransfer } from '../../store/testing/transfers.ts';
import { cancellableKeys, summarizeQueue } from './queueSummary.ts';

describe('summarizeQueue', () => {
  it('counts each state, and walks the rows again only when the transfer table changed', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().addTransfers([aTransfer('a', { status: 'queued' }), aTransfer('b', { status: 'sending' }), aTransfer('c', { status: 'done' }), aTransfer('d', { status: 'failed', canRetry: true })]);
    const first = summarizeQueue(s());
    expect(first).toMatchObject({ active: 2, queued: 1, done: 1, failed: 1, retryable: 1 });
    // A transcript line is a store write that leaves the table alone: the same summary object.
    s().appendTranscript([{ seq: 1, time: 0, connection: 'browse', kind: 'command', text: 'NOOP' }]);
    expect(summarizeQueue(s())).toBe(first);
    s().patchTransfers({ a: { status: 'done' } });
    expect(summarizeQueue(s())).toMatchObject({ active: 1, queued: 0, done: 2 });
    s().clearFinishedTransfers();
    expect(summarizeQueue(s())).toMatchObject({ active: 1, done: 0 });
  });
});

describe('cancellableKeys', () => {
  it('takes every unfinished row, newest first, but not a download at its check, which the browser already has', () => {
    const store = createAppStore();
    store.getState().addTransfers([
      aTransfer('a', { status: 'sending' }),
      aTransfer('b', { status: 'done' }),
      aTransfer('c', { direction: 'download', status: 'finishing' }),
      aTransfer('d', { direction: 'download', status: 'sending' }),
      aTransfer('e', { status: 'finishing' }),
      aTransfer('f', { status: 'queued' }),
    ]);
    expect(cancellableKeys(store.getState())).toEqual(['f', 'e', 'd', 'a']);
  });
});
