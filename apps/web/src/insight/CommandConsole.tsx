/**
 * A console for raw FTP commands on the browsing connection. Commands the
 * session must not receive are refused here, with the reason, before anything
 * is sent; replies are shown with their explanation.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';
import { consoleVocabulary, featureVerbs, maskSecretArgument, parseHelpReply, precheckCommand, suggestCommands, type ConsoleReason } from './commands.ts';
import { LineExplanation } from './LineExplanation.tsx';
import './insight.css';

/** Props of {@link CommandConsole}. */
export interface CommandConsoleProps {
  /** FEAT keys (SessionState.features). */
  features: string[];
  /** Sends one line as a `raw` request and resolves with the server's reply; rejects with an Error (or WireError-like object). */
  onSend: (line: string) => Promise<{ code: number; text: string }>;
  /** A 214 HELP reply text already known (e.g. from the transcript), for completions. */
  helpText?: string;
  /** A 214 SITE HELP reply text already known, for `SITE <sub>` completions. */
  siteHelpText?: string;
  /** Disables input (e.g. while not connected). */
  disabled?: boolean;
  /** Most history entries kept. */
  historyLimit?: number;
}

type Entry =
  | { id: number; line: string; state: 'pending'; warnings: ConsoleReason[] }
  | { id: number; line: string; state: 'done'; warnings: ConsoleReason[]; reply: { code: number; text: string } }
  | { id: number; line: string; state: 'refused'; reasons: ConsoleReason[] }
  | { id: number; line: string; state: 'failed'; warnings: ConsoleReason[]; message: string };

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') return err.message;
  return String(err);
}

/** The console. The input's accessible name is "FTP command" ("FTP 命令" in Chinese). */
export function CommandConsole({ features, onSend, helpText, siteHelpText, disabled = false, historyLimit = 100 }: CommandConsoleProps): ReactNode {
  const t = useT();
  const inputId = useId();
  const listId = useId();
  const [value, setValue] = useState('');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [history, setHistory] = useState<string[]>([]);
  /** Commands learned from HELP / SITE HELP replies seen in this console. */
  const [learned, setLearned] = useState<{ commands: string[]; siteCommands: string[] }>({ commands: [], siteCommands: [] });
  /** Position while walking the history; `history.length` means "the line being typed". */
  const cursor = useRef<number>(0);
  const draft = useRef('');
  const nextId = useRef(1);

  const { helpCommands, siteCommands } = useMemo(() => {
    const fromHelp = helpText ? parseHelpReply(helpText) : { commands: [], siteCommands: [] };
    const fromSite = siteHelpText ? parseHelpReply(siteHelpText, true).siteCommands : [];
    return {
      helpCommands: [...new Set([...fromHelp.commands, ...learned.commands])],
      siteCommands: [...new Set([...fromHelp.siteCommands, ...fromSite, ...learned.siteCommands])],
    };
  }, [helpText, siteHelpText, learned]);
  const vocabulary = useMemo(() => consoleVocabulary(features, helpCommands, siteCommands), [features, helpCommands, siteCommands]);
  const known = useMemo(() => new Set([...featureVerbs(features), ...helpCommands]), [features, helpCommands]);
  const suggestions = useMemo(() => suggestCommands(value, vocabulary), [value, vocabulary]);

  const update = (id: number, next: Entry): void => setEntries((list) => list.map((e) => (e.id === id ? next : e)));

  const submit = (): void => {
    const line = value;
    const check = precheckCommand(line, { known });
    const id = nextId.current++;
    // A password typed here is refused, and must not stay on screen or in the history.
    const shown = maskSecretArgument(line);
    if (shown.trim() !== '') {
      setHistory((h) => [...h.filter((x) => x !== shown.trim()), shown.trim()].slice(-historyLimit));
    }
    cursor.current = Number.MAX_SAFE_INTEGER;
    if (!check.ok) {
      if (shown !== line) setValue('');
      setEntries((list) => [...list, { id, line: shown, state: 'refused', reasons: check.reasons }]);
      return;
    }
    setValue('');
    setEntries((list) => [...list, { id, line: check.line, state: 'pending', warnings: check.warnings }]);
    onSend(check.line).then(
      (reply) => {
        if (reply.code === 214 && /^HELP\b|^SITE\s+HELP\b/i.test(check.line)) {
          const got = parseHelpReply(reply.text, /^SITE\b/i.test(check.line));
          setLearned((l) => ({
            commands: [...new Set([...l.commands, ...got.commands])],
            siteCommands: [...new Set([...l.siteCommands, ...got.siteCommands])],
          }));
        }
        update(id, { id, line: check.line, state: 'done', warnings: check.warnings, reply });
      },
      (err: unknown) => update(id, { id, line: check.line, state: 'failed', warnings: check.warnings, message: errorMessage(err) }),
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      if (history.length === 0) return;
      e.preventDefault();
      let pos = Math.min(cursor.current, history.length);
      if (pos === history.length) draft.current = value;
      pos = e.key === 'ArrowUp' ? Math.max(0, pos - 1) : Math.min(history.length, pos + 1);
      cursor.current = pos;
      setValue(pos === history.length ? draft.current : (history[pos] ?? ''));
    } else if (e.key === 'Tab' && suggestions.length > 0 && !e.shiftKey) {
      e.preventDefault();
      setValue(`${suggestions[0]} `);
    }
  };

  const reasonText = (r: ConsoleReason): string => t(r.key, r.params);

  return (
    <section className="fd-console" aria-label={t('ui.console')}>
      <form
        className="fd-console__form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label htmlFor={inputId}>{t('console.label')}</label>
        <input
          id={inputId}
          className="fd-console__input"
          value={value}
          disabled={disabled}
          list={listId}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('console.placeholder')}
          onChange={(e) => {
            setValue(e.target.value);
            cursor.current = Number.MAX_SAFE_INTEGER;
          }}
          onKeyDown={onKeyDown}
        />
        <datalist id={listId}>
          {vocabulary.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
        <button type="submit" disabled={disabled}>
          {t('console.send')}
        </button>
      </form>
      <p className="fd-console__hint">{t('console.hint')}</p>
      <ol className="fd-console__log" aria-label={t('console.output')} aria-live="polite">
        {entries.map((e) => (
          <li key={e.id} className={`fd-console__entry fd-console__entry--${e.state}`}>
            <p className="fd-console__sent">&gt; {e.line}</p>
            {e.state === 'refused' ? (
              <div role="alert">
                <p className="fd-console__refusal">
                  <strong>{t('console.notSent')}:</strong> {e.reasons.map(reasonText).join(' ')}
                </p>
              </div>
            ) : null}
            {e.state !== 'refused'
              ? e.warnings.map((w) => (
                  <p key={w.key} className="fd-console__warning">
                    {reasonText(w)}
                  </p>
                ))
              : null}
            {e.state === 'pending' ? <p className="fd-console__warning">{t('console.sending')}</p> : null}
            {e.state === 'failed' ? <p className="fd-console__refusal">{t('console.failed', { message: e.message })}</p> : null}
            {e.state === 'done' ? <LineExplanation line={replyLine(e.id, e.reply)} previousCommand={e.line} defaultOpen /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function replyLine(id: number, reply: { code: number; text: string }): WireTranscriptLine {
  return { seq: id, time: 0, connection: 'browse', kind: 'reply', text: reply.text, code: reply.code };
}
