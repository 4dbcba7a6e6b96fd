/**
 * The live control-channel transcript (role "log", name "Transcript").
 * Renders the newest lines that pass the filter, follows the bottom while
 * the user is there, and exports everything as text.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { appStore, useAppStore } from '../../store/index.ts';
import { Icon } from '../Icon/Icon.tsx';
import { TranscriptLine } from './TranscriptLine.tsx';
import { KIND_LABEL, connectionTags, exportText, pickLines, type LineKind, type TranscriptFilter } from './transcriptView.ts';
import './TranscriptPanel.css';

/** Lines rendered at first; "Show earlier" adds this many more. */
const PAGE = 1000;
/** How close to the bottom (px) still counts as "following". */
const FOLLOW_SLACK = 48;

const KINDS: readonly LineKind[] = ['command', 'reply', 'status', 'error'];
const KIND_BUTTON: Readonly<Record<LineKind, string>> = {
  command: 'Commands',
  reply: 'Responses',
  status: 'Status',
  error: 'Errors',
};

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Transcript panel with filter bar. */
export function TranscriptPanel() {
  const version = useAppStore((s) => s.transcriptVersion);
  const buffer = useAppStore((s) => s.transcript);
  const [kinds, setKinds] = useState<ReadonlySet<LineKind>>(() => new Set(KINDS));
  const [connection, setConnection] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [following, setFollowing] = useState(true);
  const body = useRef<HTMLDivElement>(null);

  const filter: TranscriptFilter = useMemo(() => ({ kinds, connection, search }), [kinds, connection, search]);
  // `version` is the dependency that says the mutable buffer changed.
  const { lines, matched } = useMemo(() => pickLines(buffer, filter, limit), [buffer, filter, limit, version]);
  const tags = useMemo(() => connectionTags(buffer), [buffer, version]);

  useLayoutEffect(() => {
    const el = body.current;
    if (el && following) el.scrollTop = el.scrollHeight;
  }, [lines, following]);

  const onScroll = () => {
    const el = body.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK;
    if (atBottom !== following) setFollowing(atBottom);
  };

  const toggleKind = (k: LineKind) =>
    setKinds((prev) => {
      const next = new Set(prev);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });

  const onExport = () => {
    const all = appStore.getState().transcript.slice();
    download(`ftpdeck-transcript-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`, exportText(all));
  };

  const hiddenEarlier = matched - lines.length;

  return (
    <div className="tp">
      <header className="tp-head">
        <h2 id="tp-title" className="tp-title">
          Transcript
        </h2>
        <input
          type="search"
          className="input tp-search"
          placeholder="Search"
          aria-label="Search transcript"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <div className="tp-actions">
          <button type="button" className="btn btn-ghost btn-icon btn-sm" title="Save transcript as text" aria-label="Save transcript" onClick={onExport}>
            <Icon name="arrowDownToLine" size={14} />
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-icon btn-sm"
            title="Clear transcript view"
            aria-label="Clear transcript"
            onClick={() => appStore.getState().clearTranscript()}
          >
            <Icon name="trash" size={14} />
          </button>
        </div>
      </header>
      <div className="tp-filters">
        <div className="tp-kinds" role="group" aria-label="Line kinds">
          {KINDS.map((k) => (
            <button
              key={k}
              type="button"
              className={`tp-chip kind-${k}`}
              aria-pressed={kinds.has(k)}
              title={`Show ${KIND_LABEL[k].toLowerCase()} lines`}
              onClick={() => toggleKind(k)}
            >
              {KIND_BUTTON[k]}
            </button>
          ))}
        </div>
        <select
          className="select tp-conn-select"
          aria-label="Connection"
          value={connection ?? ''}
          onChange={(e) => setConnection(e.target.value || null)}
        >
          <option value="">All connections</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <div ref={body} className="tp-body" role="log" aria-label="Transcript" onScroll={onScroll}>
        {hiddenEarlier > 0 && (
          <button type="button" className="tp-earlier" onClick={() => setLimit((l) => l + PAGE)}>
            Show {Math.min(PAGE, hiddenEarlier).toLocaleString()} earlier lines ({hiddenEarlier.toLocaleString()} hidden)
          </button>
        )}
        {lines.length === 0 && <p className="tp-empty">Commands and server replies will appear here as they happen.</p>}
        {lines.map((line) => (
          <TranscriptLine key={`${line.connection}:${line.seq}`} line={line} />
        ))}
      </div>
      {!following && (
        <button
          type="button"
          className="btn btn-sm tp-jump"
          onClick={() => {
            setFollowing(true);
            const el = body.current;
            if (el) el.scrollTop = el.scrollHeight;
          }}
        >
          Jump to latest
        </button>
      )}
    </div>
  );
}
