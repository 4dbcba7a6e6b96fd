import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.ts';
import { createAppStore } from '../../store/index.ts';
import type { RecordedAction } from '../../store/insightSlice.ts';
import { groupsInOrder, hasDataConnection, resolveActions } from './transcriptGroups.ts';

const line = (seq: number, connection: string, kind: WireTranscriptLine['kind'], text: string, code?: number): WireTranscriptLine =>
  code === undefined ? { seq, time: 0, connection, kind, text } : { seq, time: 0, connection, kind, text, code };

// An upload on a fresh transfer connection while the browse connection lists.
const lines = [
  line(1, 'browse', 'command', 'USER ftpdeck'),
  line(2, 'browse', 'reply', '230 Login successful.', 230),
  line(3, 'transfer-1', 'command', 'USER ftpdeck'),
  line(4, 'browse', 'command', 'EPSV'),
  line(5, 'transfer-1', 'reply', '230 Login successful.', 230),
  line(6, 'transfer-1', 'command', 'TYPE I'),
  line(7, 'transfer-1', 'command', 'STOR /report.pdf'),
  line(8, 'transfer-1', 'reply', '150 Ok to send data.', 150),
  line(9, 'transfer-1', 'reply', '226 Transfer complete.', 226),
];

/** A store that saw a connect, then an upload of /report.pdf, then `lines`. */
function uploadSession(): ReturnType<typeof createAppStore> {
  const store = createAppStore();
  store.getState().recordAction('act.connect', { host: 'h' });
  store.getState().appendTranscript(lines.slice(0, 2));
  store.getState().recordAction('act.upload', { name: 'report.pdf' }, undefined, '/report.pdf');
  store.getState().appendTranscript(lines.slice(2));
  return store;
}

describe('transcript groups', () => {
  it('finds an upload’s connection from its STOR and groups its lines under it', () => {
    const actions = uploadSession().getState().actions;
    const resolved = resolveActions(actions, translator('en'));
    expect(resolved[1]).toEqual({ id: actions[1]?.id, label: 'Upload report.pdf', startSeq: 3, connection: 'transfer-1' });
    const groups = groupsInOrder(lines, resolved);
    expect(groups.map((g) => g.label)).toEqual(['Connect to h', 'Upload report.pdf']);
    expect(groups[1]?.lines.map((l) => l.seq)).toEqual([3, 5, 6, 7, 8, 9]);
    expect(groups[0]?.lines.map((l) => l.seq)).toEqual([1, 2, 4]);
    expect(hasDataConnection(groups[1] as (typeof groups)[number])).toBe(true);
    expect(hasDataConnection(groups[0] as (typeof groups)[number])).toBe(false);
  });

  it('prefers the connection the server reported, and translates labels', () => {
    const actions: RecordedAction[] = [{ id: 'a', labelKey: 'act.upload', params: { name: 'x' }, startSeq: 1, connection: 'transfer-2', dataPath: '/report.pdf' }];
    expect(resolveActions(actions, translator('zh-CN'))[0]).toMatchObject({ connection: 'transfer-2', label: '上传 x' });
  });

  it('gives two uploads of the same path their own STOR', () => {
    const store = createAppStore();
    store.getState().appendTranscript(lines.slice(0, 2));
    store.getState().recordAction('act.upload', { name: 'a' }, undefined, '/report.pdf');
    store.getState().appendTranscript(lines.slice(2, 3));
    store.getState().recordAction('act.upload', { name: 'b' }, undefined, '/report.pdf');
    store.getState().appendTranscript([...lines.slice(3), line(10, 'transfer-2', 'command', 'STOR /report.pdf')]);
    expect(resolveActions(store.getState().actions, translator('en')).map((a) => a.connection)).toEqual(['transfer-1', 'transfer-2']);
  });

  it('groups an upload’s lines the same when the filter hides its STOR (Commands chip off)', () => {
    const store = uploadSession();
    // What the panel shows with the Commands chip off: replies only.
    const shown = lines.filter((l) => l.kind !== 'command');
    const groups = groupsInOrder(shown, resolveActions(store.getState().actions, translator('en')));
    expect(groups.map((g) => [g.label, g.lines.map((l) => l.seq)])).toEqual([
      ['Connect to h', [2]],
      ['Upload report.pdf', [5, 8, 9]],
    ]);
  });

  it('records the connection at ingest, so a STOR scrolled out of view still counts', () => {
    const store = uploadSession();
    expect(store.getState().actions.map((a) => a.connection)).toEqual([undefined, 'transfer-1']);
    // A second STOR of the same path with no upload waiting claims nothing.
    store.getState().appendTranscript([line(10, 'transfer-3', 'command', 'STOR /report.pdf')]);
    expect(store.getState().actions.map((a) => a.connection)).toEqual([undefined, 'transfer-1']);
  });
});
