/**
 * Draws a {@link LadderModel} as an accessible SVG ladder diagram: Client on
 * the left, Server on the right, one pair of lifelines per connection (lane),
 * arrows in time order. Screen readers get the summary as the image's label
 * and every step in a visually hidden ordered list.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { useId, useMemo, type ReactNode } from 'react';
import type { Translate } from '../i18n/i18n.ts';
import { useT } from '../i18n/useT.ts';
import { displayServerText } from '../lib/serverText.ts';
import { buildLadder, type LadderModel, type LadderOptions, type LadderStep, type Party } from './sequence.ts';
import './insight.css';

/** Props of {@link SequenceView}. */
export interface SequenceViewProps {
  /** The lines of one group (see groupLines). */
  lines: readonly WireTranscriptLine[];
  /** Session facts used when the lines lack them. */
  options?: LadderOptions;
  /** A heading for the figure; defaults to "Sequence diagram". */
  title?: string;
}

const LANE_GAP = 64;
const MARGIN = 48;
const MIDDLE = 320;
const HEADER = 86;
const ROW = 30;
const LABEL_MAX = 44;

type ArrowClass = 'command' | 'reply' | 'control-open' | 'tls' | 'connect-passive' | 'connect-active' | 'data' | 'close';
const ARROW_CLASSES: readonly ArrowClass[] = ['command', 'reply', 'control-open', 'tls', 'connect-passive', 'connect-active', 'data', 'close'];

function arrowClass(step: LadderStep): ArrowClass | undefined {
  switch (step.kind) {
    case 'connect':
      return step.mode === 'passive' ? 'connect-passive' : 'connect-active';
    case 'error':
      return undefined;
    default:
      return step.kind;
  }
}

function clip(text: string): string {
  const first = text.split('\n')[0] ?? '';
  return first.length > LABEL_MAX ? `${first.slice(0, LABEL_MAX - 1)}…` : first;
}

/** The caption that tells passive from active. */
export function ladderCaption(model: LadderModel, t: Translate): string {
  if (!model.mode) return t('seq.caption.none');
  return t(model.mode === 'passive' ? 'seq.caption.passive' : 'seq.caption.active', { port: model.dataPort ?? '?' });
}

/** One step in words, for the hidden list. */
export function describeStep(step: LadderStep, t: Translate): string {
  switch (step.kind) {
    case 'control-open':
      return t('seq.step.controlOpen', { port: step.port ?? '?' });
    case 'command':
      return t('seq.step.command', { text: step.text });
    case 'reply':
      return t('seq.step.reply', { text: step.text.split('\n').join(' ') });
    case 'tls':
      return t('seq.step.tls', { version: step.version, channel: t(`detail.tls.${step.channel}`) });
    case 'connect':
      return step.port === undefined
        ? t(step.from === 'client' ? 'seq.step.connect.clientNoPort' : 'seq.step.connect.serverNoPort')
        : t(step.from === 'client' ? 'seq.step.connect.client' : 'seq.step.connect.server', { port: step.port });
    case 'data':
      return t(step.direction === 'up' ? 'seq.step.data.up' : 'seq.step.data.down', { count: step.bytes });
    case 'close':
      return t('seq.step.close');
    case 'error':
      return t('seq.step.error', { text: step.text });
  }
}

function arrowLabel(step: LadderStep, t: Translate): string {
  switch (step.kind) {
    case 'command':
    case 'reply':
      return clip(step.text);
    case 'control-open':
    case 'connect':
      return step.port === undefined ? t('seq.label.connectNoPort') : t('seq.label.connect', { port: step.port });
    case 'data':
      return t('seq.label.data', { count: step.bytes });
    case 'close':
      return t('seq.label.close');
    case 'tls':
      return t('seq.label.tls', { version: step.version });
    case 'error':
      return clip(step.text);
  }
}

