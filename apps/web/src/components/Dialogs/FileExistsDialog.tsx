/**
 * Asked before uploading a file whose name already exists in the target
 * folder: overwrite, resume (only when the server holds a shorter file),
 * upload under another name, or skip — optionally for the rest of the batch.
 */
import { useId, useState } from 'react';
import { canResume, type ConflictAction, type ConflictDecision, type FileConflict } from '../../api/fileConflicts.ts';
import { useT } from '../../i18n/index.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { formatBytes } from '../../lib/format.ts';
import { Modal } from './Modal.tsx';
import { NameField, nameProblem } from './NameField.tsx';
import './FileExistsDialog.css';

/** Props of FileExistsDialog. */
export interface FileExistsDialogProps {
  conflict: FileConflict;
  respond: (decision: ConflictDecision) => void;
  onClose: () => void;
}

/** The "file exists" prompt. */
export function FileExistsDialog({ conflict, respond, onClose }: FileExistsDialogProps) {
  const t = useT();
  const id = useId();
  const [newName, setNewName] = useState(conflict.suggestion);
  const [applyToAll, setApplyToAll] = useState(false);
  const [tried, setTried] = useState(false);
  const resumable = canResume(conflict);
  // `taken` holds the conflicting name itself, so "the same name again" is refused too.
  const problem = nameProblem(newName, conflict.taken);

  const answer = (action: ConflictAction) => {
    if (action === 'rename') {
      setTried(true);
      if (problem) return;
    }
    onClose();
    respond(action === 'rename' ? { action, newName, applyToAll } : { action, applyToAll });
  };
  const dismiss = () => {
    onClose();
    respond({ action: 'skip', applyToAll: false });
  };

  return (
    <Modal
      role="alertdialog"
      title={t('fileExists.title', { name: displayServerText(conflict.name) })}
      width={500}
      onClose={dismiss}
      onSubmit={() => answer('rename')}
      footer={
        <>
          <button type="button" className="btn" onClick={() => answer('skip')}>
            {t('ui.skip')}
          </button>
          <button type="submit" className="btn" disabled={tried && problem !== null}>
            {t('ui.rename')}
          </button>
          {resumable && (
            <button type="button" className="btn" onClick={() => answer('resume')}>
              {t('ui.resume')}
            </button>
          )}
          <button type="button" className="btn btn-danger" disabled={conflict.remoteIsDir} onClick={() => answer('overwrite')}>
            {t('ui.overwrite')}
          </button>
        </>
      }
    >
      <p>{t(conflict.remoteIsDir ? 'fileExists.folderBody' : 'fileExists.body', { name: displayServerText(conflict.name), dir: displayServerText(conflict.dir) })}</p>
      <dl className="fe-sizes">
        <div>
          <dt>{t('fileExists.onServer')}</dt>
          <dd>{conflict.remoteIsDir ? t('ui.type.dir') : (formatBytes(conflict.remoteSize ?? undefined) || '—')}</dd>
        </div>
        <div>
          <dt>{t('fileExists.yours')}</dt>
          <dd>{formatBytes(conflict.localSize)}</dd>
        </div>
      </dl>
      {resumable && <p className="fe-hint">{t('fileExists.resumeHint', { size: formatBytes(conflict.remoteSize ?? 0) })}</p>}
      <NameField id={id} label={t('ui.newName')} value={newName} onChange={setNewName} problem={problem} tried={tried} selectStem />
      {conflict.remaining > 0 && (
        <label className="fe-all">
          <input type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} />
          {t('fileExists.applyToAll', { count: conflict.remaining })}
        </label>
      )}
    </Modal>
  );
}
