import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { componentTestHooks } from '../../insight/testing/render.tsx';
import { StoreProvider, createAppStore } from '../../store/index.ts';
import { Toasts, VISIBLE_TOASTS } from './Toasts.tsx';
import { stackBottom } from './toastPlacement.ts';

const buttons = (root: ParentNode, name: string) => [...root.querySelectorAll('button')].filter((b) => b.textContent === name || b.getAttribute('aria-label') === name);

describe('Toasts', () => {
  const mount = componentTestHooks();

  it('shows the newest three; older ones fold into one line that shows or dismisses them all', () => {
    const store = createAppStore();
    for (let i = 1; i <= 5; i += 1) store.getState().pushToast({ kind: 'error', title: `Upload of f${i}.txt failed`, detail: '553 Could not create file.' });
    const view = mount(
      <StoreProvider store={store}>
        <Toasts />
      </StoreProvider>,
    );
    const titles = () => [...view.container.querySelectorAll('[role="alert"] .toast-title')].map((e) => e.textContent);
    expect(titles()).toEqual(['Upload of f3.txt failed', 'Upload of f4.txt failed', 'Upload of f5.txt failed']);
    expect(VISIBLE_TOASTS).toBe(3);
    expect(view.container.querySelector('.toast-fold')?.textContent).toContain('2 earlier notifications');
    // Only the newest spells out its detail; the others keep to their title, so the stack stays low.
    expect([...view.container.querySelectorAll('.toast')].map((e) => e.querySelector('.toast-detail') !== null)).toEqual([false, false, true]);

    act(() => buttons(view.container, 'Show all')[0]?.click());
    expect(titles()).toHaveLength(5);
    act(() => buttons(view.container, 'Show fewer')[0]?.click());
    expect(titles()).toHaveLength(3);

    // One toast dismissed by its own button: the next older one comes forward.
    act(() => buttons(view.container, 'Dismiss')[0]?.click());
    expect(titles()).toEqual(['Upload of f2.txt failed', 'Upload of f4.txt failed', 'Upload of f5.txt failed']);
    act(() => buttons(view.container, 'Dismiss all')[0]?.click());
    expect(store.getState().toasts).toEqual([]);
    expect(view.container.querySelector('.toast-fold')).toBeNull();
  });

  it('sits above the transfers panel of its tab, never over its rows', () => {
    const store = createAppStore();
    store.getState().pushToast({ kind: 'error', title: 'Upload of big.bin failed' });
    // The panel's top edge at 500 px in a 720 px window (jsdom lays nothing out).
    const queue = document.createElement('section');
    queue.className = 'tq';
    queue.getBoundingClientRect = () => ({ top: 500, bottom: 696, left: 0, right: 1280, width: 1280, height: 196, x: 0, y: 500, toJSON: () => ({}) });
    document.body.append(queue);
    try {
      const view = mount(
        <StoreProvider store={store}>
          <Toasts />
        </StoreProvider>,
      );
      const region = view.container.querySelector<HTMLElement>('[role="region"]');
      expect(region?.style.bottom).toBe(`${stackBottom(window.innerHeight, 500)}px`);
      expect(stackBottom(720, 500)).toBe(232);
    } finally {
      queue.remove();
    }
  });
});