/** The ladder diagram of one group of transcript lines. */
export function SequenceView({ lines, options, title }: SequenceViewProps): ReactNode {
  const t = useT();
  const model = useMemo(() => buildLadder(lines, options), [lines, options]);
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const caption = ladderCaption(model, t);
  const summary = t('seq.summary', { count: model.steps.length, caption });

  const laneIndex = new Map(model.lanes.map((l, i) => [l.id, i]));
  const n = model.lanes.length;
  const width = 2 * MARGIN + 2 * (n - 1) * LANE_GAP + MIDDLE;
  const height = HEADER + Math.max(1, model.steps.length) * ROW + 16;
  const x = (side: Party, lane: string): number => {
    const i = laneIndex.get(lane) ?? 0;
    return side === 'client' ? MARGIN + i * LANE_GAP : width - MARGIN - i * LANE_GAP;
  };
  const clientCenter = MARGIN + ((n - 1) * LANE_GAP) / 2;
  const serverCenter = width - clientCenter;
  const marker = (c: ArrowClass): string => `url(#${uid}-${c})`;
  const mode = model.mode;

  return (
    <figure className="fd-seq">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title>{title ?? t('seq.title')}</title>
        <defs>
          {ARROW_CLASSES.map((c) => (
            <marker
              key={c}
              id={`${uid}-${c}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              // The data arrow is drawn 6px thick; its head must stand out from the shaft.
              markerWidth={c === 'data' ? 16 : 8}
              markerHeight={c === 'data' ? 16 : 8}
              markerUnits="userSpaceOnUse"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className={`fd-seq__head fd-seq__arrow--${c}`} style={{ fill: 'currentColor', strokeWidth: 0 }} />
            </marker>
          ))}
        </defs>
        <text x={clientCenter} y={18} textAnchor="middle" className="fd-seq__party">
          {t('seq.client')}
        </text>
        <text x={clientCenter} y={32} textAnchor="middle" className="fd-seq__lane-label">
          {model.client.address ?? ''}
        </text>
        <text x={serverCenter} y={18} textAnchor="middle" className="fd-seq__party">
          {t('seq.server')}
        </text>
        <text x={serverCenter} y={32} textAnchor="middle" className="fd-seq__lane-label">
          {model.server.address ?? ''}
        </text>
        {model.lanes.map((lane, i) =>
          (['client', 'server'] as const).map((side) => {
            const lx = x(side, lane.id);
            const name = lane.kind === 'control' ? t('seq.lane.control') : t('seq.lane.data', { n: i });
            return (
              <g key={`${lane.id}-${side}`}>
                <text x={lx} y={52} textAnchor="middle" className="fd-seq__lane-label">
                  {name}
                </text>
                <text x={lx} y={65} textAnchor="middle" className="fd-seq__lane-label">
                  {side === lane.portSide && lane.port !== undefined ? `:${lane.port}` : ''}
                </text>
                <line x1={lx} y1={72} x2={lx} y2={height - 8} className="fd-seq__lifeline" />
              </g>
            );
          }),
        )}
        {model.steps.map((step, i) => {
          const y = HEADER + i * ROW + ROW / 2;
          const cls = arrowClass(step);
          // SVG text is plain: the server's names and replies show their hidden characters as escapes.
          const label = displayServerText(arrowLabel(step, t), { multiline: true });
          if (!cls) {
            return (
              <text key={`${step.seq}-${i}`} x={width / 2} y={y} textAnchor="middle" className="fd-seq__error">
                {label}
              </text>
            );
          }
          const x1 = x(step.from, step.lane);
          const x2 = x(step.to, step.lane);
          const mid = (x1 + x2) / 2;
          return (
            <g key={`${step.seq}-${i}`} data-kind={step.kind} data-from={step.from}>
              <line
                x1={x1}
                y1={y}
                x2={x2}
                y2={y}
                className={`fd-seq__arrow fd-seq__arrow--${cls}`}
                markerEnd={step.kind === 'close' ? undefined : marker(cls)}
                markerStart={step.kind === 'tls' ? marker(cls) : undefined}
              />
              <text x={mid} y={y - 5} textAnchor="middle" className="fd-seq__label">
                {label}
              </text>
            </g>
          );
        })}
      </svg>
      <ol className="fd-visually-hidden" aria-label={t('seq.steps')}>
        {model.steps.map((step, i) => (
          <li key={`${step.seq}-${i}`}>{displayServerText(describeStep(step, t), { multiline: true })}</li>
        ))}
      </ol>
      <figcaption className={mode ? `fd-seq__caption--${mode}` : undefined}>{model.steps.length > 0 ? caption : t('seq.empty')}</figcaption>
      <ul className="fd-seq__legend" aria-label={t('seq.legend')}>
        {(
          [
            ['command', 'seq.legend.command'],
            ['reply', 'seq.legend.reply'],
            [mode === 'active' ? 'connect-active' : 'connect-passive', 'seq.legend.connect'],
            ['data', 'seq.legend.data'],
            ['close', 'seq.legend.close'],
          ] as const
        ).map(([c, key]) => (
          <li key={c}>
            <svg className="fd-seq__swatch" viewBox="0 0 28 10" aria-hidden="true">
              <line x1={1} y1={5} x2={27} y2={5} className={`fd-seq__arrow fd-seq__arrow--${c}`} />
            </svg>
            {t(key)}
          </li>
        ))}
      </ul>
    </figure>
  );
}
