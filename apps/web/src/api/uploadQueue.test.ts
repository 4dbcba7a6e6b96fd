import { describe, expect, it, vi } from 'vitest';
import type { ConflictDecision, FileConflict } from './fileConflicts.ts';
import { suggestName } from './fileConflicts.ts';
import { createUploadQueue } from './uploadQueue.ts';
import { fakeDeps, flush, memoryFile } from './testing/fakeDeps.ts';

function setup(refreshGapMs = 0) {
  const f = fakeDeps();
  f.store.getState().navigated('/in', 'replace');
  const refresh = vi.fn(async () => {});
  const queue = createUploadQueue(f.deps, refresh, { concurrency: 2, resumeDelay: () => 0, refreshGapMs });
  return { ...f, refresh, queue };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i += 1) await flush(2);
  expect(check()).toBe(true);
}

describe('uploadQueue', () => {
  it('uploads into the current directory and refreshes the listing', async () => {
    const { queue, store, channel, refresh } = setup();
    const [a, b] = queue.enqueue([memoryFile('a.txt', 'hello'), memoryFile('empty.txt', '')]);
    await until(() => store.getState().transfers[b as string]?.status === 'done' && store.getState().transfers[a as string]?.status === 'done');
    expect(channel.starts.map((s) => s.path).sort()).toEqual(['/in/a.txt', '/in/empty.txt']);
    expect(store.getState().transfers[a as string]).toMatchObject({ written: 5, verified: true, verifiedBy: 'size' });
    expect(refresh).toHaveBeenCalled();
  });

  it('keeps where a tail hash began, for the row to say what the checksum covered', async () => {
    const { queue, store, channel } = setup();
    channel.outcome = () => ({ ok: true, verifiedBy: 'md5', verifiedFrom: 2 });
    const [key] = queue.enqueue([memoryFile('t.bin', 'abcdef')]);
    await until(() => store.getState().transfers[key as string]?.status === 'done');
    expect(store.getState().transfers[key as string]).toMatchObject({ verified: true, verifiedBy: 'md5', verifiedFrom: 2 });
  });

  it("sends each file's own time when the user keeps times, never for the editor's save, and keeps the server's answer", async () => {
    const { queue, store, channel } = setup();
    const dated = (name: string, lastModified: number) => ({ ...memoryFile(name, 'abc'), lastModified });
    const [plain] = queue.enqueue([dated('plain.txt', Date.UTC(2019, 2, 4, 5, 6, 7))]);
    await until(() => store.getState().transfers[plain as string]?.status === 'done');
    expect(channel.starts[0]?.modified).toBeUndefined();
    expect(store.getState().transfers[plain as string]?.timeKept).toBeUndefined();

    store.getState().setKeepTimes(true);
    channel.outcome = (n) => ({ ok: true, timeKept: n !== 3 });
    const [kept, refused] = queue.enqueue([dated('kept.txt', Date.UTC(2019, 2, 4, 5, 6, 7)), dated('refused.txt', Date.UTC(2020, 0, 1))]);
    await until(() => [kept, refused].every((key) => store.getState().transfers[key as string]?.status === 'done'));
    const byPath = Object.fromEntries(channel.starts.map((s) => [s.path, s.modified]));
    expect(byPath).toMatchObject({ '/in/kept.txt': '2019-03-04T05:06:07.000Z', '/in/refused.txt': '2020-01-01T00:00:00.000Z' });
    const rows = store.getState().transfers;
    expect([rows[kept as string]?.timeKept, rows[refused as string]?.timeKept].sort()).toEqual([false, true]);
    // A time no Date can hold, or one past year 9999 or before year 0 (which ISO writes with six digits
    // and the protocol refuses), is not sent: the file still goes up.
    const odd = queue.enqueue([dated('huge.txt', 1e20), dated('far.txt', Date.UTC(30_000, 0, 1)), dated('early.txt', Date.UTC(-1, 0, 1)), dated('y0.txt', Date.parse('0000-06-01T00:00:00Z'))]);
    await until(() => odd.every((key) => store.getState().transfers[key]?.status === 'done'));
    const sent = Object.fromEntries(channel.starts.map((s) => [s.path, s.modified]));
    expect([sent['/in/huge.txt'], sent['/in/far.txt'], sent['/in/early.txt'], sent['/in/y0.txt']]).toEqual([undefined, undefined, undefined, '0000-06-01T00:00:00.000Z']);
    // The editor's save is a new version of the file: its time is the save's.
    await queue.put(dated('edited.txt', Date.UTC(2019, 2, 4)), '/in/edited.txt');
    expect(channel.starts.find((s) => s.path === '/in/edited.txt')?.modified).toBeUndefined();
  });

  it('resumes a retryable failure on its own', async () => {
    const { queue, store, channel } = setup();
    channel.outcome = (n) =>
      n === 1 ? { ok: false, error: { code: 'FTP_ERR_CLOSED', message: '421', retryable: true }, resumeFrom: 2 } : { ok: true };
    const [key] = queue.enqueue([memoryFile('r.bin', 'abcdef')]);
    await until(() => store.getState().transfers[key as string]?.status === 'done');
    expect(channel.starts.map((s) => s.mode)).toEqual(['overwrite', 'resume']);
    expect(store.getState().transfers[key as string]?.attempt).toBe(2);
  });

  it('never resumes on its own into another site: the tab connected elsewhere meanwhile (Review 46)', async () => {
    const f = fakeDeps();
    f.store.getState().navigated('/in', 'replace');
    const siteA = { status: 'connected' as const, host: 'a.example.com', user: 'u', cwd: '/in' };
    f.store.setState({ server: siteA });
    let toB = (): void => {};
    // The first attempt fails retryably; during the wait before its resume the tab is connected to site B.
    const queue = createUploadQueue(f.deps, async () => {}, { resumeDelay: () => (toB(), 0) });
    toB = () => f.store.setState({ server: { status: 'connected', host: 'b.example.com', user: 'u', cwd: '/in' } });
    f.channel.outcome = (n) => (n === 1 ? { ok: false, error: { code: 'FTP_ERR_CLOSED', message: '421', retryable: true }, resumeFrom: 2 } : { ok: true });
    const [key] = queue.enqueue([memoryFile('r.bin', 'abcdef')]);
    await until(() => f.store.getState().transfers[key as string]?.status === 'failed');
    expect(f.channel.starts.map((s) => s.mode)).toEqual(['overwrite']);
    expect(f.store.getState().transfers[key as string]).toMatchObject({ site: 'u@a.example.com', canRetry: true, error: { code: 'WEB_ERR_OTHER_SITE' } });
    // Its Retry is refused on B, and resumes once the tab is back on A.
    queue.retry(key as string);
    await flush(4);
    expect(f.channel.starts).toHaveLength(1);
    f.store.setState({ server: siteA });
    queue.retry(key as string);
    await until(() => f.store.getState().transfers[key as string]?.status === 'done');
    expect(f.channel.starts.map((s) => s.mode)).toEqual(['overwrite', 'resume']);
  });

  it('marks a hard failure as failed, then retries on request', async () => {
    const { queue, store, channel } = setup();
    channel.outcome = (n) => (n === 1 ? { ok: false, error: { code: 'FTP_ERR_REPLY', message: '553 Not allowed', ftpCode: 553 } } : { ok: true });
    const [key] = queue.enqueue([memoryFile('x.bin', 'abc')]);
    await until(() => store.getState().transfers[key as string]?.status === 'failed');
    expect(store.getState().transfers[key as string]?.canRetry).toBe(true);
    expect(store.getState().toasts[0]?.title).toContain('x.bin');
    queue.retry(key as string);
    // The failure's toast goes with the retry; the row says how the retry goes (review 17).
    expect(store.getState().toasts).toEqual([]);
    await until(() => store.getState().transfers[key as string]?.status === 'done');
    expect(channel.starts.map((s) => s.mode)).toEqual(['overwrite', 'resume']);
  });

  it('put writes one file to its exact path, binary, asks nothing about the existing name, and settles with the outcome', async () => {
    const f = fakeDeps();
    f.store.getState().navigated('/in', 'replace');
    f.store.getState().setTransferTypePref('ascii');
    f.server.on('list', { path: '/etc', entries: [{ name: 'site.conf', type: 'file' as const, size: 9 }] });
    const askConflict = vi.fn(async (): Promise<ConflictDecision> => ({ action: 'skip', applyToAll: false }));
    const queue = createUploadQueue(f.deps, async () => {}, { askConflict });
    // The path names the file; the source's own name does not matter.
    const outcome = await queue.put(memoryFile('edited', 'a = 1\r\n'), '/etc/site.conf');
    expect(outcome).toMatchObject({ status: 'done', verified: true, verifiedBy: 'size' });
    expect(f.channel.starts).toEqual([expect.objectContaining({ path: '/etc/site.conf', mode: 'overwrite', transferType: 'binary' })]);
    expect(askConflict).not.toHaveBeenCalled();

    f.channel.outcome = () => ({ ok: false, error: { code: 'FTP_ERR_REPLY', message: '553 Not allowed', ftpCode: 553 } });
    expect(await queue.put(memoryFile('x', 'y'), '/etc/site.conf')).toMatchObject({ status: 'failed', error: { ftpCode: 553 } });
    // Its caller (the editor) says so where it was asked; no toast besides.
    expect(f.store.getState().toasts).toEqual([]);
  });

  it('makes the folders of a dropped tree in a few mkdirs requests, parents first, then uploads into them', async () => {
    const { queue, store, channel, server } = setup();
    server.on('mkdirs', (m) => ({ created: m.paths.length, failed: [] })).on('list', { path: '/in', entries: [] });
    const dirs = ['top', ...Array.from({ length: 1200 }, (_, i) => `top/d${i}`)];
    // jsdom's File cannot read a slice; memoryFile has the slice() the queue reads through.
    const file = memoryFile('f.txt', 'x') as unknown as File;
    const [key] = await queue.enqueueTree({ dirs, files: [{ file, dir: 'top/d1199' }] });
    const sent = server.sent('mkdirs').map((m) => m.paths as string[]);
    expect(sent.map((p) => p.length)).toEqual([200, 200, 200, 200, 200, 200, 1]);
    expect(sent.flat()).toEqual(dirs.map((d) => `/in/${d}`));
    expect(server.sent('mkdir')).toHaveLength(0);
    await until(() => store.getState().transfers[key as string]?.status === 'done');
    expect(channel.starts.map((s) => s.path)).toEqual(['/in/top/d1199/f.txt']);
  });

  it('sends a busy mkdirs again, and leaves out a folder no request may carry', async () => {
    const { queue, server } = setup();
    let calls = 0;
    server.on('mkdirs', (m) => (++calls === 1 ? { code: 'SRV_ERR_LIMIT', message: 'too many messages', retryable: true } : { created: m.paths.length, failed: [] }));
    await queue.enqueueTree({ dirs: ['a', 'bad\nname', 'a/b'], files: [] });
    expect(server.sent('mkdirs').map((m) => m.paths)).toEqual([
      ['/in/a', '/in/a/b'],
      ['/in/a', '/in/a/b'],
    ]);
  });

  it('cancels queued uploads before they start', async () => {
    const f = fakeDeps();
    const queue = createUploadQueue(f.deps, async () => {}, { concurrency: 1 });
    const keys = queue.enqueue([memoryFile('1', 'a'), memoryFile('2', 'b')]);
    queue.cancel(keys[1] as string);
    await until(() => f.store.getState().transfers[keys[0] as string]?.status === 'done');
    expect(f.store.getState().transfers[keys[1] as string]?.status).toBe('cancelled');
    expect(f.channel.starts).toHaveLength(1);
  });

  it('counts the files left after each answer, however many upload at once (review 17)', async () => {
    const f = fakeDeps();
    f.store.getState().navigated('/in', 'replace');
    const seq = f.store.getState().beginList();
    const names = ['a.txt', 'b.txt', 'c.txt', 'd.txt'];
    f.store.getState().listLoaded(seq, '/in', names.map((name) => ({ name, type: 'file' as const, size: 1 })));
    f.server.on('list', { path: '/in', entries: names.map((name) => ({ name, type: 'file' as const, size: 1 })) });
    const remaining: number[] = [];
    const queue = createUploadQueue(f.deps, async () => {}, {
      concurrency: 3,
      askConflict: async (c) => {
        remaining.push(c.remaining);
        return { action: 'skip', applyToAll: false };
      },
    });
    const keys = queue.enqueue(names.map((n) => memoryFile(n, 'x')));
    await until(() => keys.every((k) => f.store.getState().transfers[k]?.status === 'skipped'));
    expect(remaining).toEqual([3, 2, 1, 0]);
  });

  it('asks about existing names and applies the answers', async () => {
    const f = fakeDeps();
    f.store.getState().navigated('/in', 'replace');
    const seq = f.store.getState().beginList();
    f.store.getState().listLoaded(seq, '/in', [
      { name: 'a.txt', type: 'file', size: 2 },
      { name: 'b.txt', type: 'file', size: 9 },
      { name: 'a (1).txt', type: 'file', size: 1 },
    ]);
    const asked: FileConflict[] = [];
    const answers: ConflictDecision[] = [{ action: 'resume', applyToAll: false }, { action: 'rename', applyToAll: false }];
    const queue = createUploadQueue(f.deps, async () => {}, {
      concurrency: 1,
      askConflict: async (c) => {
        asked.push(c);
        return answers.shift() as ConflictDecision;
      },
    });
    const keys = queue.enqueue([memoryFile('a.txt', 'hello'), memoryFile('b.txt', 'bye'), memoryFile('new.txt', 'n')]);
    await until(() => keys.every((k) => f.store.getState().transfers[k]?.status === 'done'));
    expect(asked.map((c) => [c.name, c.suggestion, c.remoteSize, c.remaining])).toEqual([
      ['a.txt', 'a (2).txt', 2, 2],
      ['b.txt', 'b (1).txt', 9, 1],
    ]);
    // The dialog gets the folder's names, so it can refuse a typed name that is taken too.
    expect([...(asked[0]?.taken ?? [])].sort()).toEqual(['a (1).txt', 'a.txt', 'b.txt']);
    expect(f.channel.starts.map((s) => [s.path, s.mode])).toEqual([
      ['/in/a.txt', 'resume'],
      ['/in/b (1).txt', 'overwrite'],
      ['/in/new.txt', 'overwrite'],
    ]);
    expect(f.store.getState().transfers[keys[1] as string]?.name).toBe('b (1).txt');
  });

  it('lists another folder once and applies "skip" to the rest of the batch', async () => {
    const f = fakeDeps();
    f.store.getState().navigated('/', 'replace');
    f.server.on('list', { path: '/other', entries: [{ name: 'x', type: 'file', size: 1 }, { name: 'y', type: 'file', size: 1 }] });
    let asked = 0;
    const queue = createUploadQueue(f.deps, async () => {}, {
      askConflict: async () => {
        asked += 1;
        return { action: 'skip', applyToAll: true };
      },
    });
    const keys = queue.enqueue([memoryFile('x', 'x'), memoryFile('y', 'y'), memoryFile('z', 'z')], '/other');
    await until(() => keys.every((k) => ['done', 'skipped'].includes(f.store.getState().transfers[k]?.status ?? '')));
    expect(asked).toBe(1);
    expect(f.server.sent('list')).toHaveLength(1);
    expect(keys.map((k) => f.store.getState().transfers[k]?.status)).toEqual(['skipped', 'skipped', 'done']);
  });

  it('suggests free names', () => {
    expect(suggestName('report.pdf', new Set(['report (1).pdf']))).toBe('report (2).pdf');
    expect(suggestName('.env', new Set())).toBe('.env (1)');
    expect(suggestName('Makefile', new Set())).toBe('Makefile (1)');
  });

  it('checks names against a fresh listing of the folder on screen, once per batch, not the stale one shown', async () => {
    const f = fakeDeps();
    f.store.getState().navigated('/in', 'replace');
    // The screen was listed before a colleague wrote colleague.doc.
    const seq = f.store.getState().beginList();
    f.store.getState().listLoaded(seq, '/in', [{ name: 'old.txt', type: 'file', size: 1 }]);
    f.server.on('list', { path: '/in', entries: [{ name: 'old.txt', type: 'file', size: 1 }, { name: 'colleague.doc', type: 'file', size: 30 }] });
    const asked: FileConflict[] = [];
    const queue = createUploadQueue(f.deps, async () => {}, {
      askConflict: async (c) => {
        asked.push(c);
        return { action: 'skip', applyToAll: false };
      },
    });
    const keys = queue.enqueue([memoryFile('colleague.doc', 'mine'), memoryFile('new.txt', 'n'), memoryFile('other.txt', 'o')]);
    await until(() => keys.every((k) => ['done', 'skipped'].includes(f.store.getState().transfers[k]?.status ?? '')));
    expect(asked.map((c) => [c.name, c.remoteSize])).toEqual([['colleague.doc', 30]]);
    expect(f.server.sent('list')).toEqual([expect.objectContaining({ path: '/in' })]);
    expect(f.channel.starts.map((s) => s.path).sort()).toEqual(['/in/new.txt', '/in/other.txt']);
  });

  it('refreshes the listing after a cancelled or failed upload, so the part the server kept shows (and Resume is offered)', async () => {
    const { queue, store, channel, refresh, server } = setup();
    server.on('list', { path: '/in', entries: [] });
    channel.outcome = () => ({ ok: false, error: { code: 'FTP_ERR_REPLY', message: '451 Local error', ftpCode: 451 } });
    const [failed] = queue.enqueue([memoryFile('f.bin', 'abc')]);
    await until(() => store.getState().transfers[failed as string]?.status === 'failed');
    await until(() => refresh.mock.calls.length === 1);

    // A cancel while bytes are on their way: the channel never finishes this one.
    channel.outcome = () => ({ ok: true });
    const hold = channel.sendFrame.bind(channel);
    channel.sendFrame = () => true;
    const [cancelled] = queue.enqueue([memoryFile('c.bin', 'abcdef')]);
    await until(() => store.getState().transfers[cancelled as string]?.status === 'finishing');
    queue.cancel(cancelled as string);
    await until(() => store.getState().transfers[cancelled as string]?.status === 'cancelled');
    await until(() => refresh.mock.calls.length === 2);
    channel.sendFrame = hold;
  });

  it('tells a 553 refusal by both of its causes, with the server text as detail', async () => {
    const { queue, store, channel, server } = setup();
    server.on('list', { path: '/in', entries: [] });
    channel.outcome = () => ({ ok: false, error: { code: 'FTP_ERR_REPLY', message: '553 Could not create file.', ftpCode: 553 } });
    const [key] = queue.enqueue([memoryFile('x.bin', 'abc')]);
    await until(() => store.getState().transfers[key as string]?.status === 'failed');
    expect(store.getState().toasts[0]?.title).toBe('Upload of x.bin failed: The server refused to create the file (553): no permission there, or a name it does not allow');
    expect(store.getState().toasts[0]?.detail).toContain('553 Could not create file.');
  });

  describe('re-listing the folder on screen', () => {
    it('lists once when a burst begins and once after its last file, not once per file', async () => {
      const { queue, store, refresh } = setup(60_000);
      // What each listing would have shown: how many of the files were done when it began.
      const doneAtRefresh: number[] = [];
      refresh.mockImplementation(async () => {
        doneAtRefresh.push(Object.values(store.getState().transfers).filter((t) => t.status === 'done').length);
      });
      const keys = queue.enqueue(Array.from({ length: 10 }, (_, i) => memoryFile(`f${i}.txt`, `file ${i}`)));
      await until(() => keys.every((k) => store.getState().transfers[k]?.status === 'done'));
      // The first success lists at once; the other nine fold into one listing after the gap.
      expect(refresh).toHaveBeenCalledTimes(1);
      expect(doneAtRefresh[0]).toBeLessThan(10);
    });

    it('lists at once after a failure, whatever the gap, so the part the server kept shows', async () => {
      const { queue, store, channel, refresh } = setup(60_000);
      const [ok] = queue.enqueue([memoryFile('ok.bin', 'abc')]);
      await until(() => store.getState().transfers[ok as string]?.status === 'done');
      await until(() => refresh.mock.calls.length === 1);
      channel.outcome = () => ({ ok: false, error: { code: 'FTP_ERR_REPLY', message: '451 Local error', ftpCode: 451 } });
      const [failed] = queue.enqueue([memoryFile('f.bin', 'abc')]);
      await until(() => store.getState().transfers[failed as string]?.status === 'failed');
      await until(() => refresh.mock.calls.length === 2);
    });

    it('skips a listing that comes due after the user opened another folder', async () => {
      const { queue, store, refresh } = setup();
      // The first listing runs until the test lets it end, so the second upload's request waits behind it.
      let release: () => void = () => undefined;
      refresh.mockImplementationOnce(() => new Promise<void>((r) => (release = r)));
      const [a] = queue.enqueue([memoryFile('a.txt', 'a')]);
      await until(() => refresh.mock.calls.length === 1);
      const [b] = queue.enqueue([memoryFile('b.txt', 'b')]);
      await until(() => [a, b].every((k) => store.getState().transfers[k as string]?.status === 'done'));
      store.getState().navigated('/elsewhere', 'new');
      release();
      await flush(20);
      // The folded listing came due with /elsewhere on screen: nothing was re-listed.
      expect(refresh).toHaveBeenCalledTimes(1);
    });
  });

  it('shows the last upload of a queue as done at once (closing the session would otherwise ask to stop it)', async () => {
    const { queue, store, refresh } = setup();
    const [key] = queue.enqueue([memoryFile('one.txt', 'one')]);
    // The re-listing is asked for right after the row's ending is written.
    await until(() => refresh.mock.calls.length === 1);
    expect(store.getState().transfers[key as string]?.status).toBe('done');
  });
});
