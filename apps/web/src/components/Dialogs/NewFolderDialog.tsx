/** Create a folder in the current directory (MKD via `mkdir`); `a/b/c` creates the levels in turn. */
import { useId, useState } from 'react';
import { useServices } from '../../hooks/tabContext.ts';
import { useStoreApi } from '../../store/index.ts';
import { CancelSubmitFooter } from './CancelSubmitFooter.tsx';
import { Modal } from './Modal.tsx';
import { useT } from '../../i18n/useT.ts';
import { ServerText } from '../ServerText/ServerText.tsx';
import { NameField, folderPathProblem } from './NameField.tsx';

/** The new-folder dialog. */
export function NewFolderDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const store = useStoreApi();
  const services = useServices();
  const [name, setName] = useState(() => t('ui.newFolder'));
  const [tried, setTried] = useState(false);
  const id = useId();
  const existing = new Set(store.getState().listing?.entries.map((e) => e.name) ?? []);
  const problem = folderPathProblem(name, existing);
  const levels = name.split('/').filter((part) => part !== '');

  const submit = () => {
    setTried(true);
    if (problem) return;
    onClose();
    void services.ops.mkdir(name);
  };

  return (
    <Modal
      title={t('ui.newFolder')}
      onClose={onClose}
      onSubmit={submit}
      footer={<CancelSubmitFooter onCancel={onClose} submitLabel={t('dlg.create')} />}
    >
      <p>
        {t('dlg.in')} <code>
          <ServerText text={store.getState().cwd ?? '/'} />
        </code>
      </p>
      <NameField id={id} label={t('ui.folderName')} value={name} onChange={setName} problem={problem} tried={tried} />
      {/* A slash makes folders inside folders (Rename refuses one): say so before it happens. */}
      <p className="dlg-hint" role="note">
        {levels.length > 1 && !problem ? t('dlg.nestedFolders', { count: levels.length, path: levels.join(' › ') }) : t('dlg.nestedFoldersHint')}
      </p>
    </Modal>
  );
}
