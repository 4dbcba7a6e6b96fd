/** Confirms a delete, listing exactly what will be removed (folders recursively). */
import type { WireEntry } from '@ftpdeck/protocol';
import { getServices } from '../../api/services.ts';
import { Icon } from '../Icon/Icon.tsx';
import { Modal } from './Modal.tsx';

/** Names listed before "and N more". */
const SHOW = 12;

/** The title for deleting these entries. Pure, for tests. */
export function deleteTitle(entries: readonly WireEntry[]): string {
  if (entries.length === 1) return `Delete “${entries[0]?.name}”?`;
  return `Delete ${entries.length} items?`;
}

/** The delete confirmation. */
export function DeleteDialog({ entries, onClose }: { entries: WireEntry[]; onClose: () => void }) {
  const folders = entries.filter((e) => e.type === 'dir').length;
  const submit = () => {
    onClose();
    void getServices().ops.remove(entries);
  };

  return (
    <Modal
      role="alertdialog"
      title={deleteTitle(entries)}
      onClose={onClose}
      onSubmit={submit}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" data-autofocus>
            Delete
          </button>
        </>
      }
    >
      <p>
        {folders > 0
          ? 'Folders are deleted with everything inside them. This cannot be undone.'
          : 'This cannot be undone.'}
      </p>
      <ul className="del-list" aria-label="Items to delete">
        {entries.slice(0, SHOW).map((e) => (
          <li key={e.name}>
            <Icon name={e.type === 'dir' ? 'folder' : 'file'} size={14} />
            <span>{e.name}</span>
            {e.type === 'dir' && <span className="del-note">folder and contents</span>}
          </li>
        ))}
        {entries.length > SHOW && <li className="del-more">and {entries.length - SHOW} more</li>}
      </ul>
    </Modal>
  );
}
