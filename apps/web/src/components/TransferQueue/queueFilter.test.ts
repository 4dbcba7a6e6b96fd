import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../store/index.ts';
import { aTransfer } from '../../store/testing/transfers.ts';
import { filteredOrder, groupCount, groupOf } from './queueFilter.ts';
import { summarizeQueue } from './queueSummary.ts';
import type { TransferStatus } from '../../store/transfersSlice.ts';

describe('queueFilter', () => {
  it('puts each status in the group whose header count counts it', () => {
    const store = createAppStore();
    const statuses: TransferStatus[] = ['queued', 'starting', 'sending', 'finishing', 'paused', 'done', 'failed', 'cancelled', 'skipped'];
    store.getState().addTransfers(statuses.map((status) => aTransfer(status, { status })));
    const q = summarizeQueue(store.getState());
    for (const group of ['running', 'queued', 'paused', 'done', 'failed', 'stopped'] as const) {
      expect(groupCount(q, group)).toBe(statuses.filter((s) => groupOf(s) === group).length);
      expect(filteredOrder(store.getState(), group)).toEqual(statuses.filter((s) => groupOf(s) === group));
    }
    expect(filteredOrder(store.getState(), 'running')).toEqual(['starting', 'sending', 'finishing']);
    expect(filteredOrder(store.getState(), 'stopped')).toEqual(['cancelled', 'skipped']);
  });

  it('walks the rows again only when the table, the order or the filter changed', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().addTransfers([aTransfer('a', { status: 'failed' }), aTransfer('b', { status: 'done' })]);
    expect(filteredOrder(s(), 'all')).toBe(s().transferOrder);
    const first = filteredOrder(s(), 'failed');
    expect(first).toEqual(['a']);
    s().appendTranscript([{ seq: 1, time: 0, connection: 'browse', kind: 'command', text: 'NOOP' }]);
    expect(filteredOrder(s(), 'failed')).toBe(first);
    expect(filteredOrder(s(), 'done')).toEqual(['b']);
    s().patchTransfers({ b: { status: 'failed' } });
    expect(filteredOrder(s(), 'failed')).toEqual(['a', 'b']);
  });
});
