/** Rename one entry (RNFR/RNTO via the `rename` request). */
import { useEffect, useId, useRef, useState } from 'react';
import type { WireEntry } from '@ftpdeck/protocol';
import { getServices } from '../../api/services.ts';
import { isValidName } from '../../lib/remotePath.ts';
import { appStore } from '../../store/index.ts';
import { Modal } from './Modal.tsx';
import { useT } from '../../i18n/useT.ts';
/** Names a problem with a proposed name: a catalog key. */
export type NameProblem = 'dlg.needName' | 'dlg.badName' | 'dlg.nameTaken';

/** Why a proposed name cannot be used (a catalog key), or null. Pure, for tests. */
export function nameProblem(name: string, existing: ReadonlySet<string>, current?: string): NameProblem | null {
  if (name.trim() === '') return 'dlg.needName';
  if (!isValidName(name)) return 'dlg.badName';
  if (name !== current && existing.has(name)) return 'dlg.nameTaken';
  return null;
}

/** The rename dialog. */
export function RenameDialog({ entry, onClose }: { entry: WireEntry; onClose: () => void }) {
  const t = useT();
  const [name, setName] = useState(entry.name);
  const [tried, setTried] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const existing = new Set(appStore.getState().listing?.entries.map((e) => e.name) ?? []);
  const problem = nameProblem(name, existing, entry.name);

  // Select the stem, not the extension, as desktop file managers do.
  useEffect(() => {
    const dot = entry.type !== 'dir' ? entry.name.lastIndexOf('.') : -1;
    input.current?.setSelectionRange(0, dot > 0 ? dot : entry.name.length);
  }, [entry]);

  const submit = () => {
    setTried(true);
    if (problem) return;
    onClose();
    void getServices().ops.rename(entry, name);
  };

  return (
    <Modal
      title={t('dlg.renameTitle', { name: entry.name })}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('ui.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={tried && problem !== null}>
            {t('ui.rename')}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('ui.newName')}</label>
        <input
          ref={input}
          id={`${id}-name`}
          className="input"
          value={name}
          data-select-stem
          spellCheck={false}
          aria-invalid={(tried && problem !== null) || undefined}
          aria-describedby={`${id}-err`}
          onChange={(e) => setName(e.target.value)}
        />
        <div id={`${id}-err`} className="field-error">
          {tried && problem ? t(problem) : ''}
        </div>
      </div>
    </Modal>
  );
}
