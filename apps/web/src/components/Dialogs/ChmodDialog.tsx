/** Change permissions (SITE CHMOD via `chmod`): checkboxes and octal, kept in sync. */
import { useId, useState } from 'react';
import type { WireEntry } from '@ftpdeck/protocol';
import { useServices } from '../../hooks/tabContext.ts';
import { PERM_BITS, modeToOctal, modeToSymbolic, octalToMode, symbolicToMode, type PermWho } from '../../lib/permissions.ts';
import { CancelSubmitFooter } from './CancelSubmitFooter.tsx';
import { Modal } from './Modal.tsx';
import type { MessageKey } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/useT.ts';
import { displayServerText } from '../../lib/serverText.ts';
// Checkbox names read "Owner Read", "Group Write"… in the active language.
const RIGHT_KEY = { read: 'dlg.read', write: 'dlg.write', execute: 'dlg.execute' } as const;

const WHO: ReadonlyArray<{ who: PermWho; label: MessageKey }> = [
  { who: 'owner', label: 'ui.owner' },
  { who: 'group', label: 'ui.group' },
  { who: 'others', label: 'dlg.others' },
];

/** Starting mode: the first entry's listed permissions, else 755/644. */
export function initialMode(entries: readonly WireEntry[]): number {
  const first = entries[0];
  const parsed = symbolicToMode(first?.permissions);
  if (parsed !== null) return parsed;
  return first?.type === 'dir' ? 0o755 : 0o644;
}

/** The chmod dialog. */
export function ChmodDialog({ entries, onClose }: { entries: WireEntry[]; onClose: () => void }) {
  const t = useT();
  const services = useServices();
  const [mode, setMode] = useState(() => initialMode(entries));
  const [octal, setOctal] = useState(() => modeToOctal(initialMode(entries)));
  const id = useId();
  const valid = octalToMode(octal) !== null;

  const setFromBits = (next: number) => {
    setMode(next);
    setOctal(modeToOctal(next));
  };
  const setFromText = (text: string) => {
    const clean = text.replace(/[^0-7]/g, '').slice(0, 4);
    setOctal(clean);
    const parsed = octalToMode(clean);
    if (parsed !== null) setMode(parsed);
  };

  const submit = () => {
    if (!valid) return;
    onClose();
    void services.ops.chmod(entries, octal.trim());
  };

  const title = entries.length === 1 ? t('dlg.permsOf', { name: displayServerText(entries[0]?.name ?? '') }) : t('dlg.permsOfMany', { count: entries.length });

  return (
    <Modal
      title={title}
      onClose={onClose}
      onSubmit={submit}
      width={400}
      footer={<CancelSubmitFooter onCancel={onClose} submitLabel={t('dlg.apply')} disabled={!valid} />}
    >
      <div className="chmod-grid" role="group" aria-label={t('dlg.permBits')}>
        <span />
        <span className="chmod-head">{t('dlg.read')}</span>
        <span className="chmod-head">{t('dlg.write')}</span>
        <span className="chmod-head">{t('dlg.execute')}</span>
        {WHO.map(({ who, label }) => (
          <div key={who} className="chmod-row">
            <span className="chmod-who">{t(label)}</span>
            {PERM_BITS.filter((b) => b.who === who).map((b) => (
              <input
                key={b.right}
                type="checkbox"
                aria-label={`${t(label)} ${t(RIGHT_KEY[b.right])}`}
                checked={(mode & b.bit) !== 0}
                onChange={(e) => setFromBits(e.target.checked ? mode | b.bit : mode & ~b.bit)}
              />
            ))}
          </div>
        ))}
      </div>
      <div className="field">
        <label htmlFor={`${id}-octal`}>{t('dlg.numeric')}</label>
        <div className="chmod-octal">
          <input
            id={`${id}-octal`}
            className="input"
            inputMode="numeric"
            value={octal}
            aria-invalid={!valid || undefined}
            onChange={(e) => setFromText(e.target.value)}
          />
          <span className="chmod-symbolic" aria-live="polite">
            {modeToSymbolic(mode)}
          </span>
        </div>
      </div>
      <p>{t('dlg.chmodNote')}</p>
    </Modal>
  );
}
