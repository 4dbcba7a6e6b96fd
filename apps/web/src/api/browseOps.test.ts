import { describe, expect, it } from 'vitest';
import { createBrowseOps } from './browseOps.ts';
import { fakeDeps } from './testing/fakeDeps.ts';

const params = { host: '127.0.0.1', port: 21, user: 'demo', password: 'pw', secure: 'none', dataMode: 'passive', encoding: 'auto' } as const;

function connected() {
  const f = fakeDeps();
  f.server
    .on('connect', { cwd: '/home/demo', state: { status: 'connected', host: '127.0.0.1', user: 'demo', cwd: '/home/demo' } })
    .on('list', (b) => ({ path: b.path ?? '/home/demo', entries: [{ name: 'docs', type: 'dir' }, { name: 'a.txt', type: 'file', size: 3 }] }))
    .on('cd', (b) => ({ cwd: b.path }));
  return { ...f, ops: createBrowseOps(f.deps) };
}

describe('browseOps', () => {
  it('connects, then lists the start directory', async () => {
    const { ops, store, server } = connected();
    expect(await ops.connect(params)).toBe(true);
    const s = store.getState();
    expect(s.server.status).toBe('connected');
    expect(s.cwd).toBe('/home/demo');
    expect(s.listing?.entries.map((e) => e.name)).toEqual(['docs', 'a.txt']);
    expect(server.sent('connect')[0]?.params).toEqual(params);
    expect(s.connectPending).toBe(false);
  });

  it('keeps a failed login as the connect error, without a toast when nothing else is shown', async () => {
    const { ops, store, server } = connected();
    server.fail('connect', { code: 'FTP_ERR_LOGIN', message: '530 Login incorrect.', ftpCode: 530 });
    expect(await ops.connect(params)).toBe(false);
    expect(store.getState().connectError?.code).toBe('FTP_ERR_LOGIN');
    expect(store.getState().toasts).toHaveLength(0);
  });

  it('asks about an untrusted certificate', async () => {
    const { ops, store, server } = connected();
    const certificate = { subject: 'CN=x', issuer: 'CN=x', validFrom: 'a', validTo: 'b', fingerprint256: 'AA:BB', reason: 'self-signed' };
    server.fail('connect', { code: 'FTP_ERR_CERT_UNTRUSTED', message: 'untrusted', certificate });
    await ops.connect({ ...params, secure: 'explicit' });
    const dialog = store.getState().dialog;
    expect(dialog?.kind).toBe('trust-cert');
    if (dialog?.kind === 'trust-cert') expect(dialog.certificate.fingerprint256).toBe('AA:BB');
  });

  it('follows a symlink with cd + list, and reports a refused cd without a toast', async () => {
    const { ops, store, server } = connected();
    await ops.connect(params);
    expect(await ops.followLink('/home/demo/link')).toBe('entered');
    expect(store.getState().cwd).toBe('/home/demo/link');
    server.fail('cd', { code: 'FTP_ERR_REPLY', message: '550 Failed to change directory.', ftpCode: 550 });
    expect(await ops.followLink('/home/demo/file-link')).toBe('refused');
    expect(store.getState().cwd).toBe('/home/demo/link');
    expect(store.getState().toasts).toHaveLength(0);
  });

  it('opens folders with cd + list and walks history back, forward and up', async () => {
    const { ops, store, server } = connected();
    await ops.connect(params);
    await ops.openDir('/home/demo/docs');
    expect(store.getState().cwd).toBe('/home/demo/docs');
    expect(server.sent('cd').map((c) => c.path)).toEqual(['/home/demo/docs']);
    await ops.goBack();
    expect(store.getState().cwd).toBe('/home/demo');
    await ops.goForward();
    expect(store.getState().cwd).toBe('/home/demo/docs');
    await ops.goUp();
    expect(store.getState().cwd).toBe('/home/demo');
    expect(store.getState().history.back).toEqual(['/home/demo', '/home/demo/docs']);
  });

  it('lists by path, so a folder change the server completed late never shows under the wrong path', async () => {
    const { ops, store, server } = connected();
    await ops.connect(params);
    // The page gave up on opening docs (a timeout), but the server went there anyway:
    // a listing of "wherever the server is" would now be docs, shown under /home/demo.
    server.on('list', (b) => ({ path: b.path ?? '/home/demo/docs', entries: b.path === '/home/demo' ? [{ name: 'a.txt', type: 'file', size: 3 }] : [{ name: 'guide.txt', type: 'file', size: 9 }] }));
    await ops.refresh();
    expect(server.sent('list').at(-1)?.path).toBe('/home/demo');
    expect(store.getState().listing).toMatchObject({ path: '/home/demo', entries: [{ name: 'a.txt' }] });
    // Every listing request names its folder.
    expect(server.sent('list').every((l) => typeof l.path === 'string')).toBe(true);
  });

  it('stays put and says why when a folder cannot be opened', async () => {
    const { ops, store, server } = connected();
    await ops.connect(params);
    server.fail('cd', { code: 'FTP_ERR_REPLY', message: '550 No such directory', ftpCode: 550 });
    expect(await ops.openDir('/nope')).toBe(false);
    expect(store.getState().cwd).toBe('/home/demo');
    expect(store.getState().toasts[0]?.title).toContain('Cannot open /nope');
  });

  it('records a listing error', async () => {
    const { ops, store, server } = connected();
    await ops.connect(params);
    server.fail('list', { code: 'FTP_ERR_DATA_CONNECT', message: '425' });
    await ops.refresh();
    expect(store.getState().listError?.code).toBe('FTP_ERR_DATA_CONNECT');
  });

  it('forgets the listing on disconnect, and keeps the error notices (for a failed download or delete, the only record of why)', async () => {
    const { ops, store, server } = connected();
    await ops.connect(params);
    store.getState().pushToast({ kind: 'error', title: 'Download of a.txt failed' });
    server.on('disconnect', {});
    await ops.disconnect();
    expect(store.getState().listing).toBeNull();
    expect(store.getState().cwd).toBeNull();
    expect(store.getState().toasts.map((t) => t.title)).toEqual(['Download of a.txt failed']);
  });
});
