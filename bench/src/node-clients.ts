/**
 * The two Node clients behind one shape: connect, one operation, close.
 * Both get the same destination and source, so only the client differs. By
 * default that is what curl gets too: downloads go to the local path
 * /dev/null and uploads come from the file's path, through each client's
 * path API (ours: `download(path, localPath)` / `upload(localPath, path)`;
 * basic-ftp: `downloadTo(localPath, …)` / `uploadFrom(localPath, …)`). With
 * --streams they get a Writable that drops bytes and a default fs read
 * stream instead.
 */
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client as BasicFtpClient } from 'basic-ftp';
import { FtpClient } from '@ftpdeck/ftp-engine';
import { REUSE_BUFFERS_ENV, STREAMS_ENV } from './options.ts';
import type { Job, JobResult } from './jobs.ts';

/** What a Node client run measured (see JobResult). */
export type NodeJobResult = Omit<JobResult, 'rss'>;

/** CPU time since `since` (a process.cpuUsage() value), ms. */
function cpuMsSince(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/** Hooks around the timed part of a job. */
export interface JobHooks {
  /** Called right before connect starts (the RSS baseline is taken here). */
  beforeConnect(): void;
}

/** Bytes seen by a discarding sink. */
export interface CountingSink {
  stream: Writable;
  bytes(): number;
}

/** A Writable that accepts every chunk at once and keeps nothing. */
export function discardingSink(): CountingSink {
  let n = 0;
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      n += chunk.length;
      done();
    },
  });
  return { stream, bytes: () => n };
}

/** Where downloads go when the clients use local paths. */
const NULL_DEVICE = '/dev/null';

function useStreams(): boolean {
  return process.env[STREAMS_ENV] === '1';
}

/** Runs `job` (without RSS sampling, which the worker does around it). */
export async function runNodeJob(job: Job, hooks: JobHooks): Promise<NodeJobResult> {
  if (job.op === 'read-source' || job.client === 'no-client') return readSourceOnly(job, hooks);
  return job.client === 'engine' ? runEngine(job, hooks) : runBasicFtp(job, hooks);
}

/** The upload source into the sink, no network: what the source alone costs in memory. */
async function readSourceOnly(job: Job, hooks: JobHooks): Promise<NodeJobResult> {
  const sink = discardingSink();
  hooks.beforeConnect();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await pipeline(createReadStream(localPathOf(job)), sink.stream);
  return { ms: performance.now() - started, cpuMs: cpuMsSince(cpu), setupMs: 0, count: sink.bytes() };
}

async function runEngine(job: Job, hooks: JobHooks): Promise<NodeJobResult> {
  const { host, port, user, password } = job.login;
  const client = new FtpClient({ host, port, user, password, connectionLabel: 'bench' });
  hooks.beforeConnect();
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    await client.connect();
    const setupMs = performance.now() - started;
    let count: number | undefined;
    if (job.op === 'download' && !useStreams()) {
      count = (await client.download(job.remotePath, NULL_DEVICE)).bytes;
    } else if (job.op === 'download') {
      const sink = discardingSink();
      await client.download(job.remotePath, sink.stream, { reuseBuffers: process.env[REUSE_BUFFERS_ENV] === '1' });
      count = sink.bytes();
    } else if (job.op === 'upload') {
      const source = useStreams() ? createReadStream(localPathOf(job)) : localPathOf(job);
      const sent = await client.upload(source, job.remotePath);
      count = sent.bytes;
    } else {
      count = (await client.list(job.remotePath)).length;
    }
    const r = { ms: performance.now() - started, cpuMs: cpuMsSince(cpu), setupMs };
    return count === undefined ? r : { ...r, count };
  } finally {
    await client.close();
  }
}

async function runBasicFtp(job: Job, hooks: JobHooks): Promise<NodeJobResult> {
  const { host, port, user, password } = job.login;
  const client = new BasicFtpClient();
  hooks.beforeConnect();
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    await client.access({ host, port, user, password, secure: false });
    const setupMs = performance.now() - started;
    let count: number | undefined;
    if (job.op === 'download' && !useStreams()) {
      // /dev/null keeps no count; basic-ftp rejects unless the data ended and the server said 2xx.
      await client.downloadTo(NULL_DEVICE, job.remotePath);
      count = undefined;
    } else if (job.op === 'download') {
      const sink = discardingSink();
      await client.downloadTo(sink.stream, job.remotePath);
      count = sink.bytes();
    } else if (job.op === 'upload') {
      // basic-ftp does not report bytes sent without its progress tracker,
      // which would add work; the runner checks the size on disk instead.
      await client.uploadFrom(useStreams() ? createReadStream(localPathOf(job)) : localPathOf(job), job.remotePath);
      count = undefined;
    } else {
      count = (await client.list(job.remotePath)).length;
    }
    const r = { ms: performance.now() - started, cpuMs: cpuMsSince(cpu), setupMs };
    return count === undefined ? r : { ...r, count };
  } finally {
    client.close();
  }
}

function localPathOf(job: Job): string {
  if (!job.localPath) throw new Error(`${job.client} ${job.op}: no local file given`);
  return job.localPath;
}
