import { describe, expect, it } from 'vitest';
import { createAppStore } from './index.ts';

describe('insightSlice', () => {
  it('starts an action after the last seen seq, even after Clear', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().appendTranscript([{ seq: 41, time: 0, connection: 'browse', kind: 'command', text: 'NOOP' }]);
    s().clearTranscript();
    const id = s().recordAction('act.mkdir', { name: 'x' });
    expect(s().actions).toEqual([{ id, labelKey: 'act.mkdir', params: { name: 'x' }, startSeq: 42 }]);
    s().setActionConnection(id, 'transfer-1');
    expect(s().actions[0]?.connection).toBe('transfer-1');
  });

  it('switches tabs and remembers an unsupported chmod', () => {
    const store = createAppStore();
    const s = () => store.getState();
    expect(s().sideTab).toBe('transcript');
    s().showSequence('a7');
    expect([s().sideTab, s().sequenceGroup]).toEqual(['sequence', 'a7']);
    s().setChmodUnsupported(true);
    expect(s().chmodUnsupported).toBe(true);
  });
});
