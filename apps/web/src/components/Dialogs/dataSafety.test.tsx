/**
 * Dialogs that guard data: a changed certificate, permissions over a mixed
 * selection, nested new folders, and the file-exists facts (exact bytes,
 * dates, no overwrite of folders on a move). Effects are read from the
 * requests the fake server recorded.
 */
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { WireEntry, WireError } from '@ftpdeck/protocol';
import type { ConflictDecision, FileConflict } from '../../api/fileConflicts.ts';
import { fakeServices } from '../../api/testing/fakeServices.ts';
import { flush } from '../../api/testing/fakeDeps.ts';
import { componentTestHooks, getByLabelText, typeInto } from '../../insight/testing/render.tsx';
import { rememberTrustedCert } from '../../lib/trustedCerts.ts';
import { TabScope } from '../Tabs/TabScope.tsx';
import { ChmodDialog } from './ChmodDialog.tsx';
import { FileExistsDialog } from './FileExistsDialog.tsx';
import { NewFolderDialog } from './NewFolderDialog.tsx';
import { TrustCertDialog } from './TrustCertDialog.tsx';

const buttons = (root: ParentNode) => [...root.querySelectorAll('button')];
const button = (root: ParentNode, name: string) => {
  const b = buttons(root).find((x) => x.textContent?.trim() === name);
  if (!b) throw new Error(`no button ${name}`);
  return b;
};
const dialogBox = () => document.querySelector<HTMLFormElement>('form[aria-modal="true"]') as HTMLFormElement;

