/** Confirms a delete, listing exactly what will be removed (folders recursively). */
import type { WireEntry } from '@ftpdeck/protocol';
import { getServices } from '../../api/services.ts';
import { Icon } from '../Icon/Icon.tsx';
import { Modal } from './Modal.tsx';
import { t as translateNow } from '../../i18n/languageStore.ts';
import { useT } from '../../i18n/useT.ts';
/** Names listed before "and N more". */
const SHOW = 12;

/** The title for deleting these entries. Pure, for tests. */
export function deleteTitle(entries: readonly WireEntry[]): string {
  if (entries.length === 1) return translateNow('ui.confirmDelete', { name: `“${entries[0]?.name ?? ''}”` });
  return translateNow('ui.confirmDeleteMany', { count: entries.length });
}

/** The delete confirmation. */
export function DeleteDialog({ entries, onClose }: { entries: WireEntry[]; onClose: () => void }) {
  const t = useT();
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
            {t('ui.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" data-autofocus>
            {t('ui.delete')}
          </button>
        </>
      }
    >
      <p>
        {folders > 0
          ? t('dlg.deleteFolders')
          : t('dlg.cannotUndo')}
      </p>
      <ul className="del-list" aria-label={t('dlg.itemsToDelete')}>
        {entries.slice(0, SHOW).map((e) => (
          <li key={e.name}>
            <Icon name={e.type === 'dir' ? 'folder' : 'file'} size={14} />
            <span>{e.name}</span>
            {e.type === 'dir' && <span className="del-note">{t('dlg.folderAndContents')}</span>}
          </li>
        ))}
        {entries.length > SHOW && <li className="del-more">{t('dlg.andMore', { count: entries.length - SHOW })}</li>}
      </ul>
    </Modal>
  );
}
