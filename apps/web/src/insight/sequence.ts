/**
 * Builds a ladder (sequence) diagram model from transcript lines: who talks
 * to whom, on which connection, in time order. The data connection's TCP
 * open is drawn from its initiator, which is the whole difference between
 * passive mode (client → server's announced port) and active mode (server →
 * the port the client announced in PORT/EPRT). Pure; the view translates.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { decodeEprt, decodeEpsv, decodePasv, decodePort, splitCommand } from './decode.ts';
import { asInsightDetail } from './detail.ts';

/** A side of the conversation. */
export type Party = 'client' | 'server';

/** What is known about one side's address. */
export interface LadderEndpoint {
  address?: string;
}

/** A horizontal connection (lane) between the two sides. */
export interface LadderLane {
  id: string;
  kind: 'control' | 'data';
  /** The well-known end's port: the server's for control and passive data, the client's for active data. */
  port?: number;
  /** Which side listens on `port`. */
  portSide: Party;
  mode?: 'passive' | 'active';
}

interface StepBase {
  seq: number;
  lane: string;
  from: Party;
  to: Party;
}

/** One arrow of the diagram. */
export type LadderStep =
  | (StepBase & { kind: 'control-open'; port?: number })
  | (StepBase & { kind: 'command'; text: string; verb: string })
  | (StepBase & { kind: 'reply'; text: string; code?: number })
  | (StepBase & { kind: 'tls'; version: string; channel: 'control' | 'data' })
  | (StepBase & { kind: 'connect'; mode: 'passive' | 'active'; port?: number })
  | (StepBase & { kind: 'data'; bytes: number; direction: 'up' | 'down' })
  | (StepBase & { kind: 'close' })
  | (StepBase & { kind: 'error'; text: string });

/** The whole diagram. */
export interface LadderModel {
  client: LadderEndpoint;
  server: LadderEndpoint;
  lanes: LadderLane[];
  steps: LadderStep[];
  /** The first data connection's mode and listening port, for the caption. */
  mode?: 'passive' | 'active';
  dataPort?: number;
}

/** Optional facts the caller knows from the session (used when lines lack them). */
export interface LadderOptions {
  /** The control connection's server port (SessionState.port). */
  controlPort?: number;
  serverAddress?: string;
}

const UPLOAD_VERBS = new Set(['STOR', 'STOU', 'APPE']);
const DATA_VERBS = new Set(['LIST', 'NLST', 'MLSD', 'RETR', 'STOR', 'STOU', 'APPE']);

/** Id of the control lane. */
export const CONTROL_LANE = 'control';

