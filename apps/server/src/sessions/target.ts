/**
 * Where a session may connect: the target policy's answer for `host:port`,
 * and what a refusal tells the user (a transcript line) and the operator
 * (a log entry). Kept apart from Session.ts, which only needs the address.
 */
import { ServerErrorCodes, type WireTranscriptDetail } from '@ftpdeck/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { TargetPolicy } from '../policy/targetPolicy.ts';
import { ServerError } from './toWire.ts';

/** Where a refusal is reported. */
export interface TargetReport {
  /** Writes a `relay` line to the session's transcript. */
  status(text: string, kind: 'status' | 'error', detail?: WireTranscriptDetail): void;
  log: FastifyBaseLogger;
  /** The session's id as its log lines name it. */
  logId: string;
}

/**
 * The address to dial for `host:port`. A name that does not resolve is
 * SRV_ERR_DNS (retryable: a typo or a DNS outage, not the policy's doing);
 * a target the policy refuses is SRV_ERR_TARGET_BLOCKED. Either way the
 * transcript says why first, and a block's resolved address goes to the log
 * only (see TargetPolicy.checkAddress).
 */
export async function resolveTarget(policy: TargetPolicy, host: string, port: number, report: TargetReport): Promise<string> {
  const decision = await policy.resolve(host, port);
  if (decision.ok) return decision.address;
  if (decision.unresolved) {
    report.status(`The host name ${decision.reason}; check it, or retry if DNS was down`, 'error', { type: 'failure', errorCode: ServerErrorCodes.DNS });
    throw new ServerError(ServerErrorCodes.DNS, `the host name ${decision.reason}`, true);
  }
  report.log.info({ session: report.logId, host, port, address: decision.address, reason: decision.reason }, 'FTP target blocked');
  report.status(`Connection to ${host}:${port} blocked by the server's policy: ${decision.reason}`, 'error', {
    type: 'blocked',
    target: `${host}:${port}`,
    reason: decision.reason,
  });
  throw new ServerError(ServerErrorCodes.TARGET_BLOCKED, `connection to ${host}:${port} is not allowed: ${decision.reason}`);
}
