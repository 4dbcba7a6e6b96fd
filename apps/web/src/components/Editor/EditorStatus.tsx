/**
 * The editor's footer line: where the caret is, and whether the text is
 * saved. Only the save state is announced (politely); the caret position
 * is for the eye, updated when the caret moves, not on every render.
 */
import { useEffect, useState, type RefObject } from 'react';
import { useT } from '../../i18n/useT.ts';
import type { EditorModel } from './useEditorDocument.ts';

/** Line and column (1-based) of `offset` in `text`. */
export function caretPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Props of EditorStatus. */
export interface EditorStatusProps {
  model: EditorModel;
  area: RefObject<HTMLTextAreaElement | null>;
}

/** Caret position and save state. */
export function EditorStatus({ model, area }: EditorStatusProps) {
  const t = useT();
  const [caret, setCaret] = useState({ line: 1, column: 1 });
  const ready = model.doc.phase === 'ready';
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    // Reading a textarea's value copies all of it, and counting lines walks it: once the
    // caret rests (a pause in typing), not on every key, which in a 2 MiB file cost as
    // much as the typing itself.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const update = () => {
      timer = undefined;
      setCaret(caretPosition(el.value, el.selectionStart));
    };
    // selectionchange fires on the document for a textarea's caret in Chromium and Firefox.
    const onSelection = () => {
      if (document.activeElement !== el) return;
      clearTimeout(timer);
      timer = setTimeout(update, 150);
    };
    document.addEventListener('selectionchange', onSelection);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('selectionchange', onSelection);
    };
  }, [area, ready]);

  const { save, dirty } = model;
  const state =
    save.kind === 'saving'
      ? t('ed.saving')
      : dirty
        ? t('ed.modified')
        : save.kind === 'saved'
          ? save.verifiedBy
            ? t('ed.savedVerified', { by: save.verifiedBy.toUpperCase() })
            : t('ed.saved')
          : '';
  return (
    <div className="editor-status">
      {ready && <span>{t('ed.position', { line: caret.line, column: caret.column })}</span>}
      <span role="status" className={dirty ? 'editor-dirty' : undefined}>
        {state}
      </span>
    </div>
  );
}
