import { describe, expect, it, vi } from 'vitest';
import type { WireEntry } from '@ftpdeck/protocol';
import type { RemoteOps } from '../api/services.ts';
import { createAppStore } from '../store/index.ts';
import { actionContext, actionForKey, actions, getAction, isEnabled, runAction } from './register.ts';
import type { KeyLike } from './types.ts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

function setup(cwd = '/pub') {
  const store = createAppStore();
  const s = store.getState();
  s.applyServerState({ status: 'connected' });
  s.navigated(cwd, 'replace');
  const entries: WireEntry[] = [
    { name: 'docs', type: 'dir' },
    { name: 'a.txt', type: 'file', size: 1 },
    { name: 'b.txt', type: 'file', size: 2 },
  ];
  s.listLoaded(s.beginList(), cwd, entries);
  const ops = {
    openDir: vi.fn(async () => true),
    followLink: vi.fn(async (path: string) => (path.endsWith('dir-link') ? 'entered' : 'refused')),
    download: vi.fn(async () => {}),
    goUp: vi.fn(async () => {}),
    refresh: vi.fn(async () => {}),
    copyPaths: vi.fn(async () => {}),
  } as unknown as RemoteOps;
  const pickFiles = vi.fn();
  const ctx = (targets?: WireEntry[]) => actionContext(store.getState(), { ops, pickFiles }, targets);
  return { store, ops, ctx, entries, pickFiles };
}

describe('action registry', () => {
  it('has unique names and labels', () => {
    expect(new Set(actions.map((a) => a.name)).size).toBe(actions.length);
    expect(new Set(actions.map((a) => a.label)).size).toBe(actions.length);
  });

  it('maps keys to actions', () => {
    const { store, ctx } = setup();
    store.getState().select('a.txt', 'only', []);
    expect(actionForKey(key('F2'), ctx())?.name).toBe('rename');
    expect(actionForKey(key('Delete'), ctx())?.name).toBe('delete');
    expect(actionForKey(key('a', { ctrlKey: true }), ctx())?.name).toBe('selectAll');
    expect(actionForKey(key('F5'), ctx())?.name).toBe('refresh');
    expect(actionForKey(key('Backspace'), ctx())?.name).toBe('goUp');
    expect(actionForKey(key('x'), ctx())).toBeUndefined();
  });

  it('disables rename for several entries and up at the root', () => {
    const { store, ctx } = setup('/');
    store.getState().selectAll(['a.txt', 'b.txt']);
    expect(isEnabled(getAction('rename'), ctx())).toBe(false);
    expect(isEnabled(getAction('delete'), ctx())).toBe(true);
    expect(isEnabled(getAction('goUp'), ctx())).toBe(false);
  });

  it('opens the file chooser of the tab it runs in', () => {
    const { ctx, pickFiles } = setup();
    const ran = runAction(getAction('upload'), ctx());
    expect(ran).toBe(true);
    expect(pickFiles).toHaveBeenCalledTimes(1);
  });

  it('opens folders and downloads files', () => {
    const { ops, ctx, entries } = setup();
    runAction(getAction('open'), ctx([entries[0] as WireEntry]));
    expect(ops.openDir).toHaveBeenCalledWith('/pub/docs');
    runAction(getAction('open'), ctx([entries[1] as WireEntry]));
    expect(ops.download).toHaveBeenCalledWith([entries[1]]);
  });

  it('follows a symlink into a folder, and downloads it when the server refuses to enter it', async () => {
    const { ops, ctx } = setup();
    const dirLink: WireEntry = { name: 'dir-link', type: 'symlink', target: 'docs' };
    const fileLink: WireEntry = { name: 'file-link', type: 'symlink', target: 'a.txt' };
    await getAction('open').perform(ctx([dirLink]));
    expect(ops.followLink).toHaveBeenCalledWith('/pub/dir-link');
    expect(ops.download).not.toHaveBeenCalled();
    await getAction('open').perform(ctx([fileLink]));
    expect(ops.followLink).toHaveBeenCalledWith('/pub/file-link');
    expect(ops.download).toHaveBeenCalledWith([fileLink]);
  });

  it('tries to enter a name of unknown type (an NLST listing), and downloads it when the server refuses', async () => {
    const { ops, ctx } = setup();
    const folder: WireEntry = { name: 'dir-link', type: 'unknown' };
    const file: WireEntry = { name: 'plain.bin', type: 'unknown' };
    await getAction('open').perform(ctx([folder]));
    expect(ops.followLink).toHaveBeenCalledWith('/pub/dir-link');
    expect(ops.download).not.toHaveBeenCalled();
    await getAction('open').perform(ctx([file]));
    expect(ops.download).toHaveBeenCalledWith([file]);
  });

  it('opens the right dialogs', () => {
    const { store, ctx } = setup();
    store.getState().select('b.txt', 'only', []);
    runAction(getAction('delete'), ctx());
    expect(store.getState().dialog).toMatchObject({ kind: 'delete', entries: [{ name: 'b.txt' }] });
    runAction(getAction('newFolder'), ctx());
    expect(store.getState().dialog).toEqual({ kind: 'mkdir' });
  });

  it('selects all visible rows and toggles hidden files', () => {
    const { store, ctx } = setup();
    runAction(getAction('selectAll'), ctx());
    expect(store.getState().selected.size).toBe(3);
    runAction(getAction('toggleHidden'), ctx());
    expect(store.getState().showHidden).toBe(false);
  });

  it('does nothing while disconnected', () => {
    const { store, ctx } = setup();
    store.getState().applyServerState({ status: 'disconnected' });
    store.getState().select('a.txt', 'only', []);
    expect(runAction(getAction('rename'), ctx())).toBe(false);
    expect(store.getState().dialog).toBeNull();
  });
});