/** Builds the ladder model of a group's lines (any order; sorted by `seq`). */
export function buildLadder(lines: readonly WireTranscriptLine[], options: LadderOptions = {}): LadderModel {
  const control: LadderLane = { id: CONTROL_LANE, kind: 'control', portSide: 'server' };
  if (options.controlPort !== undefined) control.port = options.controlPort;
  const model: LadderModel = { client: {}, server: {}, lanes: [control], steps: [] };
  if (options.serverAddress) model.server.address = options.serverAddress;

  /** Endpoint announced by 227/229/PORT/EPRT and not yet opened. */
  let pending: { mode: 'passive' | 'active'; port: number } | undefined;
  /** The data lane currently open, if any. */
  let open: LadderLane | undefined;
  /** The connect step of `open` when it was inferred from a 150/125 reply, not reported by data-open. */
  let inferred: Extract<LadderStep, { kind: 'connect' }> | undefined;
  let lastDataVerb = '';

  const newDataLane = (mode: 'passive' | 'active', port: number | undefined): LadderLane => {
    const lane: LadderLane = {
      id: `data-${model.lanes.length}`,
      kind: 'data',
      portSide: mode === 'passive' ? 'server' : 'client',
      mode,
    };
    if (port !== undefined) lane.port = port;
    model.lanes.push(lane);
    if (model.mode === undefined) {
      model.mode = mode;
      if (port !== undefined) model.dataPort = port;
    }
    return lane;
  };
  const connect = (seq: number, mode: 'passive' | 'active', port: number | undefined): Extract<LadderStep, { kind: 'connect' }> => {
    open = newDataLane(mode, port);
    const from: Party = mode === 'passive' ? 'client' : 'server';
    const step: Extract<LadderStep, { kind: 'connect' }> = { kind: 'connect', seq, lane: open.id, from, to: from === 'client' ? 'server' : 'client', mode };
    if (port !== undefined) step.port = port;
    model.steps.push(step);
    pending = undefined;
    return step;
  };

  for (const line of [...lines].sort((a, b) => a.seq - b.seq)) {
    if (line.kind === 'command') {
      const { verb } = splitCommand(line.text);
      model.steps.push({ kind: 'command', seq: line.seq, lane: CONTROL_LANE, from: 'client', to: 'server', text: line.text, verb });
      if (verb === 'PORT') {
        const d = decodePort(line.text);
        if (d) pending = { mode: 'active', port: d.port };
      } else if (verb === 'EPRT') {
        const d = decodeEprt(line.text);
        if (d) pending = { mode: 'active', port: d.port };
      }
      if (DATA_VERBS.has(verb)) lastDataVerb = verb;
      continue;
    }
    if (line.kind === 'reply') {
      const step: LadderStep = { kind: 'reply', seq: line.seq, lane: CONTROL_LANE, from: 'server', to: 'client', text: line.text };
      if (line.code !== undefined) step.code = line.code;
      model.steps.push(step);
      if (line.code === 227) {
        const d = decodePasv(line.text);
        if (d) pending = { mode: 'passive', port: d.port };
      } else if (line.code === 229) {
        const d = decodeEpsv(line.text);
        if (d) pending = { mode: 'passive', port: d.port };
      } else if ((line.code === 150 || line.code === 125) && pending && !open) {
        // The connection evidently exists by now; a data-open line may still follow (active
        // mode reports the accept after the 150) and then only refines this step.
        inferred = connect(line.seq, pending.mode, pending.port);
      }
      continue;
    }
    const detail = asInsightDetail(line.detail);
    if (!detail) {
      if (line.kind === 'error') {
        model.steps.push({ kind: 'error', seq: line.seq, lane: CONTROL_LANE, from: 'client', to: 'client', text: line.text });
      }
      continue;
    }
    switch (detail.type) {
      case 'connected':
        model.server.address = detail.address;
        control.port = detail.port;
        model.steps.push({ kind: 'control-open', seq: line.seq, lane: CONTROL_LANE, from: 'client', to: 'server', port: detail.port });
        break;
      case 'tls':
        model.steps.push({
          kind: 'tls',
          seq: line.seq,
          lane: detail.channel === 'data' && open ? open.id : CONTROL_LANE,
          from: 'client',
          to: 'server',
          version: detail.version,
          channel: detail.channel,
        });
        break;
      case 'data-open': {
        model.client.address ??= detail.localAddress;
        model.server.address ??= detail.remoteAddress;
        // The listening end's port: the server's in passive mode, ours in active mode.
        const port = (detail.initiator === 'client' ? detail.remotePort : detail.localPort) || pending?.port;
        if (inferred && open) {
          if (port !== undefined) {
            inferred.port = port;
            open.port = port;
            if (model.lanes[1] === open) model.dataPort = port;
          }
          inferred = undefined;
          break;
        }
        connect(line.seq, detail.initiator === 'client' ? 'passive' : 'active', port);
        break;
      }
      case 'data-close': {
        if (!open && pending) connect(line.seq, pending.mode, pending.port);
        const lane = open ?? newDataLane(detail.mode, undefined);
        const up = UPLOAD_VERBS.has(lastDataVerb);
        model.steps.push({
          kind: 'data',
          seq: line.seq,
          lane: lane.id,
          from: up ? 'client' : 'server',
          to: up ? 'server' : 'client',
          bytes: detail.bytes,
          direction: up ? 'up' : 'down',
        });
        model.steps.push({ kind: 'close', seq: line.seq, lane: lane.id, from: up ? 'client' : 'server', to: up ? 'server' : 'client' });
        open = undefined;
        inferred = undefined;
        break;
      }
      case 'failure':
        // An error line with its error code (an untrusted certificate, a refused login): still a step of the story.
        model.steps.push({ kind: 'error', seq: line.seq, lane: CONTROL_LANE, from: 'client', to: 'client', text: line.text });
        break;
      default:
        break;
    }
  }
  return model;
}

/** The first TCP-connect step of a data connection, if any. */
export function firstDataConnect(model: LadderModel): Extract<LadderStep, { kind: 'connect' }> | undefined {
  for (const s of model.steps) if (s.kind === 'connect') return s;
  return undefined;
}
