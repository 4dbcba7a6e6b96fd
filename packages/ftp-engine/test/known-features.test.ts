/**
 * The `knownFeatures` option: a second connection to the same server takes
 * what the first learnt from FEAT and SYST instead of asking again, still
 * sends the commands that set up its own session (CLNT, OPTS MLST,
 * OPTS UTF8 ON, PBSZ/PROT), and lists and moves files as the first does.
 */
import { seedTree, type RunningFtpServer } from '@ftpdeck/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FtpClient, isFtpError, type FtpClientOptions, type ServerFeatures, type TranscriptEvent } from '../src/index.ts';
import { clientFor, kinds, random, Sink, sourceOf, startServer } from './helpers/servers.ts';

const data = random(256 * 1024 + 3);
const commands = (t: TranscriptEvent[]): string[] => t.filter((e) => e.kind === 'command').map((e) => e.text.split(' ')[0]!);
/** The commands after login, with their arguments: the part of the logon that sets up the session. */
const setup = (t: TranscriptEvent[]): string[] => {
  const all = t.filter((e) => e.kind === 'command').map((e) => e.text);
  return all.slice(all.findIndex((c) => c.startsWith('PASS ')) + 1).filter((c) => c !== 'FEAT' && c !== 'SYST' && c !== 'QUIT');
};

/** Connects a first client and returns what it learnt and its transcript, closing it. */
async function learn(srv: RunningFtpServer, extra: Partial<FtpClientOptions> = {}): Promise<{ known: ServerFeatures; transcript: TranscriptEvent[] }> {
  const { client, transcript } = clientFor(srv, extra);
  await client.connect();
  const known = client.features();
  await client.close();
  return { known, transcript };
}

describe.each(kinds())('%s with known features', (kind) => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer(kind);
    await seedTree(srv, [
      { path: 'docs/a.txt', content: 'alpha' },
      { path: 'docs/b.bin', content: data },
    ]);
  });
  afterAll(async () => srv?.stop());

  it('skips FEAT and SYST, says so, and sets up, lists and transfers as a connection that asked', async () => {
    const first = await learn(srv);
    expect(commands(first.transcript)).toEqual(expect.arrayContaining(['FEAT', 'SYST']));
    expect(first.known.features.size).toBeGreaterThan(0);

    const given: ServerFeatures = { ...first.known, features: new Map(first.known.features) };
    const { client, transcript } = clientFor(srv, { knownFeatures: given });
    // The client took a copy: a change the caller makes afterwards does not reach it.
    given.features.set('XCAFE', '');
    await client.connect();
    try {
      expect(commands(transcript)).not.toContain('FEAT');
      expect(commands(transcript)).not.toContain('SYST');
      // Everything else of the logon goes out as before: CLNT, OPTS MLST, OPTS UTF8 ON, TYPE I.
      expect(setup(transcript)).toEqual(setup(first.transcript));
      const note = transcript.find((e) => e.detail?.type === 'features-reused');
      expect(note?.detail).toEqual({
        type: 'features-reused',
        count: first.known.features.size,
        ...(first.known.system === undefined ? {} : { system: first.known.system }),
      });
      expect(client.features()).toEqual(first.known);

      // The features steer the session: MLSD where FEAT listed MLST, and the listing reads the same.
      const entries = await client.list('docs');
      expect(entries.map((e) => [e.name, e.type, e.size]).sort()).toEqual([
        ['a.txt', 'file', 5],
        ['b.bin', 'file', data.length],
      ]);
      expect(commands(transcript).includes('MLSD')).toBe(first.known.features.has('MLST'));
      const sink = new Sink();
      await client.download('docs/b.bin', sink);
      expect(sink.data.equals(data)).toBe(true);
      await client.upload(sourceOf(data), 'docs/c.bin');
      expect((await client.list('docs')).find((e) => e.name === 'c.bin')?.size).toBe(data.length);
    } finally {
      await client.close();
    }
  });
});

describe('vsftpd over explicit TLS with known features', () => {
  let srv: RunningFtpServer;
  beforeAll(async () => {
    srv = await startServer('vsftpd', { tls: 'explicit' });
    await seedTree(srv, [{ path: 'b.bin', content: data }]);
  });
  afterAll(async () => srv?.stop());

  it('still protects the data connection (PBSZ 0, PROT P) and moves the bytes', async () => {
    const tls = { secure: 'explicit' as const, tls: { fingerprint256: srv.certificate?.fingerprint256 ?? '' } };
    const first = await learn(srv, tls);
    const { client, transcript } = clientFor(srv, { ...tls, knownFeatures: first.known });
    await client.connect();
    try {
      expect(commands(transcript)).toEqual(expect.arrayContaining(['AUTH', 'PBSZ', 'PROT']));
      expect(commands(transcript)).not.toContain('FEAT');
      const sink = new Sink();
      await client.download('b.bin', sink);
      expect(sink.data.equals(data)).toBe(true);
      expect(transcript.some((e) => e.detail?.type === 'tls' && e.detail.channel === 'data')).toBe(true);
    } finally {
      await client.close();
    }
  });
});

describe('knownFeatures that are not a Map', () => {
  it('throws FTP_ERR_INVALID_ARGUMENT from the constructor', () => {
    for (const bad of [{ features: { MLST: '' } }, { features: null }, null] as unknown as ServerFeatures[]) {
      let err: unknown;
      try {
        new FtpClient({ host: '127.0.0.1', knownFeatures: bad });
      } catch (e) {
        err = e;
      }
      expect(isFtpError(err, 'FTP_ERR_INVALID_ARGUMENT')).toBe(true);
    }
  });
});
