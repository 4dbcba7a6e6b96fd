/**
 * The name input of the rename, new-folder and file-exists dialogs, with its validation
 * message, plus the pure check they use.
 */
import type { Ref } from 'react';
import { useT } from '../../i18n/useT.ts';
import { isValidName } from '../../lib/remotePath.ts';

/** Names a problem with a proposed name: a catalog key. */
export type NameProblem = 'dlg.needName' | 'dlg.badName' | 'dlg.nameTaken' | 'dlg.badFolderPath';

/** Why a proposed name cannot be used (a catalog key), or null. Pure, for tests. */
export function nameProblem(name: string, existing: ReadonlySet<string>, current?: string): NameProblem | null {
  if (name.trim() === '') return 'dlg.needName';
  if (!isValidName(name)) return 'dlg.badName';
  if (name !== current && existing.has(name)) return 'dlg.nameTaken';
  return null;
}

/**
 * Like {@link nameProblem}, for a new folder that may be a relative path
 * (`a/b/c`, created level by level): each part must be a valid name, and
 * only a single name can be "taken" (a path may pass through folders that exist).
 */
export function folderPathProblem(path: string, existing: ReadonlySet<string>): NameProblem | null {
  if (!path.includes('/')) return nameProblem(path, existing);
  if (path.trim() === '') return 'dlg.needName';
  const parts = path.split('/');
  // A trailing slash is harmless ("a/b/"); an empty part anywhere else is a typo, and a leading one leaves this folder.
  if (parts.at(-1) === '') parts.pop();
  return parts.every((p) => isValidName(p)) ? null : 'dlg.badFolderPath';
}

/** A labelled name input; the problem shows only once the user tried to submit. */
export function NameField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The current problem, shown when `tried`. */
  problem: NameProblem | null;
  tried: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** Pre-select the name without its extension when the dialog opens. */
  selectStem?: boolean;
}) {
  const t = useT();
  const shown = props.tried ? props.problem : null;
  return (
    <div className="field">
      <label htmlFor={`${props.id}-name`}>{props.label}</label>
      <input
        ref={props.inputRef}
        id={`${props.id}-name`}
        className="input"
        value={props.value}
        {...(props.selectStem ? { 'data-select-stem': true } : {})}
        spellCheck={false}
        aria-invalid={shown !== null || undefined}
        aria-describedby={`${props.id}-err`}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <div id={`${props.id}-err`} className="field-error" aria-live="polite">
        {shown ? t(shown) : ''}
      </div>
    </div>
  );
}
