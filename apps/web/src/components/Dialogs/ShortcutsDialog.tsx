/** The keyboard cheat sheet: list keys, then every action's shortcut from the registry. */
import { actions } from '../../actions/register.ts';
import { Modal } from './Modal.tsx';
import type { MessageKey } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/useT.ts';
const LIST_KEYS: ReadonlyArray<[MessageKey, MessageKey]> = [
  ['keys.move.keys', 'keys.move'],
  ['keys.extend.keys', 'keys.extend'],
  ['keys.ctrl.keys', 'keys.ctrl'],
  ['keys.letters.keys', 'keys.letters'],
  ['keys.esc.keys', 'keys.esc'],
  ['keys.location.keys', 'keys.location'],
];

/** Keyboard shortcuts dialog. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const withKeys = actions.filter((a) => a.shortcut);
  return (
    <Modal
      title={t('action.showShortcuts')}
      width={520}
      onClose={onClose}
      onSubmit={onClose}
      footer={
        <button type="submit" className="btn btn-primary">
          {t('ui.close')}
        </button>
      }
    >
      <table className="keys">
        <tbody>
          {LIST_KEYS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                <kbd>{t(keys)}</kbd>
              </td>
              <td>{t(what)}</td>
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
