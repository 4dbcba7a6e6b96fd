import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestError } from '../lib/errorMessages.ts';
import { RequestMap } from './requestMap.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('RequestMap', () => {
  it('hands out distinct ids and resolves by id', async () => {
    const map = new RequestMap();
    const a = map.create('list');
    const b = map.create('cd');
    expect(a.id).not.toBe(b.id);
    expect(map.settle({ id: b.id, ok: true, result: { cwd: '/pub' } })).toBe(true);
    expect(map.settle({ id: a.id, ok: true, result: { path: '/', entries: [] } })).toBe(true);
    await expect(b.promise).resolves.toEqual({ cwd: '/pub' });
    await expect(a.promise).resolves.toEqual({ path: '/', entries: [] });
    expect(map.size).toBe(0);
  });

  it('rejects with the wire error of a failed reply', async () => {
    const map = new RequestMap();
    const r = map.create('connect');
    map.settle({ id: r.id, ok: false, error: { code: 'FTP_ERR_LOGIN', message: '530', ftpCode: 530 } });
    const err = await r.promise.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestError);
    expect((err as RequestError).code).toBe('FTP_ERR_LOGIN');
    expect((err as RequestError).wire.ftpCode).toBe(530);
  });

  it('ignores late and duplicate replies', () => {
    const map = new RequestMap();
    const r = map.create('mkdir');
    expect(map.settle({ id: r.id, ok: true, result: {} })).toBe(true);
    expect(map.settle({ id: r.id, ok: true, result: {} })).toBe(false);
    expect(map.settle({ id: 999, ok: true, result: {} })).toBe(false);
  });

  it('waits past a duplicate-id refusal for the request\'s own reply', async () => {
    const map = new RequestMap();
    const r = map.create('list');
    // The same frame arrived twice: the second copy is refused first, then the first copy's reply comes.
    const refusal = { code: 'SRV_ERR_DUPLICATE_ID', message: `request id ${r.id} is still in flight on this socket; this request did not run` };
    expect(map.settle({ id: r.id, ok: false, error: refusal })).toBe(true);
    expect(map.size).toBe(1);
    expect(map.settle({ id: r.id, ok: true, result: { path: '/', entries: [{ name: 'a.txt', type: 'file' }] } })).toBe(true);
    await expect(r.promise).resolves.toEqual({ path: '/', entries: [{ name: 'a.txt', type: 'file' }] });
    expect(map.size).toBe(0);
  });

  it('still rejects when the request\'s own reply is a failure after a duplicate-id refusal', async () => {
    const map = new RequestMap();
    const r = map.create('cd');
    map.settle({ id: r.id, ok: false, error: { code: 'SRV_ERR_DUPLICATE_ID', message: 'dup' } });
    map.settle({ id: r.id, ok: false, error: { code: 'FTP_ERR_REPLY', message: '550 No such directory', ftpCode: 550 } });
    await expect(r.promise).rejects.toMatchObject({ code: 'FTP_ERR_REPLY' });
  });

  it('times out requests that get no reply', async () => {
    vi.useFakeTimers();
    const map = new RequestMap();
    const r = map.create('rename', 1000);
    const settled = r.promise.catch((e: unknown) => e);
    vi.advanceTimersByTime(1001);
    const err = (await settled) as RequestError;
    expect(err.code).toBe('WEB_ERR_TIMEOUT');
    expect(map.size).toBe(0);
    expect(map.settle({ id: r.id, ok: true, result: {} })).toBe(false);
  });

  it('fails everything when the socket drops', async () => {
    const map = new RequestMap();
    const a = map.create('list');
    const b = map.create('remove');
    map.failAll({ code: 'WEB_ERR_DISCONNECTED', message: 'gone' });
    const codes = await Promise.all([a.promise, b.promise].map((p) => p.catch((e: RequestError) => e.code)));
    expect(codes).toEqual(['WEB_ERR_DISCONNECTED', 'WEB_ERR_DISCONNECTED']);
  });
});
