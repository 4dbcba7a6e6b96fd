import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeServices } from '../../api/testing/fakeServices.ts';
import { flush, memoryFile } from '../../api/testing/fakeDeps.ts';
import { componentTestHooks } from '../../insight/testing/render.tsx';
import { createManualFrames, setFrameScheduler, type ManualFrames } from '../../store/frameScheduler.ts';
import type { Transfer } from '../../store/transfersSlice.ts';
import { aTransfer } from '../../store/testing/transfers.ts';
import { TabScope } from '../Tabs/TabScope.tsx';
import { QUEUE_VIRTUALIZE_ABOVE, TransferQueue } from './TransferQueue.tsx';

const button = (root: ParentNode, name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;

describe('TransferQueue', () => {
  const mount = componentTestHooks();
  let frames: ManualFrames;
  let restore: () => void;
  beforeEach(() => {
    frames = createManualFrames();
    restore = setFrameScheduler(frames);
  });
  afterEach(() => restore());

  /** Lets the queue run, its batched patches land (api/patchBatcher.ts) and the header redraw (once per frame). */
  const settle = async () => {
    await act(async () => {
      await flush(20);
      await new Promise((r) => setTimeout(r, 140));
      frames.flush();
    });
  };

  const setup = () => {
    const f = fakeServices('/in');
    act(() => f.store.setState({ server: { status: 'connected', host: 'ftp.example.com', cwd: '/in' } }));
    const view = mount(
      <TabScope services={f.services} active>
        <TransferQueue />
      </TabScope>,
    );
    const status = () => f.store.getState().transferOrder.map((k) => f.store.getState().transfers[k]?.status);
    return { ...f, view, status };
  };

  it('retries every failed upload with one click, through each row\'s own retry', async () => {
    const f = setup();
    const { services, channel, view, status } = f;
    // The first three attempts are refused (553), the retries go through.
    channel.outcome = (n) => (n <= 3 ? { ok: false, error: { code: 'FTP_ERR_REPLY', message: '553 Could not create file.', ftpCode: 553 } } : { ok: true });
    act(() => void services.ops.enqueue([memoryFile('a.txt', 'aa'), memoryFile('b.txt', 'bbb'), memoryFile('c.txt', 'c')]));
    for (let i = 0; i < 20 && status().some((s) => s !== 'failed'); i += 1) await settle();
    expect(status()).toEqual(['failed', 'failed', 'failed']);
    expect(view.container.querySelector('.tq-counts')?.textContent).toBe('3 failed');
    // The list is named by the panel's title, for a screen reader's list of lists.
    const list = view.container.querySelector('ul.tq-list');
    const labelledBy = list?.getAttribute('aria-labelledby') ?? '';
    expect(labelledBy && document.getElementById(labelledBy)?.textContent).toBe('Transfers');
    const retry = button(view.container, 'Retry failed');
    expect(retry.disabled).toBe(false);
    // With the session closed a retry could only fail again: the bulk and the rows' Retry wait for a connection.
    act(() => f.store.setState({ server: { status: 'disconnected' } }));
    expect(retry.disabled).toBe(true);
    expect(retry.title).toBe('Connect to the server again first');
    const rowRetries = [...view.container.querySelectorAll<HTMLButtonElement>('button[aria-label="Retry transfer"]')];
    expect(rowRetries).toHaveLength(3);
    // aria-disabled, so a row's Retry the keyboard was on keeps the focus; a click does nothing.
    expect(rowRetries.every((b) => b.getAttribute('aria-disabled') === 'true')).toBe(true);
    const focused = rowRetries[0] as HTMLButtonElement;
    act(() => focused.focus());
    expect(document.activeElement).toBe(focused);
    const startsBefore = channel.starts.length;
    act(() => focused.click());
    await settle();
    expect(channel.starts).toHaveLength(startsBefore);
    // Said in the panel's header too: a keyboard cannot reach a disabled button's tooltip.
    expect(view.container.querySelector('.tq-counts .is-waiting')?.textContent).toBe('Connect to the server again first');
    act(() => f.store.setState({ server: { status: 'connected', host: 'ftp.example.com', cwd: '/in' } }));
    expect(retry.disabled).toBe(false);
    expect(view.container.querySelector('.tq-counts .is-waiting')).toBeNull();

    act(() => retry.click());
    for (let i = 0; i < 20 && status().some((s) => s !== 'done'); i += 1) await settle();
    expect(status()).toEqual(['done', 'done', 'done']);
    // Each retry resumed from what the server held, as the row's Retry does.
    expect(channel.starts.slice(3).map((s) => [s.path, s.mode])).toEqual([
      ['/in/a.txt', 'resume'],
      ['/in/b.txt', 'resume'],
      ['/in/c.txt', 'resume'],
    ]);
    expect(button(view.container, 'Retry failed').disabled).toBe(true);

    act(() => button(view.container, 'Clear finished').click());
    await settle();
    expect(status()).toEqual([]);
    expect(view.container.querySelector('.tq-counts')?.textContent).toBe('No transfers yet');
  });

  it('counts the folders of a dropped tree while they are being made', async () => {
    const { view, store } = setup();
    act(() => store.getState().setFolderWork({ done: 400, total: 2000 }));
    expect(view.container.querySelector('.tq-counts')?.textContent).toBe('Making folders: 400 of 2000');
    act(() => store.getState().setFolderWork(null));
    expect(view.container.querySelector('.tq-counts')?.textContent).toBe('No transfers yet');
  });

  it('says a dropped tree is being read, with what it has found so far', async () => {
    const { view, store } = setup();
    act(() => store.getState().setDropReading({ found: 1 }));
    expect(view.container.querySelector('.tq-counts')?.textContent).toBe('Reading the drop: 1 item found');
    act(() => store.getState().setDropReading({ found: 1200 }));
    expect(view.container.querySelector('.tq-counts')?.textContent).toBe('Reading the drop: 1200 items found');
    act(() => store.getState().setDropReading(null));
    expect(view.container.querySelector('.tq-counts')?.textContent).toBe('No transfers yet');
  });

  it('cancels every queued and running upload with one click', async () => {
    const { services, channel, view, status, store } = setup();
    // A relay that takes the bytes and never finishes: two uploads run, the rest wait.
    channel.sendFrame = () => true;
    act(() => void services.ops.enqueue(['1', '2', '3', '4', '5'].map((n) => memoryFile(`${n}.bin`, 'xyz'))));
    await settle();
    expect(status().filter((s) => s === 'queued')).toHaveLength(3);
    expect(channel.starts).toHaveLength(2);

    act(() => button(view.container, 'Cancel all').click());
    for (let i = 0; i < 20 && status().some((s) => s !== 'cancelled'); i += 1) await settle();
    expect(status()).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    // The queued ones never started.
    expect(channel.starts).toHaveLength(2);
    expect(button(view.container, 'Cancel all').disabled).toBe(true);
    expect(store.getState().transferOrder).toHaveLength(5);
  });

  it('keeps only the rows in view in the DOM once the queue is long', async () => {
    const { store, view } = setup();
    const many: Transfer[] = Array.from({ length: 350 }, (_, i) => aTransfer(`k${i}`, { name: `f${i}.txt`, ...(i < 2 ? { status: 'sending' as const } : {}) }));
    act(() => store.getState().addTransfers(many));
    await settle();
    const rows = view.container.querySelectorAll('.tq-item');
    expect(350).toBeGreaterThan(QUEUE_VIRTUALIZE_ABOVE);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(40);
    // Those moving and those waiting their turn are counted apart (review 17: "4 active" for 2 running and 2 queued).
    expect(view.container.querySelector('.tq-counts')?.textContent).toBe('2 running348 queued');
  });
  it('lists only one count\'s rows when that count is pressed, and every row again when it empties', async () => {
    const { store, view } = setup();
    // Finished rows first, as after a drop: at 800 x 700 they pushed the running ones out of view.
    const rows: Transfer[] = [
      ...Array.from({ length: 120 }, (_, i) => aTransfer(`d${i}`, { name: `done-${i}.txt`, status: 'done' as const })),
      aTransfer('f1', { name: 'bad-1.txt', status: 'failed', canRetry: true }),
      aTransfer('r1', { name: 'moving.txt', status: 'sending' }),
      aTransfer('f2', { name: 'bad-2.txt', status: 'failed', canRetry: true }),
    ];
    act(() => store.getState().addTransfers(rows));
    await settle();
    const names = () => [...view.container.querySelectorAll('.tq-item .tq-name')].map((n) => n.textContent);
    const failed = button(view.container, '2 failed');
    expect(failed.getAttribute('aria-pressed')).toBe('false');
    expect(failed.title).toBe('List only the failed transfers');
    expect(names()).not.toContain('bad-1.txt'); // windowed: 120 rows above it

    act(() => failed.click());
    await settle();
    expect(names()).toEqual(['bad-1.txt', 'bad-2.txt']);
    expect(button(view.container, '2 failed').getAttribute('aria-pressed')).toBe('true');
    expect(button(view.container, '2 failed').title).toBe('List every transfer again');
    // The counts still count every row, and the bulk buttons still act on every row.
    expect(button(view.container, '120 done')).toBeDefined();
    expect(button(view.container, 'Show all 123')).toBeDefined();

    // A row that moves to another group leaves the list as it moves.
    act(() => store.getState().patchTransfers({ f1: { status: 'sending' } }));
    await settle();
    expect(names()).toEqual(['bad-2.txt']);

    // Pressed again: every row, from the top.
    act(() => button(view.container, '1 failed').click());
    await settle();
    expect(names()[0]).toBe('done-0.txt');
    expect(view.container.querySelector('.tq-show-all')).toBeNull();

    act(() => button(view.container, '2 running').click());
    await settle();
    expect(names()).toEqual(['bad-1.txt', 'moving.txt']);
    // Its last rows end: the pressed count stays, at 0, and the list says it is empty. (A running
    // upload goes back to queued between automatic resumes: the list must not jump away meanwhile.)
    act(() => store.getState().patchTransfers({ f1: { status: 'done' }, r1: { status: 'done' } }));
    await settle();
    const zero = button(view.container, '0 running');
    expect(zero.getAttribute('aria-pressed')).toBe('true');
    expect(names()).toEqual([]);
    expect(view.container.querySelector('.tq-empty')?.textContent).toMatch(/^None left here/);
    // Un-pressed, the 0 count goes; the focus it had goes to the panel's title button, not the page's body.
    act(() => zero.focus());
    act(() => zero.click());
    await settle();
    expect(view.container.querySelector('.tq-filter[data-group="running"]')).toBeNull();
    expect(document.activeElement?.className).toBe('tq-toggle');
    expect(names()[0]).toBe('done-0.txt');
    expect(view.container.querySelector('.tq-counts')?.textContent).toBe('122 done1 failed');

    // "Show all" goes as it is pressed: the focus moves to the count that was pressed.
    act(() => button(view.container, '1 failed').click());
    await settle();
    act(() => button(view.container, 'Show all 123').focus());
    act(() => button(view.container, 'Show all 123').click());
    await settle();
    expect(document.activeElement).toBe(button(view.container, '1 failed'));
  });

  it('never retries or resumes a row on another server than the one it began with (Review 45)', async () => {
    const { store, view, services, channel } = setup();
    // The rows began with ftp.example.com, as user u (the site `u@ftp.example.com`).
    act(() => store.setState({ server: { status: 'connected', host: 'ftp.example.com', user: 'u', cwd: '/in' } }));
    act(() => void services.ops.enqueue([memoryFile('a.txt', 'aa')]));
    channel.outcome = () => ({ ok: false, error: { code: 'FTP_ERR_REPLY', message: '553 Could not create file.', ftpCode: 553 } });
    for (let i = 0; i < 20 && store.getState().transfers['up-1']?.status !== 'failed'; i += 1) await settle();
    const key = store.getState().transferOrder[0] as string;
    expect(store.getState().transfers[key]).toMatchObject({ status: 'failed', canRetry: true, site: 'u@ftp.example.com' });
    // Connected elsewhere now: the same path there is another file.
    act(() => store.setState({ server: { status: 'connected', host: 'other.example.org', user: 'u', cwd: '/in' } }));
    await settle();
    const retry = view.container.querySelector<HTMLButtonElement>('button[aria-label="Retry transfer"]') as HTMLButtonElement;
    expect(retry.getAttribute('aria-disabled')).toBe('true');
    expect(retry.title).toBe('From u@ftp.example.com: connect to that server to retry or resume it');
    expect(button(view.container, 'Retry failed').disabled).toBe(true);
    const starts = channel.starts.length;
    act(() => services.ops.retry(key));
    await settle();
    expect(channel.starts).toHaveLength(starts);
    expect(store.getState().transfers[key]?.status).toBe('failed');
    // Back on its own server: Retry works again.
    channel.outcome = () => ({ ok: true });
    act(() => store.setState({ server: { status: 'connected', host: 'ftp.example.com', user: 'u', cwd: '/in' } }));
    await settle();
    expect(retry.getAttribute('aria-disabled')).toBeNull();
    expect(button(view.container, 'Retry failed').disabled).toBe(false);
    act(() => retry.click());
    for (let i = 0; i < 20 && store.getState().transfers[key]?.status !== 'done'; i += 1) await settle();
    expect(store.getState().transfers[key]?.status).toBe('done');
  });

  it('sets keeping file times from its checkbox, and marks a file whose time the server would not set', async () => {
    const { view, store, services, channel } = setup();
    const box = [...view.container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((b) => b.labels?.[0]?.textContent === 'Keep file times');
    expect(box?.checked).toBe(false);
    // Named by its label alone; the help is its description, not part of its name.
    expect(box?.labels).toHaveLength(1);
    expect(document.getElementById(box?.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/^Files uploaded from now on/);
    act(() => box?.click());
    expect(store.getState().keepTimes).toBe(true);
    expect(box?.checked).toBe(true);
    channel.outcome = () => ({ ok: true, timeKept: false });
    act(() => void services.ops.enqueue([{ ...memoryFile('old.txt', 'abc'), lastModified: Date.UTC(2019, 2, 4) }]));
    for (let i = 0; i < 20 && store.getState().transfers[store.getState().transferOrder[0] ?? '']?.status !== 'done'; i += 1) await settle();
    expect(channel.starts[0]?.modified).toBe('2019-03-04T00:00:00.000Z');
    const badge = view.container.querySelector('.tq-item .tq-badge');
    expect(badge?.textContent).toBe('time not kept');
    expect(badge?.getAttribute('title')).toMatch(/would not set this file's modification time/);
  });

  it("says a download at its check compares the server's hash, with nothing left to cancel; a check by size reads as a word", () => {
    const { view, store } = setup();
    act(() =>
      store.getState().addTransfers([
        aTransfer('d', { direction: 'download', status: 'finishing', verifiedBy: 'md5', size: 1000, written: 1000 }),
        aTransfer('u', { direction: 'upload', status: 'done', verified: true, verifiedBy: 'size', size: 1000, written: 1000 }),
      ]),
    );
    act(() => frames.flush());
    const [checking, done] = [...view.container.querySelectorAll('.tq-item')];
    expect(checking?.querySelector('.tq-status')?.textContent).toBe("Received · comparing MD5 with the server's…");
    expect(checking?.querySelector('button[aria-label="Cancel transfer"]')).toBeNull();
    expect(done?.querySelector('.tq-status')?.textContent).toBe('Done · 1000 B · size verified');
  });
});
