import type { WireError } from '@ftpdeck/protocol';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeServices } from '../../api/testing/fakeServices.ts';
import { flush } from '../../api/testing/fakeDeps.ts';
import { componentTestHooks } from '../../insight/testing/render.tsx';
import { TabScope } from '../Tabs/TabScope.tsx';
import { DeleteActivity } from './DeleteActivity.tsx';

describe('DeleteActivity', () => {
  const mount = componentTestHooks();
  /** The bar in a tab of its own, with a fresh store. */
  const mountBar = () => {
    const { services, store } = fakeServices();
    const view = mount(
      <TabScope services={services} active>
        <DeleteActivity />
      </TabScope>,
    );
    return { store, view };
  };

  it('shows a running delete with its count against the dialog’s total', () => {
    const { store, view } = mountBar();
    const line = () => view.container.querySelector('[data-testid="delete-activity"]');
    expect(line()).toBeNull();
    act(() => {
      store.getState().deleteStarted({ id: 3, name: 'photos', count: 1, expected: 200 });
      store.getState().deleteProgressed(3, 57);
    });
    expect(line()?.textContent).toContain('Deleting photos');
    expect(line()?.textContent).toContain('57 of 200 removed');
    expect(line()?.querySelector('progress')?.value).toBe(57);
    expect(line()?.textContent).not.toContain('waiting');
    act(() => store.getState().deleteWaiting(3, true));
    expect(line()?.textContent).toContain('waiting for another delete or a free connection');
    act(() => store.getState().deleteWaiting(3, false));
    expect(line()?.textContent).not.toContain('waiting');
    // Past the dialog's count (files added since it counted), the count stands alone.
    act(() => store.getState().deleteProgressed(3, 230));
    expect(line()?.textContent).toContain('230 removed');
    expect(line()?.textContent).not.toContain(' of ');
    expect(line()?.querySelector('progress')).toBeNull();
    act(() => store.getState().deleteEnded(3));
    expect(line()).toBeNull();
  });

  it('stops a running delete from its button, and says what it did', async () => {
    const f = fakeServices();
    let answer: (v: { removed: number } | WireError) => void = () => undefined;
    f.server.on('remove', () => new Promise((resolve) => (answer = resolve)));
    f.server.on('remove-cancel', { stopping: true });
    f.server.on('list', { path: '/pub', entries: [] });
    const view = mount(
      <TabScope services={f.services} active>
        <DeleteActivity />
      </TabScope>,
    );
    let done: Promise<boolean> = Promise.resolve(true);
    await act(async () => {
      done = f.services.ops.remove([{ name: 'photos', type: 'dir' }, { name: 'later.txt', type: 'file' }]);
      await flush();
    });
    const stop = view.container.querySelector<HTMLButtonElement>('[data-testid="delete-activity"] button');
    expect(stop?.getAttribute('aria-label')).toBe('Stop this delete: Deleting 2 items');
    await act(async () => {
      stop?.click();
      await flush();
    });
    expect(f.server.sent('remove-cancel')).toEqual([expect.objectContaining({ job: f.server.sent('remove')[0]?.job })]);
    expect(stop?.disabled).toBe(true);
    expect(stop?.textContent).toBe('Stopping…');
    await act(async () => {
      answer({ code: 'FTP_ERR_ABORTED', message: 'Stopped deleting /pub/photos after removing 0 items' });
      await done;
    });
    // The file after the folder was never begun, and the bar is clear.
    expect(f.server.sent('remove').map((r) => r.path)).toEqual(['/pub/photos']);
    expect(view.container.querySelector('[data-testid="delete-activity"]')).toBeNull();
    expect(f.store.getState().toasts.map((t) => t.title)).toEqual(['Stopped deleting after 0 items']);
  });

  it('groups the digits of big counts, as the rest of the page does', () => {
    const { store, view } = mountBar();
    act(() => {
      store.getState().deleteStarted({ id: 5, name: 'archive', count: 1, expected: 10_181 });
      store.getState().deleteProgressed(5, 1234);
    });
    expect(view.container.textContent).toContain((1234).toLocaleString() + ' of ' + (10_181).toLocaleString() + ' removed');
  });
});
