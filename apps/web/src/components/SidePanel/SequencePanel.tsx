/**
 * Draws one operation as a ladder diagram: the one picked in the transcript
 * ("Sequence" on a group), else the latest operation that opened a data
 * connection, else the latest operation.
 */
import { useId, useMemo } from 'react';
import { useT } from '../../i18n/useT.ts';
import { displayServerText } from '../../lib/serverText.ts';
import { SequenceView } from '../../insight/SequenceView.tsx';
import type { LadderOptions } from '../../insight/sequence.ts';
import { useAppStore } from '../../store/index.ts';
import { groupsInOrder, hasDataConnection, resolveActions } from '../TranscriptPanel/transcriptGroups.ts';

/** Newest lines the diagram picker looks through. */
const SCAN = 5000;
/** Operations offered in the picker. */
const PICK = 40;

/** Props of SequencePanel. */
export interface SequencePanelProps {
  /** False while the tab is hidden: the ladder is then not rebuilt on every transcript batch. */
  active: boolean;
}

/** The sequence tab. */
export function SequencePanel({ active }: SequencePanelProps) {
  const t = useT();
  const id = useId();
  const version = useAppStore((s) => (active ? s.transcriptVersion : -1));
  const buffer = useAppStore((s) => s.transcript);
  const recorded = useAppStore((s) => s.actions);
  const chosen = useAppStore((s) => s.sequenceGroup);
  const showSequence = useAppStore((s) => s.showSequence);
  const port = useAppStore((s) => s.server.port);
  const groups = useMemo(() => {
    if (!active) return [];
    const lines = buffer.slice(Math.max(0, buffer.length - SCAN));
    return groupsInOrder(lines, resolveActions(recorded, t));
    // `version` says the mutable buffer changed.
  }, [active, buffer, recorded, t, version]);
  const latest = useMemo(() => [...groups].reverse().find(hasDataConnection) ?? groups.at(-1), [groups]);
  const group = (chosen !== null ? groups.find((g) => g.id === chosen) : undefined) ?? latest;
  const options = useMemo<LadderOptions>(() => (port !== undefined ? { controlPort: port } : {}), [port]);
  // Option text is plain: names from the server show their hidden characters as escapes.
  const label = (g: (typeof groups)[number]) => displayServerText(g.label || t('ui.session'));
  return (
    <div className="sp-scroll">
      <p className="sp-note">{t('seqp.intro')}</p>
      {groups.length === 0 || !group ? (
        <p className="sp-note">{t('seqp.none')}</p>
      ) : (
        <>
          <div className="sp-row">
            <label htmlFor={`${id}-op`}>{t('seqp.operation')}</label>
            <select
              id={`${id}-op`}
              className="select"
              value={chosen !== null && groups.some((g) => g.id === chosen) ? chosen : ''}
              onChange={(e) => showSequence(e.target.value || null)}
            >
              <option value="">{t('seqp.latest', { label: latest ? label(latest) : '' })}</option>
              {groups
                .slice(-PICK)
                .reverse()
                .map((g) => (
                  <option key={g.id} value={g.id}>
                    {label(g)}
                  </option>
                ))}
            </select>
          </div>
          <div className="sp-seq-wrap">
            <SequenceView lines={group.lines} options={options} title={label(group)} />
          </div>
        </>
      )}
    </div>
  );
}
