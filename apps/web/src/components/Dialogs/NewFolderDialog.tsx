/** Create a folder in the current directory (MKD via `mkdir`). */
import { useId, useState } from 'react';
import { getServices } from '../../api/services.ts';
import { appStore } from '../../store/index.ts';
import { Modal } from './Modal.tsx';
import { nameProblem } from './RenameDialog.tsx';

/** The new-folder dialog. */
export function NewFolderDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('New folder');
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
      title="New folder"
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary">
            Create
          </button>
        </>
      }
    >
      <p>
        In <code>{appStore.getState().cwd ?? '/'}</code>
      </p>
      <div className="field">
        <label htmlFor={`${id}-name`}>Folder name</label>
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
          {tried ? problem : ''}
        </div>
      </div>
    </Modal>
  );
}
