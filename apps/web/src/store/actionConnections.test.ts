import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { describe, expect, it } from 'vitest';
import { claimDataConnections } from './actionConnections.ts';
import type { RecordedAction } from './insightSlice.ts';

const retr = (seq: number, connection: string, path: string): WireTranscriptLine => ({ seq, time: 0, connection, kind: 'command', text: `RETR ${path}` });

describe('claimDataConnections', () => {
  it('gives a file download the connection of its RETR, and a ZIP the first RETR below its folder', () => {
    const actions: RecordedAction[] = [
      { id: 'a1', labelKey: 'act.downloadZip', startSeq: 1, dataPath: '/pub/docs/' },
      { id: 'a2', labelKey: 'act.download', startSeq: 2, dataPath: '/pub/readme.txt' },
    ];
    const claimed = claimDataConnections(actions, [
      // A file beside the folder, not in it: not the ZIP's.
      retr(3, 'transfer-2', '/pub/docsfile.txt'),
      retr(4, 'transfer-1', '/pub/docs/a/b.txt'),
      retr(5, 'transfer-2', '/pub/readme.txt'),
    ]);
    expect(claimed?.map((a) => a.connection)).toEqual(['transfer-1', 'transfer-2']);
  });

  it('lets an action waiting for the exact path go before a ZIP walking its folder, and never gives a ZIP an upload', () => {
    const actions: RecordedAction[] = [
      { id: 'zip', labelKey: 'act.downloadZipMany', startSeq: 1, dataPath: '/' },
      { id: 'edit', labelKey: 'act.edit', startSeq: 2, dataPath: '/notes.txt' },
      { id: 'up', labelKey: 'act.upload', startSeq: 3, dataPath: '/new.bin' },
    ];
    const stor: WireTranscriptLine = { seq: 5, time: 0, connection: 'transfer-3', kind: 'command', text: 'STOR /other.bin' };
    const claimed = claimDataConnections(actions, [retr(4, 'transfer-2', '/notes.txt'), stor, retr(6, 'transfer-1', '/docs/a.txt'), { ...stor, seq: 7, text: 'STOR /new.bin' }]);
    expect(claimed?.map((a) => [a.id, a.connection])).toEqual([
      ['zip', 'transfer-1'],
      ['edit', 'transfer-2'],
      ['up', 'transfer-3'],
    ]);
  });
});
