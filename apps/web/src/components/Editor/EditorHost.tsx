/**
 * Shows the editor for the file the store says is being edited. A dialog
 * opened meanwhile (App renders DialogHost after this) shows above it, and
 * the editor goes inert until that dialog is answered.
 */
import { useAppStore } from '../../store/index.ts';
import { TextEditor } from './TextEditor.tsx';

/** The editor, when a file is open in it. */
export function EditorHost() {
  const entry = useAppStore((s) => s.editing);
  const close = useAppStore((s) => s.closeEditor);
  const covered = useAppStore((s) => s.dialog !== null);
  if (!entry) return null;
  return <TextEditor key={entry.name} entry={entry} onClose={close} covered={covered} />;
}
