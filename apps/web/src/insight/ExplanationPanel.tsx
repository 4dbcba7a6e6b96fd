/** The body of an explanation: digits, meaning, cause/fix, decode and facts. */
import type { ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';
import { ServerText } from '../components/ServerText/ServerText.tsx';
import type { LineInsight } from './explain.ts';
import type { ReplyExplanation } from './replyCodes.ts';
import './insight.css';

/** Props of {@link ReplyDetails}. */
export interface ReplyDetailsProps {
  reply: ReplyExplanation;
}

/** A reply code read digit by digit, with its meaning, cause and fix. */
export function ReplyDetails({ reply }: ReplyDetailsProps): ReactNode {
  const t = useT();
  const digits = String(reply.code).padStart(3, '0');
  const calm = reply.positive || reply.expected === true;
  return (
    <>
      <p>{reply.meaning}</p>
      <ol className="fd-explain__digits" aria-label={t('insight.replyCode', { code: reply.code })}>
        <li className="fd-explain__digit">
          <b>{digits[0]}</b>
          {t('insight.digit1')} · <strong>{reply.digit1.name}</strong>: {reply.digit1.text}
        </li>
        <li className="fd-explain__digit">
          <b>{digits[1]}</b>
          {t('insight.digit2')} · <strong>{reply.digit2.name}</strong>: {reply.digit2.text}
        </li>
        <li className="fd-explain__digit">
          <b>{digits[2]}</b>
          {t('insight.digit3')}: {reply.digit3.text}
        </li>
      </ol>
      {reply.cause || reply.fix ? (
        <dl>
          {reply.cause ? (
            <>
              <dt>{t(calm ? 'insight.when' : 'insight.cause')}</dt>
              <dd>{reply.cause}</dd>
            </>
          ) : null}
          {reply.fix ? (
            <>
              <dt>{t(calm ? 'insight.next' : 'insight.fix')}</dt>
              <dd>{reply.fix}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </>
  );
}

/** Props of {@link ExplanationPanel}. */
export interface ExplanationPanelProps {
  insight: LineInsight;
  id?: string;
}

/** Everything {@link explainLine} found, laid out for reading. */
export function ExplanationPanel({ insight, id }: ExplanationPanelProps): ReactNode {
  const t = useT();
  // Status lines: their summary is the first fact, so the heading names the kind instead of repeating it.
  const heading = insight.command?.title ?? insight.reply?.title ?? t(`insight.kind.${insight.kind}`);
  const negative = insight.reply !== undefined && !insight.reply.positive && insight.reply.expected !== true;
  return (
    <div id={id} className={`fd-explain${negative ? ' fd-explain--negative' : ''}`}>
      <h4>{insight.command ? `${insight.command.verb} — ${heading}` : insight.reply ? `${insight.reply.code} — ${heading}` : heading}</h4>
      {insight.command ? <p>{insight.command.text}</p> : null}
      {insight.reply ? <ReplyDetails reply={insight.reply} /> : null}
      {insight.decode ? (
        <p>
          <strong>{t('insight.decoded')}:</strong> {insight.decode.text}
          {insight.decode.arithmetic ? (
            <>
              {' '}
              <span>{t('insight.arithmetic')}: </span>
              <code className="fd-explain__arith">{insight.decode.arithmetic}</code>
            </>
          ) : null}
        </p>
      ) : null}
      {insight.facts.map((f) => (
        // Facts quote what the line said: paths, names, the server's words.
        <p key={f}>
          <ServerText text={f} multiline />
        </p>
      ))}
    </div>
  );
}
