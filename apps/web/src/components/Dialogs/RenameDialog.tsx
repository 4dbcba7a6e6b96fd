/** Rename one entry (RNFR/RNTO via the `rename` request). */
import { useEffect, useId, useRef, useState } from 'react';
import type { WireEntry } from '@ftpdeck/protocol';
import { useServices } from '../../hooks/tabContext.ts';
import { useStoreApi } from '../../store/index.ts';
import { CancelSubmitFooter } from './CancelSubmitFooter.tsx';
import { Modal } from './Modal.tsx';
import { NameField, nameProblem } from './NameField.tsx';
import { useT } from '../../i18n/useT.ts';
import { displayServerText, hasHiddenCharacters } from '../../lib/serverText.ts';
import { ServerText } from '../ServerText/ServerText.tsx';
/** The rename dialog. */
export function RenameDialog({ entry, onClose }: { entry: WireEntry; onClose: () => void }) {
  const t = useT();
  const store = useStoreApi();
  const services = useServices();
  const [name, setName] = useState(entry.name);
  const [tried, setTried] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const existing = new Set(store.getState().listing?.entries.map((e) => e.name) ?? []);
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
    void services.ops.rename(entry, name);
  };

  return (
    <Modal
      title={t('dlg.renameTitle', { name: displayServerText(entry.name) })}
      onClose={onClose}
      onSubmit={submit}
      footer={<CancelSubmitFooter onCancel={onClose} submitLabel={t('ui.rename')} disabled={tried && problem !== null} />}
    >
      <NameField id={id} label={t('ui.newName')} value={name} onChange={setName} problem={problem} tried={tried} inputRef={input} selectStem />
      {/* The field holds the typed name as it is, where an override still reorders what is shown. */}
      {hasHiddenCharacters(name) && (
        <p className="dlg-hint" role="note">
          {t('dlg.hiddenInName')} <ServerText text={name} />
        </p>
      )}
    </Modal>
  );
}
