/**
 * The text editor: a remote file's text in a plain textarea, with its
 * encoding and line ends shown, Ctrl+S to save, and a question before
 * anything typed is thrown away. A textarea rather than a code editor
 * library: it is fast on files of megabytes, the browser's find, undo and
 * spell-check-off work in it, and screen readers know it.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { WireEntry } from '@ftpdeck/protocol';
import { useTabRoot } from '../../hooks/tabContext.ts';
import { useT } from '../../i18n/useT.ts';
import { returnFocus, wrapTab } from '../../lib/focusTrap.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { Icon } from '../Icon/Icon.tsx';
import { EditorNotices } from './EditorNotices.tsx';
import { EditorStatus } from './EditorStatus.tsx';
import { useEditorDocument } from './useEditorDocument.ts';
import '../Dialogs/Dialogs.css';
import './Editor.css';

/** Props of TextEditor. */
export interface TextEditorProps {
  entry: WireEntry;
  onClose: () => void;
  /** A dialog is open above the editor: it takes no input meanwhile. */
  covered: boolean;
}

/** The editor panel over the app. */
export function TextEditor({ entry, onClose, covered }: TextEditorProps) {
  const t = useT();
  const model = useEditorDocument(entry);
  const { doc, dirty } = model;
  const titleId = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const panel = useRef<HTMLElement>(null);
  const restoreTo = useRef<Element | null>(null);
  const [askDiscard, setAskDiscard] = useState(false);

  // Read before the browser moves focus out of the app, which turns inert in this same commit.
  useLayoutEffect(() => {
    restoreTo.current = document.activeElement;
  }, []);
  // Given back after the commit that closes the editor, once the app is no longer inert;
  // to the file list when what opened it is gone or disabled meanwhile.
  const tabRoot = useTabRoot();
  useEffect(() => () => returnFocus(restoreTo.current, tabRoot()), [tabRoot]);
  useEffect(() => {
    if (doc.phase === 'ready') area.current?.focus();
  }, [doc.phase, model.textVersion]);
  // The model reads the text from the textarea itself, when it saves.
  model.readTextWith(() => area.current?.value ?? model.initialText);
  // Leaving the page with unsaved text asks first, as closing the editor does.
  useEffect(() => {
    if (!dirty) return;
    const guard = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [dirty]);

  const close = () => {
    if (dirty) setAskDiscard(true);
    else onClose();
  };
  // A question answered "keep editing" goes away with the button that had focus: back to the text.
  const keepEditing = () => {
    setAskDiscard(false);
    model.dismissPrompt();
    area.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    wrapTab(e, panel.current);
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void model.saveNow();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (askDiscard || model.prompt) keepEditing();
      else close();
    }
  };

  const ready = doc.phase === 'ready' ? doc.file : undefined;
  const canSave = ready !== undefined && !ready.readOnly && model.save.kind !== 'saving';
  const name = displayServerText(entry.name);

  return (
    <div className="modal-backdrop editor-backdrop" inert={covered} aria-hidden={covered || undefined}>
      <section ref={panel} role="dialog" aria-modal="true" aria-labelledby={titleId} className="modal editor" onKeyDown={onKeyDown}>
        <header className="editor-head">
          <h2 id={titleId} className="editor-title">
            {t('ed.title', { name })}
          </h2>
          {model.path !== undefined && <span className="editor-path">{displayServerText(model.path)}</span>}
          <button type="button" className="btn btn-ghost btn-icon" aria-label={t('ed.close')} title={t('ed.close')} onClick={close}>
            <Icon name="close" />
          </button>
        </header>
        <EditorNotices model={model} askDiscard={askDiscard} onDiscard={onClose} onKeepEditing={keepEditing} />
        {doc.phase === 'loading' && (
          <p className="editor-wait" role="status">
            {t('ed.loading')}
          </p>
        )}
        {ready && (
          <textarea
            key={model.textVersion}
            ref={area}
            className="editor-text"
            aria-label={t('ed.contents', { name })}
            defaultValue={model.initialText}
            onInput={model.edited}
            readOnly={ready.readOnly !== undefined}
            spellCheck={false}
            autoCapitalize="off"
            autoCorrect="off"
            wrap="off"
          />
        )}
        <footer className="editor-foot">
          <EditorStatus model={model} area={area} />
          <button type="button" className="btn" onClick={close}>
            {t('ed.close')}
          </button>
          <button type="button" className="btn btn-primary" disabled={!canSave || (!dirty && model.save.kind !== 'failed')} onClick={() => void model.saveNow()}>
            {model.save.kind === 'saving' ? t('ed.saving') : t('ed.save')}
          </button>
        </footer>
      </section>
    </div>
  );
}