describe('data-safety dialogs', () => {
  const render = componentTestHooks();

  describe('TrustCertDialog', () => {
    const params = { host: 'ftp.example', port: 21, user: 'u', password: 'p', secure: 'explicit' as const };
    const certificate: NonNullable<WireError['certificate']> = {
      subject: 'CN=ftp.example',
      issuer: 'CN=ftp.example',
      validFrom: 'Jan 1 00:00:00 2026 GMT',
      validTo: 'Jan 1 00:00:00 2027 GMT',
      fingerprint256: 'BB:BB:BB:BB',
      reason: 'FINGERPRINT_MISMATCH',
    };

    it('says a trusted certificate CHANGED, shows both fingerprints, and makes Cancel the default', async () => {
      localStorage.clear();
      rememberTrustedCert(params, 'AA:AA:AA:AA');
      const f = fakeServices();
      f.server.on('connect', { state: { status: 'connected' }, cwd: '/' } as never);
      const onClose = vi.fn();
      render(
        <TabScope services={f.services} active>
          <TrustCertDialog certificate={certificate} params={params} onClose={onClose} />
        </TabScope>,
      );
      const box = dialogBox();
      expect(box.textContent).toContain('The server’s certificate has CHANGED');
      expect(box.textContent).toContain('AA:AA:AA:AA');
      expect(box.textContent).toContain('BB:BB:BB:BB');
      expect(box.textContent).not.toContain('Unknown certificate');
      // Cancel is the primary, focused, submit button: Enter cancels and connects nowhere.
      const cancel = button(box, 'Cancel');
      expect(cancel.type).toBe('submit');
      expect(cancel.classList.contains('btn-primary')).toBe(true);
      expect(document.activeElement).toBe(cancel);
      for (const name of ['Trust the new one once', 'Always trust the new one']) expect(button(box, name).classList.contains('btn-primary')).toBe(false);
      act(() => box.requestSubmit());
      expect(onClose).toHaveBeenCalled();
      expect(f.server.sent('connect')).toHaveLength(0);

      // Trusting the new one is still possible, and pins the NEW fingerprint.
      act(() => button(box, 'Trust the new one once').click());
      await act(async () => flush());
      expect(f.server.sent('connect')[0]).toMatchObject({ params: { trustFingerprint: 'BB:BB:BB:BB' } });
    });

    it('keeps the unknown-certificate wording for a certificate never trusted', () => {
      localStorage.clear();
      const f = fakeServices();
      render(
        <TabScope services={f.services} active>
          <TrustCertDialog certificate={{ ...certificate, reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' }} params={params} onClose={() => undefined} />
        </TabScope>,
      );
      expect(dialogBox().textContent).toContain('Unknown certificate');
      expect(dialogBox().textContent).not.toContain('CHANGED');
    });
  });

  describe('ChmodDialog', () => {
    const entries: WireEntry[] = [
      { name: 'a.txt', type: 'file', permissions: '-rw-r--r--' },
      { name: 'run.sh', type: 'file', permissions: '-rwxr-x---' },
      { name: 'web', type: 'dir', permissions: 'drwxr-xr-x' },
    ];

    it('shows bits the selection disagrees on as mixed, and Apply keeps them per entry', async () => {
      const f = fakeServices();
      f.server.on('chmod', {}).on('list', { path: '/pub', entries: [] });
      const view = render(
        <TabScope services={f.services} active>
          <ChmodDialog entries={entries} onClose={() => undefined} />
        </TabScope>,
      );
      const box = dialogBox();
      const octal = getByLabelText(view.container, 'Numeric value') as HTMLInputElement;
      expect(octal.value).toBe('');
      expect(octal.placeholder).toBe('mixed');
      const check = (name: string) => box.querySelector<HTMLInputElement>(`input[aria-label="${name}"]`) as HTMLInputElement;
      expect(check('Owner Execute').indeterminate).toBe(true);
      expect(check('Others Read').indeterminate).toBe(true);
      expect(check('Owner Read').checked).toBe(true);
      expect(check('Group Write').checked).toBe(false);
      expect(check('Group Write').indeterminate).toBe(false);
      // The user grants group write to all; everything else stays as each entry has it.
      act(() => check('Group Write').click());
      act(() => box.requestSubmit());
      await act(async () => flush());
      expect(f.server.sent('chmod').map((m) => [m.path, m.mode])).toEqual([
        ['/pub/a.txt', '664'],
        ['/pub/run.sh', '770'],
        ['/pub/web', '775'],
      ]);
    });

    it('prefills a shared mode and sends it to all', async () => {
      const f = fakeServices();
      f.server.on('chmod', {}).on('list', { path: '/pub', entries: [] });
      const view = render(
        <TabScope services={f.services} active>
          <ChmodDialog entries={[entries[0] as WireEntry, { name: 'b.txt', type: 'file', permissions: '-rw-r--r--' }]} onClose={() => undefined} />
        </TabScope>,
      );
      const octal = getByLabelText(view.container, 'Numeric value') as HTMLInputElement;
      expect(octal.value).toBe('644');
      typeInto(octal, '600');
      act(() => dialogBox().requestSubmit());
      await act(async () => flush());
      expect(f.server.sent('chmod').map((m) => m.mode)).toEqual(['600', '600']);
    });
  });

  describe('NewFolderDialog', () => {
    it('accepts a nested path and creates each level', async () => {
      const f = fakeServices();
      f.server.on('mkdir', {}).on('list', { path: '/pub', entries: [] });
      const view = render(
        <TabScope services={f.services} active>
          <NewFolderDialog onClose={() => undefined} />
        </TabScope>,
      );
      typeInto(getByLabelText(view.container, 'Folder name') as HTMLInputElement, 'a/b/c');
      act(() => dialogBox().requestSubmit());
      await act(async () => flush());
      expect(f.server.sent('mkdir').map((m) => m.path)).toEqual(['/pub/a', '/pub/a/b', '/pub/a/b/c']);
    });

    it('refuses empty parts and dot names in a path', async () => {
      const f = fakeServices();
      const view = render(
        <TabScope services={f.services} active>
          <NewFolderDialog onClose={() => undefined} />
        </TabScope>,
      );
      for (const bad of ['a//b', '/a', 'a/../b']) {
        typeInto(getByLabelText(view.container, 'Folder name') as HTMLInputElement, bad);
        act(() => dialogBox().requestSubmit());
        expect(view.container.ownerDocument.querySelector('.field-error')?.textContent).toContain('Use “/” only between folder names');
      }
      expect(f.server.sent('mkdir')).toHaveLength(0);
    });
  });

  describe('FileExistsDialog facts', () => {
    const base: FileConflict = {
      name: 'data.bin',
      dir: '/in',
      localSize: 5000,
      remoteSize: 5004,
      remoteIsDir: false,
      suggestion: 'data (1).bin',
      taken: new Set(['data.bin']),
      remaining: 0,
    };

    it('shows exact bytes when the rounded sizes are the same, and the dates', () => {
      render(
        <FileExistsDialog
          conflict={{ ...base, remoteModified: '2026-03-04T05:06:00Z', localModified: '2026-03-05T05:06:00Z' }}
          respond={() => undefined}
          onClose={() => undefined}
        />,
      );
      const text = dialogBox().querySelector('.fe-sizes')?.textContent ?? '';
      expect(text).toContain('4.9 KB (5,004 bytes)');
      expect(text).toContain('4.9 KB (5,000 bytes)');
      expect(text).toMatch(/Modified 2026-03-0[34] \d\d:\d\d/);
      expect(text).toMatch(/Modified 2026-03-0[45] \d\d:\d\d/);
    });

    it('leaves sizes that differ visibly rounded, with the exact count as a tooltip', () => {
      render(<FileExistsDialog conflict={{ ...base, localSize: 90_000 }} respond={() => undefined} onClose={() => undefined} />);
      const box = dialogBox();
      expect(box.querySelector('.fe-exact')).toBeNull();
      expect(box.querySelector('.fe-sizes [title="90,000 bytes"]')?.textContent).toBe('87.9 KB');
    });

    it('offers no Overwrite when a move would replace a folder or put a folder over a file', () => {
      const respond = vi.fn((_d: ConflictDecision) => undefined);
      render(<FileExistsDialog conflict={{ ...base, op: 'move', localIsDir: true, remaining: 2 }} respond={respond} onClose={() => undefined} />);
      const box = dialogBox();
      expect(button(box, 'Overwrite').disabled).toBe(true);
      expect(buttons(box).map((b) => b.textContent)).not.toContain('Resume');
      expect(box.textContent).toContain('A move never replaces a folder');
      expect(box.textContent).toContain('Being moved');
      expect(box.textContent).toContain('Do the same for the 2 other items in this move');
    });
  });
});
