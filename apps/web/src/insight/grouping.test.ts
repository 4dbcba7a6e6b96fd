import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { describe, expect, it } from 'vitest';
import { SESSION_GROUP_ID, groupLines, type UserAction } from './grouping.ts';

const l = (seq: number, connection: string, text = `line ${seq}`): WireTranscriptLine => ({ seq, time: 0, connection, kind: 'command', text });

describe('groupLines', () => {
  const lines = [
    l(1, 'browse', 'USER a'),
    l(2, 'browse', 'PASS ****'),
    l(3, 'relay', 'policy ok'),
    l(10, 'browse', 'EPSV'),
    l(11, 'browse', 'MLSD /'),
    l(120, 'transfer-1', 'STOR report.pdf'),
    l(121, 'browse', 'CWD /docs'),
    l(125, 'transfer-1', '226 done'),
    l(200, 'transfer-1', 'STOR b.txt'),
    l(119, 'transfer-1', 'USER early'),
  ];
  const actions: UserAction[] = [
    { id: 'up2', label: 'Upload b.txt', startSeq: 200, connection: 'transfer-1' },
    { id: 'list', label: 'Open /', startSeq: 10 },
    { id: 'up1', label: 'Upload report.pdf', startSeq: 120, connection: 'transfer-1' },
    { id: 'cd', label: 'Open /docs', startSeq: 121, connection: 'browse' },
  ];

  it('puts lines under the action that caused them, per connection, until the next action there', () => {
    const groups = groupLines(lines, actions);
    const byId = Object.fromEntries(groups.map((g) => [g.id, g.lines.map((x) => x.seq)]));
    expect(byId).toEqual({
      [SESSION_GROUP_ID]: [1, 2, 3, 119],
      list: [10, 11],
      up1: [120, 125],
      cd: [121],
      up2: [200],
    });
    expect(groups.map((g) => g.id)).toEqual([SESSION_GROUP_ID, 'list', 'up1', 'cd', 'up2']);
    expect(groups.find((g) => g.id === 'up1')?.label).toBe('Upload report.pdf');
  });

  it('keeps every line exactly once and does not mutate its inputs', () => {
    const copy = structuredClone(lines);
    const groups = groupLines(lines, actions);
    expect(groups.flatMap((g) => g.lines).map((x) => x.seq).sort((a, b) => a - b)).toEqual(lines.map((x) => x.seq).sort((a, b) => a - b));
    expect(lines).toEqual(copy);
  });

  it('returns only the session group without actions, and empty action groups when nothing happened yet', () => {
    expect(groupLines(lines, []).map((g) => g.id)).toEqual([SESSION_GROUP_ID]);
    const g = groupLines([], [{ id: 'x', label: 'Refresh', startSeq: 5 }]);
    expect(g).toEqual([{ id: 'x', label: 'Refresh', action: { id: 'x', label: 'Refresh', startSeq: 5 }, lines: [] }]);
  });
});
