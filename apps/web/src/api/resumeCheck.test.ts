/**
 * Resume is offered only when the server's shorter file ends as this file
 * does at the same place: checked with a Range download of the server's
 * last bytes (a stubbed fetch here; e2e/tests/upload-resume-check.spec.ts
 * does it against a real server).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConflictBatch, createConflictResolver, type FileConflict } from './fileConflicts.ts';
import { serverHoldsStartOf, TAIL_BYTES } from './resumeCheck.ts';
import type { RequestFn } from './types.ts';
import { createAppStore } from '../store/index.ts';

const bytes = new Uint8Array(200_000).map((_, i) => i % 251);
/** The local file, as the uploader sees a browser File. */
const local = { size: bytes.length, slice: (start: number, end: number) => ({ arrayBuffer: async () => bytes.slice(start, end).buffer }) };
const request = (async () => ({ url: '/api/download/t' })) as unknown as RequestFn;

function serveRange(body: Uint8Array, status = 206): void {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(body.slice().buffer, { status })));
}

afterEach(() => vi.unstubAllGlobals());

describe('serverHoldsStartOf', () => {
  it('compares the server\'s last bytes with the local file at the same place', async () => {
    serveRange(bytes.slice(100_000 - TAIL_BYTES, 100_000));
    expect(await serverHoldsStartOf(request, '/f.bin', local, 100_000)).toBe(true);
    const fetched = vi.mocked(globalThis.fetch).mock.calls[0];
    expect(fetched?.[1]).toMatchObject({ headers: { Range: `bytes=${100_000 - TAIL_BYTES}-` } });

    // Read by the page itself: the server shows it as no download of the user's (no transfers row, no toast).
    const asked = vi.fn(request);
    serveRange(bytes.slice(100_000 - TAIL_BYTES, 100_000));
    await serverHoldsStartOf(asked as unknown as RequestFn, '/f.bin', local, 100_000);
    expect(asked).toHaveBeenCalledWith({ type: 'download-link', paths: ['/f.bin'], fetched: true });

    const other = bytes.slice(100_000 - TAIL_BYTES, 100_000);
    other[other.length - 1] = (other[other.length - 1] ?? 0) ^ 0xff;
    serveRange(other);
    expect(await serverHoldsStartOf(request, '/f.bin', local, 100_000)).toBe(false);
  });

  it('cannot tell when the server ignores the range or the download fails', async () => {
    serveRange(new Uint8Array(10), 200);
    expect(await serverHoldsStartOf(request, '/f.bin', local, 100_000)).toBeUndefined();
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('network'))));
    expect(await serverHoldsStartOf(request, '/f.bin', local, 100_000)).toBeUndefined();
  });
});

describe('the conflict resolver and the check', () => {
  it('asks without Resume, and ignores a standing "resume all", when the server holds another file', async () => {
    const asked: FileConflict[] = [];
    const resolve = createConflictResolver(async (c) => {
      asked.push(c);
      return { action: 'skip', applyToAll: false };
    });
    const listRequest = (async () => ({ path: '/', entries: [{ name: 'report.pdf', type: 'file', size: 1000 }] })) as unknown as RequestFn;
    const batch = new ConflictBatch(listRequest, createAppStore());
    batch.decision = { action: 'resume', applyToAll: true };
    const job = { path: '/report.pdf', size: 3000, holdsStart: async () => false, aborted: () => false, asking: () => undefined };
    expect(await resolve(batch, job)).toEqual({ action: 'skip' });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ notTheStart: true, remoteSize: 1000 });

    // The same file's earlier, unfinished upload: the standing answer resumes it.
    const again = new ConflictBatch(listRequest, createAppStore());
    again.decision = { action: 'resume', applyToAll: true };
    expect(await resolve(again, { ...job, holdsStart: async () => true })).toEqual({ action: 'upload', mode: 'resume', path: '/report.pdf' });
  });
});
