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

  it('names what is about to happen, keeps the transfers on Keep or Escape, and stops them on Stop', async () => {
    const { store } = setup();
    act(() => store.getState().addTransfers([aTransfer('u', { status: 'sending' }), aTransfer('d', { status: 'queued', direction: 'download' })]));

    let answer!: Promise<boolean>;
    act(() => void (answer = askStopTransfers(store, 'closeTab')));
    const dialog = document.querySelector('[role="alertdialog"]') as HTMLElement;
    expect(dialog.querySelector('h2')?.textContent).toBe('Close this tab?');
    expect(dialog.querySelector('.modal-body')?.textContent).toBe(
      '2 transfers are still running or queued. They stop: an upload leaves what the server received so far as a partial file, and a download fails in the browser.',
    );
    // Keep has the focus: Enter must never stop transfers by default.
    expect(document.activeElement).toBe(button('Keep them running'));
    act(() => dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    await expect(answer).resolves.toBe(false);
    expect(store.getState().dialog).toBeNull();

    act(() => store.getState().patchTransfers({ d: { status: 'done' } }));
    act(() => void (answer = askStopTransfers(store, 'encoding')));
    expect(document.querySelector('[role="alertdialog"] h2')?.textContent).toBe('Reconnect with another charset?');
    expect(document.querySelector('.modal-body')?.textContent).toBe('1 upload is still running or queued. It stops, and the server keeps what it has received so far as a partial file.');
    act(() => button('Keep it running').click());
    await expect(answer).resolves.toBe(false);

    act(() => void (answer = askStopTransfers(store, 'closeSession')));
    act(() => button('Stop and close').click());
    await expect(answer).resolves.toBe(true);
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
  });
});
