import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/index.ts';
import { canResume, conditionalOverwrite, ConflictBatch, createConflictResolver, dialogConflictResolver, suggestName, type FileConflict } from './fileConflicts.ts';
import type { RequestFn } from './types.ts';
import { askStopTransfers } from './uploadGuard.ts';
import { aTransfer } from '../store/testing/transfers.ts';

describe('file conflicts', () => {
  it('offers resume only for a shorter remote file, and never in ASCII', () => {
    const base = { remoteSize: 10, localSize: 20, remoteIsDir: false };
    expect(canResume(base)).toBe(true);
    expect(canResume({ ...base, remoteSize: 20 })).toBe(false);
    expect(canResume({ ...base, remoteIsDir: true })).toBe(false);
    expect(canResume({ ...base, remoteSize: null })).toBe(false);
    // What an ASCII server holds is no offset into the file.
    expect(canResume({ ...base, ascii: true })).toBe(false);
  });

  it('marks an upload that overwrites a server file, and only that one', async () => {
    const resolve = createConflictResolver(async () => ({ action: 'overwrite', applyToAll: false }));
    const request = (async () => ({ path: '/', entries: [{ name: 'old.txt', type: 'file', size: 5 }] })) as unknown as RequestFn;
    const job = (path: string) => ({ path, size: 9, aborted: () => false, asking: () => undefined });
    expect(await resolve(new ConflictBatch(request, createAppStore()), job('/old.txt'))).toEqual({ action: 'upload', mode: 'overwrite', path: '/old.txt', replaces: true });
    expect(await resolve(new ConflictBatch(request, createAppStore()), job('/new.txt'))).toEqual({ action: 'upload', mode: 'overwrite', path: '/new.txt' });
  });

  it('decides "overwrite if newer" and "if size differs" per file, within the listing\'s precision', () => {
    const c = { localSize: 10, remoteSize: 10, localModified: '2026-11-20T10:00:30Z', remoteModified: '2026-11-20T10:00:00Z' };
    // Within the minute a minute-precise listing shows, the server's copy may be the later one.
    expect(conditionalOverwrite('overwriteIfNewer', { ...c, remoteModifiedPrecision: 'minute' })).toBe(false);
    expect(conditionalOverwrite('overwriteIfNewer', { ...c, remoteModifiedPrecision: 'second' })).toBe(true);
    expect(conditionalOverwrite('overwriteIfNewer', { ...c, remoteModified: '2026-11-19T00:00:00Z', remoteModifiedPrecision: 'day' })).toBe(false);
    expect(conditionalOverwrite('overwriteIfNewer', { ...c, remoteModified: '2026-11-17T00:00:00Z', remoteModifiedPrecision: 'day' })).toBe(true);
    expect(conditionalOverwrite('overwriteIfNewer', { ...c, remoteModified: undefined })).toBeUndefined();
    expect(conditionalOverwrite('overwriteIfSizeDiffers', c)).toBe(false);
    expect(conditionalOverwrite('overwriteIfSizeDiffers', { ...c, remoteSize: 11 })).toBe(true);
    // Line ends change an ASCII upload's size: no verdict.
    expect(conditionalOverwrite('overwriteIfSizeDiffers', { ...c, remoteSize: 11, ascii: true })).toBeUndefined();
  });

  it('applies a conditional answer to the rest of the batch, asking about files it cannot decide', async () => {
    const asked: FileConflict[] = [];
    const resolve = createConflictResolver(async (conflict) => {
      asked.push(conflict);
      return asked.length === 1 ? { action: 'overwriteIfSizeDiffers', applyToAll: true } : { action: 'skip', applyToAll: false };
    });
    const entries = [
      { name: 'same.txt', type: 'file', size: 5 },
      { name: 'grew.txt', type: 'file', size: 3 },
      { name: 'nosize.txt', type: 'file' },
      { name: 'first.txt', type: 'file', size: 1 },
    ];
    const request = (async () => ({ path: '/', entries })) as unknown as RequestFn;
    const batch = new ConflictBatch(request, createAppStore());
    const job = (path: string) => ({ path, size: 5, aborted: () => false, asking: () => undefined });
    // The first file is asked about, and its answer decides it too.
    expect(await resolve(batch, job('/first.txt'))).toMatchObject({ action: 'upload', mode: 'overwrite', replaces: true });
    expect(await resolve(batch, job('/same.txt'))).toEqual({ action: 'skip' });
    expect(await resolve(batch, job('/grew.txt'))).toMatchObject({ action: 'upload', mode: 'overwrite', replaces: true });
    expect(asked.map((c) => c.name)).toEqual(['first.txt']);
    // No size on the server: asked.
    expect(await resolve(batch, job('/nosize.txt'))).toEqual({ action: 'skip' });
    expect(asked.map((c) => c.name)).toEqual(['first.txt', 'nosize.txt']);
  });

  it('holds a question back while a file is open in the editor, and asks once it closes (review 24)', async () => {
    const store = createAppStore();
    store.getState().openEditor({ name: 'site.conf', type: 'file' });
    const request = (async () => ({ path: '/', entries: [{ name: 'a.txt', type: 'file', size: 1 }] })) as unknown as RequestFn;
    const resolve = dialogConflictResolver(store);
    const answer = resolve(new ConflictBatch(request, store), { path: '/a.txt', size: 2, aborted: () => false, asking: () => undefined });
    await new Promise((r) => setTimeout(r, 10));
    expect(store.getState().dialog).toBeNull();
    expect(store.getState().questionsWaiting).toBe(1);
    store.getState().closeEditor();
    await new Promise((r) => setTimeout(r, 10));
    const dialog = store.getState().dialog;
    expect(dialog?.kind).toBe('file-exists');
    expect(store.getState().questionsWaiting).toBe(0);
    if (dialog?.kind === 'file-exists') dialog.respond({ action: 'skip', applyToAll: false });
    expect(await answer).toEqual({ action: 'skip' });
  });

  it('never replaces a dialog on screen: the "stop the transfers?" question keeps its answer, then the file question comes (review 44)', async () => {
    const store = createAppStore();
    store.getState().addTransfers([aTransfer('u', { status: 'sending' })]);
    const stop = askStopTransfers(store, 'closeSession');
    const request = (async () => ({ path: '/', entries: [{ name: 'a.txt', type: 'file', size: 1 }] })) as unknown as RequestFn;
    const answer = dialogConflictResolver(store)(new ConflictBatch(request, store), { path: '/a.txt', size: 2, aborted: () => false, asking: () => undefined });
    await new Promise((r) => setTimeout(r, 10));
    const question = store.getState().dialog;
    expect(question?.kind).toBe('stop-transfers');
    // Not counted for the editor's notice: no editor is open.
    expect(store.getState().questionsWaiting).toBe(0);
    if (question?.kind === 'stop-transfers') question.respond(true);
    store.getState().closeDialog();
    expect(await stop).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    const dialog = store.getState().dialog;
    expect(dialog?.kind).toBe('file-exists');
    if (dialog?.kind === 'file-exists') dialog.respond({ action: 'skip', applyToAll: false });
    expect(await answer).toEqual({ action: 'skip' });
  });

  it('suggests the first free numbered name', () => {
    expect(suggestName('report.pdf', new Set(['report.pdf', 'report (1).pdf']))).toBe('report (2).pdf');
    expect(suggestName('.env', new Set(['.env']))).toBe('.env (1)');
  });
});
