/**
 * Child-process entry for the Node clients (started by workers.ts with
 * `--expose-gc` and the tsx loader). It runs one job per message, in order,
 * and answers each on the IPC channel; it exits when the runner disconnects.
 *
 * Before each job it runs a full GC, so the RSS baseline and the heap the
 * job starts from are the same for every job and client.
 */
import type { Job, JobReply, JobRequest, JobResult, RssFigures, WorkerReady } from './jobs.ts';
import { runNodeJob } from './node-clients.ts';

// Present because workers.ts starts us with --expose-gc; the guard keeps a manual run working.
const collect: () => void = typeof globalThis.gc === 'function' ? () => globalThis.gc!() : () => undefined;

async function runJob(job: Job): Promise<JobResult> {
  collect();
  let rss: RssFigures | undefined;
  let timer: NodeJS.Timeout | undefined;
  const sample = (): void => {
    if (!rss) return;
    const now = process.memoryUsage.rss();
    if (now > rss.peak) rss.peak = now;
    rss.samples++;
  };
  try {
    const result = await runNodeJob(job, {
      beforeConnect() {
        if (job.rssSampleMs <= 0) return;
        const baseline = process.memoryUsage.rss();
        rss = { baseline, peak: baseline, samples: 1 };
        timer = setInterval(sample, job.rssSampleMs);
      },
    });
    // One last sample: the end of a transfer is where buffers pile up if they do.
    sample();
    return rss ? { ...result, rss } : result;
  } finally {
    clearInterval(timer);
  }
}

process.on('message', (msg: JobRequest) => {
  runJob(msg.job).then(
    (result) => reply({ id: msg.id, ok: true, result }),
    (err: unknown) => reply({ id: msg.id, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
  );
});

process.on('disconnect', () => process.exit(0));

function reply(r: JobReply | WorkerReady): void {
  process.send?.(r);
}

// Every module is loaded by now (static imports): the runner may start its clock.
reply({ ready: true });
