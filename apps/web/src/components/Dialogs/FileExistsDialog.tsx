/**
 * Asked before uploading a file whose name already exists in the target
 * folder: overwrite, resume (only when the server holds a shorter file),
 * upload under another name, or skip — optionally for the rest of the batch.
 */
import { useId, useState } from 'react';
import { canResume, type ConflictAction, type ConflictDecision, type FileConflict } from '../../api/fileConflicts.ts';
import { useT } from '../../i18n/index.ts';
import { formatBytes } from '../../lib/format.ts';
import { isValidName } from '../../lib/remotePath.ts';
import { Modal } from './Modal.tsx';
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
  const resumable = canResume(conflict);
  const nameOk = isValidName(newName) && newName !== conflict.name;

  const answer = (action: ConflictAction) => {
    if (action === 'rename' && !nameOk) return;
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
      title={t('fileExists.title', { name: conflict.name })}
      width={500}
      onClose={dismiss}
      onSubmit={() => answer('rename')}
      footer={
        <>
          <button type="button" className="btn" onClick={() => answer('skip')}>
            {t('ui.skip')}
          </button>
          <button type="submit" className="btn" disabled={!nameOk}>
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
      <p>{t(conflict.remoteIsDir ? 'fileExists.folderBody' : 'fileExists.body', { name: conflict.name, dir: conflict.dir })}</p>
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
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('ui.newName')}</label>
        <input
          id={`${id}-name`}
          className="input"
          value={newName}
          spellCheck={false}
          data-select-stem
          aria-invalid={!nameOk || undefined}
          onChange={(e) => setNewName(e.target.value)}
        />
      </div>
      {conflict.remaining > 0 && (
        <label className="fe-all">
          <input type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} />
          {t('fileExists.applyToAll', { count: conflict.remaining })}
        </label>
      )}
    </Modal>
  );
}
