import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConflictDecision, FileConflict } from '../../api/fileConflicts.ts';
import { render, typeInto, type Rendered } from '../../insight/testing/render.tsx';
import { FileExistsDialog } from './FileExistsDialog.tsx';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

const conflict: FileConflict = {
  name: 'report.pdf',
  dir: '/in',
  localSize: 10,
  remoteSize: 20,
  remoteIsDir: false,
  suggestion: 'report (2).pdf',
  taken: new Set(['report.pdf', 'report (1).pdf']),
  remaining: 0,
};

describe('FileExistsDialog', () => {
  it('refuses a new name that also exists and says so, then accepts a free one', () => {
    const respond = vi.fn((_d: ConflictDecision) => {});
    view = render(<FileExistsDialog conflict={conflict} respond={respond} onClose={() => {}} />);
    const input = view.container.ownerDocument.querySelector<HTMLInputElement>('input.input');
    const form = view.container.ownerDocument.querySelector<HTMLFormElement>('form');
    if (!input || !form) throw new Error('dialog not rendered');

    typeInto(input, 'report (1).pdf');
    act(() => form.requestSubmit());
    expect(respond).not.toHaveBeenCalled();
    expect(view.container.ownerDocument.querySelector('.field-error')?.textContent).toBe('Something with this name already exists here');
    expect(input.getAttribute('aria-invalid')).toBe('true');

    typeInto(input, 'report (3).pdf');
    act(() => form.requestSubmit());
    expect(respond).toHaveBeenCalledWith({ action: 'rename', newName: 'report (3).pdf', applyToAll: false });
  });
});
