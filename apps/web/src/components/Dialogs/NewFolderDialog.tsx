/** Create a folder in the current directory (MKD via `mkdir`). */
import { useId, useState } from 'react';
import { getServices } from '../../api/services.ts';
import { appStore } from '../../store/index.ts';
import { Modal } from './Modal.tsx';
import { useT } from '../../i18n/useT.ts';
import { nameProblem } from './RenameDialog.tsx';

/** The new-folder dialog. */
export function NewFolderDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [name, setName] = useState(() => t('ui.newFolder'));
  const [tried, setTried] = useState(false);
  const id = useId();
  const existing = new Set(appStore.getState().listing?.entries.map((e) => e.name) ?? []);
  const problem = nameProblem(name, existing);

  const submit = () => {
    setTried(true);
    if (problem) return;
    onClose();
    void getServices().ops.mkdir(name);
  };

  return (
    <Modal
      title={t('ui.newFolder')}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('ui.cancel')}
          </button>
          <button type="submit" className="btn btn-primary">
            {t('dlg.create')}
          </button>
        </>
      }
    >
      <p>
        {t('dlg.in')} <code>{appStore.getState().cwd ?? '/'}</code>
      </p>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('ui.folderName')}</label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
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
