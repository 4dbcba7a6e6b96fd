/** The keyboard cheat sheet: list keys, then every action's shortcut from the registry. */
import { actions } from '../../actions/register.ts';
import { Modal } from './Modal.tsx';

const LIST_KEYS: ReadonlyArray<[string, string]> = [
  ['↑ ↓  Home End  PgUp PgDn', 'Move through the list'],
  ['Shift + movement', 'Extend the selection'],
  ['Ctrl + movement, Ctrl+Space', 'Move without selecting, toggle a row'],
  ['Letters', 'Jump to the first name starting with them'],
  ['Esc', 'Clear the selection'],
  ['Ctrl+L', 'Type a location'],
];

/** Keyboard shortcuts dialog. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const withKeys = actions.filter((a) => a.shortcut);
  return (
    <Modal
      title="Keyboard shortcuts"
      width={520}
      onClose={onClose}
      onSubmit={onClose}
      footer={
        <button type="submit" className="btn btn-primary">
          Close
        </button>
      }
    >
      <table className="keys">
        <tbody>
          {LIST_KEYS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{what}</td>
            </tr>
          ))}
          {withKeys.map((a) => (
            <tr key={a.name}>
              <td>
                <kbd>{a.shortcut}</kbd>
              </td>
              <td>{a.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
