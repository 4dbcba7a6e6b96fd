import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { describe, expect, it } from 'vitest';
import recorded from './fixtures/vsftpd-transcripts.json';
import { buildLadder, firstDataConnect, type LadderStep } from './sequence.ts';

const passive = recorded.passive as WireTranscriptLine[];
const active = recorded.active as WireTranscriptLine[];
const connects = (steps: LadderStep[]): Extract<LadderStep, { kind: 'connect' }>[] =>
  steps.filter((s): s is Extract<LadderStep, { kind: 'connect' }> => s.kind === 'connect');

describe('buildLadder on real vsftpd transcripts', () => {
  it('draws the passive data connection from the client to the server port announced in 229', () => {
    const m = buildLadder(passive);
    const first = firstDataConnect(m);
    expect(first).toMatchObject({ from: 'client', to: 'server', mode: 'passive', port: 27656 });
    expect(m.mode).toBe('passive');
    expect(m.dataPort).toBe(27656);
    // One control lane plus one data lane per transfer (LIST, STOR, RETR).
    expect(m.lanes.map((l) => l.kind)).toEqual(['control', 'data', 'data', 'data']);
    expect(m.lanes[0]).toMatchObject({ port: 27648, portSide: 'server' });
    expect(m.lanes.slice(1).every((l) => l.portSide === 'server')).toBe(true);
    expect(m.server.address).toBe('127.0.0.1');
  });

  it('draws the active data connection from the server to the client port announced in PORT', () => {
    const m = buildLadder(active);
    const all = connects(m.steps);
    expect(all.map((c) => [c.from, c.to, c.mode])).toEqual([
      ['server', 'client', 'active'],
      ['server', 'client', 'active'],
      ['server', 'client', 'active'],
    ]);
    // PORT 127,0,0,1,149,153 → 149×256+153 = 38297, the client's listening port.
    expect(all[0]?.port).toBe(38297);
    expect(m.lanes.slice(1).every((l) => l.portSide === 'client')).toBe(true);
    // The STOR accept is reported after the 150; it refines the inferred step rather than adding a lane.
    expect(m.lanes).toHaveLength(4);
  });

  it('differs between passive and active exactly in the initiator of the data-open arrow', () => {
    const p = firstDataConnect(buildLadder(passive));
    const a = firstDataConnect(buildLadder(active));
    expect(p?.from).toBe('client');
    expect(a?.from).toBe('server');
    expect(p?.from).not.toBe(a?.from);
  });

  it('orders commands, replies, data and closes in time with byte counts and directions', () => {
    const m = buildLadder(passive);
    expect(m.steps[0]).toMatchObject({ kind: 'control-open', port: 27648 });
    const command = m.steps.find((s) => s.kind === 'command');
    expect(command).toMatchObject({ from: 'client', to: 'server', lane: 'control' });
    const reply = m.steps.find((s) => s.kind === 'reply');
    expect(reply).toMatchObject({ from: 'server', to: 'client', code: 220 });
    const data = m.steps.filter((s) => s.kind === 'data');
    expect(data.map((d) => (d.kind === 'data' ? [d.bytes, d.direction, d.from] : []))).toEqual([
      [186, 'down', 'server'],
      [1300, 'up', 'client'],
      [18, 'down', 'server'],
    ]);
    expect(m.steps.filter((s) => s.kind === 'close')).toHaveLength(3);
    const seqs = m.steps.map((s) => s.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
  });
});

describe('buildLadder without status details', () => {
  it('infers the data connection from 227 + 150 alone', () => {
    const lines: WireTranscriptLine[] = [
      { seq: 1, time: 0, connection: 'browse', kind: 'command', text: 'PASV' },
      { seq: 2, time: 0, connection: 'browse', kind: 'reply', text: '227 Entering Passive Mode (127,0,0,1,8,86)', code: 227 },
      { seq: 3, time: 0, connection: 'browse', kind: 'command', text: 'RETR a' },
      { seq: 4, time: 0, connection: 'browse', kind: 'reply', text: '150 Opening', code: 150 },
      { seq: 5, time: 0, connection: 'browse', kind: 'reply', text: '226 Done', code: 226 },
    ];
    const m = buildLadder(lines, { controlPort: 21 });
    expect(firstDataConnect(m)).toMatchObject({ from: 'client', port: 2134, seq: 4 });
    expect(m.lanes[0]?.port).toBe(21);
  });

  it('infers an active connection from EPRT', () => {
    const lines: WireTranscriptLine[] = [
      { seq: 1, time: 0, connection: 'browse', kind: 'command', text: 'EPRT |1|127.0.0.1|40001|' },
      { seq: 2, time: 0, connection: 'browse', kind: 'reply', text: '200 EPRT ok', code: 200 },
      { seq: 3, time: 0, connection: 'browse', kind: 'command', text: 'LIST' },
      { seq: 4, time: 0, connection: 'browse', kind: 'reply', text: '150 Here it comes', code: 150 },
    ];
    expect(firstDataConnect(buildLadder(lines))).toMatchObject({ from: 'server', to: 'client', mode: 'active', port: 40001 });
  });

  it('has no data lane when only the control connection was used', () => {
    const m = buildLadder([{ seq: 1, time: 0, connection: 'browse', kind: 'command', text: 'PWD' }]);
    expect(m.lanes).toHaveLength(1);
    expect(m.mode).toBeUndefined();
  });
});

describe('buildLadder on error lines', () => {
  it('keeps an error line whether or not it carries a failure detail', () => {
    const line = (seq: number, detail?: WireTranscriptLine['detail']): WireTranscriptLine => ({
      seq,
      time: 0,
      connection: 'browse',
      kind: 'error',
      text: `error ${seq}`,
      ...(detail ? { detail } : {}),
    });
    const m = buildLadder([line(1), line(2, { type: 'failure', errorCode: 'FTP_ERR_CERT_UNTRUSTED' })]);
    expect(m.steps.filter((s) => s.kind === 'error').map((s) => [s.seq, (s as { text: string }).text])).toEqual([
      [1, 'error 1'],
      [2, 'error 2'],
    ]);
  });
});
