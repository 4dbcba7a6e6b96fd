/**
 * What the editor has to tell or ask above the text: the encoding and line
 * ends it reads the file with, why it will not open or save a file, and the
 * questions a save or a close may raise.
 */
import type { LineEnd } from '../../lib/textCodec.ts';
import { ENCODINGS, encodingLabel } from '../../lib/encodings.ts';
import { describeOpError } from '../../api/opErrors.ts';
import { formatBytes } from '../../lib/format.ts';
import { useT } from '../../i18n/useT.ts';
import { useAppStore } from '../../store/index.ts';
import type { EditorModel } from './useEditorDocument.ts';

const LINE_END_NAMES: Readonly<Record<LineEnd, string>> = { '\n': 'LF', '\r\n': 'CRLF', '\r': 'CR' };

/** Props of EditorNotices. */
export interface EditorNoticesProps {
  model: EditorModel;
  /** The user tried to close with unsaved text. */
  askDiscard: boolean;
  onDiscard: () => void;
  onKeepEditing: () => void;
}

/** The bars between the editor's title and its text. */
export function EditorNotices({ model, askDiscard, onDiscard, onKeepEditing }: EditorNoticesProps) {
  const t = useT();
  const { doc, prompt, save } = model;
  const file = doc.phase === 'ready' ? doc.file : undefined;
  const showCharset = file !== undefined || (doc.phase === 'refused' && doc.why === 'not-utf8');
  const charsetName = encodingLabel(model.charset, t);
  const questions = useAppStore((s) => s.questionsWaiting);
  return (
    <div className="editor-notices">
      {questions > 0 && (
        <p className="editor-note" role="status">
          {t('ed.questionWaiting')}
        </p>
      )}
      {showCharset && (
        <div className="editor-facts">
          <label>
            {t('ed.encoding')}{' '}
            <select
              className="input"
              value={model.charset}
              disabled={model.dirty}
              title={model.dirty ? t('ed.encodingLocked') : undefined}
              onChange={(e) => model.chooseCharset(e.target.value)}
            >
              {ENCODINGS.filter((e) => e.value !== 'auto').map((e) => (
                <option key={e.value} value={e.value}>
                  {encodingLabel(e.value, t)}
                </option>
              ))}
            </select>
          </label>
          {file && <span>{t('ed.lineEnds', { ending: LINE_END_NAMES[file.lineEnd] })}</span>}
          {file?.bom && <span>{t('ed.bom')}</span>}
        </div>
      )}
      {doc.phase === 'failed' && (
        <p className="editor-note editor-note-error" role="alert">
          {t('ed.readFailed', { reason: describeOpError(doc.error) })}
        </p>
      )}
      {doc.phase === 'refused' && (
        <p className="editor-note" role="alert">
          {t(doc.why === 'binary' ? 'ed.binary' : 'ed.notUtf8')}
        </p>
      )}
      {file?.readOnly && (
        <p className="editor-note editor-note-warn" role="alert">
          {t('ed.notExact', { encoding: charsetName })}
        </p>
      )}
      {file?.mixedLineEnds && !file.readOnly && <p className="editor-note">{t('ed.mixed', { ending: LINE_END_NAMES[file.lineEnd] })}</p>}
      {save.kind === 'failed' && (
        <div className="editor-note editor-note-error editor-ask" role="alert">
          <span>{t('ed.saveFailed', { reason: describeOpError(save.error) })}</span>
          {/* Whatever stops the save (a server gone for good), what was typed can still be kept. */}
          <button type="button" className="btn" onClick={model.downloadCopy}>
            {t('ed.downloadCopy')}
          </button>
        </div>
      )}
      {prompt?.kind === 'unencodable' && (
        <p className="editor-note editor-note-warn" role="alert">
          {t('ed.unencodable', { char: prompt.char, line: prompt.line, encoding: charsetName })}
        </p>
      )}
      {(prompt?.kind === 'changed' || prompt?.kind === 'unchecked') && (
        <div className="editor-note editor-note-warn editor-ask" role="alertdialog" aria-label={t(prompt.kind === 'changed' ? 'ed.changedTitle' : 'ed.uncheckedTitle')}>
          <span>
            {prompt.kind === 'unchecked'
              ? t('ed.unchecked', { reason: describeOpError(prompt.error) })
              : prompt.size === null
                ? t('ed.gone')
                : t('ed.changed', { size: formatBytes(prompt.size) })}
          </span>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => {
              void model.saveNow(true);
              // The question goes with this button: focus back to the text.
              onKeepEditing();
            }}
          >
            {t('ed.saveAnyway')}
          </button>
          <button type="button" className="btn" onClick={onKeepEditing}>
            {t('ed.keepEditing')}
          </button>
        </div>
      )}
      {askDiscard && (
        <div className="editor-note editor-note-warn editor-ask" role="alertdialog" aria-label={t('ed.discardTitle')}>
          <span>{t('ed.discardAsk')}</span>
          <button type="button" className="btn btn-danger" onClick={onDiscard}>
            {t('ed.discard')}
          </button>
          <button type="button" className="btn" autoFocus onClick={onKeepEditing}>
            {t('ed.keepEditing')}
          </button>
        </div>
      )}
    </div>
  );
}
