/**
 * Asked before uploading or moving a file whose name already exists in the
 * target folder: overwrite (never a folder), resume (uploads only, when the
 * server holds a shorter file), use another name, or skip — optionally for
 * the rest of the batch; or, for an upload of several files, overwrite each
 * only if it is newer or its size differs. Sizes that round alike show their exact bytes, so
 * 5000 B and 5004 B do not both read "4.9 KB".
 */
import { useId, useState } from 'react';
import { canOverwrite, canResume, conditionalOverwrite, type ConditionalAction, type ConflictAction, type ConflictDecision, type FileConflict } from '../../api/fileConflicts.ts';
import { useT } from '../../i18n/index.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { formatByteCount, formatBytes, formatModified } from '../../lib/format.ts';
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
  const move = conflict.op === 'move';
  const overwritable = canOverwrite(conflict);
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
  // For this file and the rest of the batch: each is overwritten or skipped by its own facts.
  const answerAll = (action: ConditionalAction) => {
    onClose();
    respond({ action, applyToAll: true });
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
          <button type="button" className="btn btn-danger" disabled={!overwritable} onClick={() => answer('overwrite')}>
            {t('ui.overwrite')}
          </button>
        </>
      }
    >
      <p>{t(bodyKey(conflict), { name: displayServerText(conflict.name), dir: displayServerText(conflict.dir) })}</p>
      <dl className="fe-sizes">
        <div>
          <dt>{t('fileExists.onServer')}</dt>
          <SizeFacts isDir={conflict.remoteIsDir} size={conflict.remoteSize} other={conflict.localIsDir ? null : conflict.localSize} modified={conflict.remoteModified} precision={conflict.remoteModifiedPrecision} />
        </div>
        <div>
          <dt>{t(move ? 'fileExists.moving' : 'fileExists.yours')}</dt>
          <SizeFacts isDir={conflict.localIsDir === true} size={conflict.localSize} other={conflict.remoteIsDir ? null : conflict.remoteSize} modified={conflict.localModified} />
        </div>
      </dl>
      {resumable && <p className="fe-hint">{t('fileExists.resumeHint', { size: formatBytes(conflict.remoteSize ?? 0) })}</p>}
      {conflict.notTheStart && <p className="fe-hint">{t('fileExists.notTheStart')}</p>}
      {!move && overwritable && <p className="fe-hint">{t('fileExists.overwriteHint')}</p>}
      <NameField id={id} label={t('ui.newName')} value={newName} onChange={setNewName} problem={problem} tried={tried} selectStem />
      {!move && overwritable && conflict.remaining > 0 && (
        <div className="fe-policies" role="group" aria-label={t('fileExists.policiesName')}>
          <span>{t('fileExists.policies', { count: conflict.remaining })}</span>
          {(['overwriteIfNewer', 'overwriteIfSizeDiffers'] as const).map((action) => {
            const undecidable = conditionalOverwrite(action, conflict) === undefined;
            return (
              <button
                key={action}
                type="button"
                className="btn btn-sm"
                disabled={undecidable}
                title={undecidable ? t(action === 'overwriteIfNewer' ? 'fileExists.noDates' : 'fileExists.noSizes') : t(`fileExists.${action}Hint`)}
                onClick={() => answerAll(action)}
              >
                {t(`fileExists.${action}`)}
              </button>
            );
          })}
        </div>
      )}
      {conflict.remaining > 0 && (
        <label className="fe-all">
          <input type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} />
          {t(move ? 'fileExists.applyToAllMove' : 'fileExists.applyToAll', { count: conflict.remaining })}
        </label>
      )}
    </Modal>
  );
}

function bodyKey(c: FileConflict) {
  if (c.op !== 'move') return c.remoteIsDir ? 'fileExists.folderBody' : 'fileExists.body';
  return canOverwrite(c) ? 'fileExists.moveBody' : 'fileExists.moveFolderBody';
}

/**
 * One side's size and date. The rounded size carries the exact count in its
 * tooltip, and shows it outright when it rounds like the other side's while the
 * bytes differ: that is exactly when the difference matters.
 */
function SizeFacts(props: { isDir: boolean; size: number | null; other: number | null; modified?: string | undefined; precision?: FileConflict['remoteModifiedPrecision'] }) {
  const t = useT();
  const { size, other } = props;
  const rounded = size === null ? '' : formatBytes(size);
  const exact = size !== null && size >= 1024 && other !== null && other !== size && formatBytes(other) === rounded;
  const date = formatModified(props.modified, props.precision);
  return (
    <dd>
      {props.isDir ? t('ui.type.dir') : size === null ? '—' : <span title={formatByteCount(size)}>{rounded}</span>}
      {!props.isDir && exact && size !== null && <span className="fe-exact"> ({formatByteCount(size)})</span>}
      {date && <span className="fe-date">{t('fileExists.modified', { date })}</span>}
    </dd>
  );
}
