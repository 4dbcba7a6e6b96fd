/**
 * Time from connect() start to the first directory listing returned:
 * login, feature discovery, one data connection and the parse together.
 */
import type { ClientName, NodeClientName } from '../jobs.ts';
import { runCurl } from '../curl.ts';
import { PATHS, type BenchServer } from '../server.ts';
import { median } from '../stats.ts';
import { NodeWorker } from '../workers.ts';

/** Medians over the repetitions, ms. */
export interface ListingComparison {
  entries: number;
  reps: number;
  /** ms per repetition and their median, per client (curl: its time_total, without parsing). */
  clients: Record<ClientName, { samples: number[]; ms: number }>;
}

/** Connects and lists the bench folder, `reps` times per client, interleaved, after one warm-up each. */
export async function compareListing(srv: BenchServer, entries: number, reps: number): Promise<ListingComparison> {
  const workers: Record<NodeClientName, NodeWorker> = { engine: NodeWorker.start(), 'basic-ftp': NodeWorker.start() };
  const samples: Record<ClientName, number[]> = { engine: [], curl: [], 'basic-ftp': [] };
  const order: ClientName[] = ['engine', 'curl', 'basic-ftp'];
  const once = async (client: ClientName): Promise<number> => {
    if (client === 'curl') return (await runCurl(srv.login, { op: 'list', remotePath: `${PATHS.listDir}/` })).ms;
    const r = await workers[client].run({ client, op: 'list', login: srv.login, remotePath: PATHS.listDir, rssSampleMs: 0 });
    if (r.count !== entries) throw new Error(`listing: ${client} returned ${r.count} entries, expected ${entries}`);
    return r.ms;
  };
  try {
    for (const client of order) await once(client);
    for (let rep = 0; rep < reps; rep++) {
      for (const client of order) samples[client].push(await once(client));
    }
  } finally {
    await Promise.all(Object.values(workers).map((w) => w.stop()));
  }
  const fig = (s: number[]): { samples: number[]; ms: number } => ({ samples: s, ms: median(s) });
  return { entries, reps, clients: { engine: fig(samples.engine), curl: fig(samples.curl), 'basic-ftp': fig(samples['basic-ftp']) } };
}
