/**
 * The question asked before closing or reconnecting a session whose
 * transfers would stop: the tab's own dialog, not window.confirm (which
 * freezes every script of the page, and with it every tab's uploads, until
 * it is answered).
 */
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeServices } from '../../api/testing/fakeServices.ts';
import { askStopTransfers } from '../../api/uploadGuard.ts';
import { componentTestHooks } from '../../insight/testing/render.tsx';
import { aTransfer } from '../../store/testing/transfers.ts';
import { TabScope } from '../Tabs/TabScope.tsx';
import { DialogHost } from './DialogHost.tsx';

const button = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;

describe('StopTransfersDialog', () => {
  const mount = componentTestHooks();

  const setup = () => {
    const f = fakeServices('/in');
    mount(
      <TabScope services={f.services} active>
        <DialogHost />
      </TabScope>,
    );
    return f;
  };

  it('names what is about to happen and what each transfer loses, live; Cancel or Escape keeps them, Stop stops them', async () => {
    const { store } = setup();
    act(() =>
      store.getState().addTransfers([
        aTransfer('u', { status: 'sending', written: 5 }),
        aTransfer('w', { status: 'queued' }),
        aTransfer('d', { status: 'sending', direction: 'download' }),
      ]),
    );

    let answer!: Promise<boolean>;
    act(() => void (answer = askStopTransfers(store, 'closeTab')));
    const dialog = document.querySelector('[role="alertdialog"]') as HTMLElement;
    expect(dialog.querySelector('h2')?.textContent).toBe('Close this tab?');
    const lines = () => [...document.querySelectorAll('.modal-body li')].map((li) => li.textContent);
    expect(lines()).toEqual([
      '1 upload under way stops where it is. The server keeps the part it received, in place of the file if it was replacing one.',
      '1 queued upload is not sent.',
      '1 download fails in the browser.',
    ]);
    // Cancel has the focus: Enter must never stop transfers by default.
    expect(document.activeElement).toBe(button('Cancel'));
    // Transfers go on behind the question; what it says follows them (once per frame).
    act(() => store.getState().patchTransfers({ d: { status: 'done' } }));
    await act(async () => new Promise((r) => requestAnimationFrame(() => r(undefined))));
    expect(lines()).toHaveLength(2);
    act(() => dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    await expect(answer).resolves.toBe(false);
    expect(store.getState().dialog).toBeNull();

    act(() => void (answer = askStopTransfers(store, 'connect')));
    expect(document.querySelector('[role="alertdialog"] h2')?.textContent).toBe('Close this session and connect?');
    act(() => button('Cancel').click());
    await expect(answer).resolves.toBe(false);

    act(() => void (answer = askStopTransfers(store, 'closeSession')));
    act(() => store.getState().patchTransfers({ u: { status: 'done' }, w: { status: 'cancelled' } }));
    await act(async () => new Promise((r) => requestAnimationFrame(() => r(undefined))));
    expect(document.querySelector('.modal-body')?.textContent).toBe('They have all finished meanwhile: nothing will stop.');
    act(() => button('Stop and close').click());
    await expect(answer).resolves.toBe(true);
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
  });
});
