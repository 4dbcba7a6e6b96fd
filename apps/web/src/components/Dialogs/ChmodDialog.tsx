/**
 * Change permissions (SITE CHMOD via `chmod`): checkboxes and octal, kept in
 * sync. For a selection whose modes differ, the bits they disagree on start
 * indeterminate and stay as each entry has them unless the user sets them.
 */
import { useId, useState } from 'react';
import type { WireEntry } from '@ftpdeck/protocol';
import { useServices } from '../../hooks/tabContext.ts';
import { PERM_BITS, modeToOctal, octalToMode, type PermWho } from '../../lib/permissions.ts';
import { CancelSubmitFooter } from './CancelSubmitFooter.tsx';
import { applyBits, commonBits, cycleBit, entryMode, symbolicWithMixed } from './chmodBits.ts';
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

/** Starting mode of a single entry: its listed permissions, else 755/644. */
export function initialMode(entries: readonly WireEntry[]): number {
  const first = entries[0];
  return first ? entryMode(first) : 0o644;
}

/** The chmod dialog. */
export function ChmodDialog({ entries, onClose }: { entries: WireEntry[]; onClose: () => void }) {
  const t = useT();
  const services = useServices();
  const [start] = useState(() => commonBits(entries));
  const [bits, setBits] = useState(start);
  // Empty while some bits are mixed: no single number describes the selection.
  const [octal, setOctal] = useState(() => (start.mixed ? '' : modeToOctal(start.mode)));
  const id = useId();
  const valid = octal === '' ? bits.mixed !== 0 : octalToMode(octal) !== null;

  const setFromBits = (next: { mode: number; mixed: number }) => {
    setBits(next);
    setOctal(next.mixed ? '' : modeToOctal(next.mode));
  };
  const setFromText = (text: string) => {
    const clean = text.replace(/[^0-7]/g, '').slice(0, 4);
    setOctal(clean);
    const parsed = octalToMode(clean);
    // A typed number is a decision about every bit.
    if (parsed !== null) setBits({ mode: parsed, mixed: 0 });
  };

  const submit = () => {
    if (!valid) return;
    onClose();
    const { mode, mixed } = bits;
    if (mixed === 0) void services.ops.chmod(entries, modeToOctal(mode));
    else void services.ops.chmod(entries, (entry) => modeToOctal(applyBits(entryMode(entry), mode, mixed)));
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
            {PERM_BITS.filter((b) => b.who === who).map((b) => {
              const mixed = (bits.mixed & b.bit) !== 0;
              return (
                <input
                  key={b.right}
                  type="checkbox"
                  aria-label={`${t(label)} ${t(RIGHT_KEY[b.right])}`}
                  ref={(el) => {
                    if (el) el.indeterminate = mixed;
                  }}
                  checked={!mixed && (bits.mode & b.bit) !== 0}
                  onChange={() => setFromBits(cycleBit(b.bit, bits, start.mixed))}
                />
              );
            })}
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
            placeholder={bits.mixed ? t('dlg.mixed') : undefined}
            aria-invalid={!valid || undefined}
            onChange={(e) => setFromText(e.target.value)}
          />
          <span className="chmod-symbolic" aria-live="polite">
            {symbolicWithMixed(bits.mode, bits.mixed)}
          </span>
        </div>
      </div>
      {start.mixed !== 0 && <p>{t('dlg.chmodMixedNote')}</p>}
      <p>{t('dlg.chmodNote')}</p>
    </Modal>
  );
}
