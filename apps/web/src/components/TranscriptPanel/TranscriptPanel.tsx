/**
 * The live control-channel transcript (role "log", name "Transcript").
 * Renders the newest lines that pass the filter, follows the bottom while
 * the user is there, and exports everything as text.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MessageKey } from '../../i18n/i18n.ts';
import { useT } from '../../i18n/useT.ts';
import { replyContexts } from '../../insight/replyContext.ts';
import { useTabActive } from '../../hooks/tabContext.ts';
import { useAppStore, useFramedAppStore, useStoreApi, type AppState } from '../../store/index.ts';
import { frameScheduler } from '../../store/frameScheduler.ts';
import { Icon } from '../Icon/Icon.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { TranscriptGroup } from './TranscriptGroup.tsx';
import { groupsInOrder, resolveActions } from './transcriptGroups.ts';
import { connectionTags, pickLines, type LineKind, type TranscriptFilter } from './transcriptView.ts';
import { moveInLog } from './moveInLog.ts';
import './TranscriptPanel.css';
import { revealTranscriptLine } from '../FileList/TranscriptReplyLink.tsx';
import { formatCount } from '../../lib/format.ts';

/** Lines rendered at first; "Show earlier" adds this many more. */
const PAGE = 1000;
/**
 * Lines rendered while the log follows its bottom: more than any screen
 * shows. A delete or a ZIP of thousands of files writes thousands of lines
 * a second, and building each one's DOM only to scroll it out of sight in
 * the same frame kept the page too busy to answer clicks. Scrolling up,
 * pausing or "Show earlier" brings back the full page of lines.
 */
const FOLLOW_WINDOW = 60;
/**
 * Shortest time between two redraws of a busy log, ms. Ten a second reads as
 * live; drawing every frame kept the browser painting and scrolling without pause.
 */
const LOG_REFRESH_MS = 100;
/**
 * The same while lines pour in (more than {@link FLOOD_LINES} between two
 * redraws), faster than anyone reads them: four redraws a second still read
 * as moving, and each costs the browser a layout and paint of the log.
 */
const FLOOD_REFRESH_MS = 250;
/**
 * Lines since the last redraw that make a flood. A command and its reply are
 * a few lines; a drop of small files writes about nine per file, dozens a
 * redraw. Redrawing that four times a second instead of ten let the same
 * page upload 300 small files about 1.4× as fast (measured on two cores).
 */
const FLOOD_LINES = 15;
/** How close to the bottom (px) still counts as "following". */
const FOLLOW_SLACK = 48;

const KINDS: readonly LineKind[] = ['command', 'reply', 'status', 'error'];
const KIND_BUTTON: Readonly<Record<LineKind, MessageKey>> = {
  command: 'tp.kind.command',
  reply: 'tp.kind.reply',
  status: 'tp.kind.status',
  error: 'tp.kind.error',
};
interface LogState {
  version: number;
  recorded: AppState['actions'];
}
const selectLog = (s: AppState): LogState => ({ version: s.transcriptVersion, recorded: s.actions });
const sameLog = (a: LogState, b: LogState) => a.version === b.version && a.recorded === b.recorded;

/** Transcript panel with filter bar. */
export function TranscriptPanel() {
  const store = useStoreApi();
  const titleId = useId();
  // On screen: this site tab is, and the side panel shows the transcript. A hidden
  // scroller has no height, so following the bottom waits until it is shown again.
  const tabActive = useTabActive();
  const shown = useAppStore((s) => s.sideTab === 'transcript') && tabActive;
  // Lines arrive in many small messages during a transfer storm: re-render at most every
  // LOG_REFRESH_MS, in an animation frame, and not at all while nobody sees the panel (it
  // catches up when shown again).
  // The lines and the actions they group under are read together, so a line never shows
  // under "Session" for a moment before its action arrives.
  // Nor while the user reads back (scrolled up, or paused): the lines in view stay put instead of
  // sliding away under the reader, and a flood costs no redraws of a 1000-line page nobody follows.
  // It catches up on the way back to the bottom.
  const [following, setFollowing] = useState(true);
  const [paused, setPaused] = useState(false);
  const [flood, setFlood] = useState(false);
  const { version, recorded } = useFramedAppStore(selectLog, {
    paused: !shown || !following || paused,
    minIntervalMs: flood ? FLOOD_REFRESH_MS : LOG_REFRESH_MS,
    equal: sameLog,
  });
  const buffer = useAppStore((s) => s.transcript);
  const [kinds, setKinds] = useState<ReadonlySet<LineKind>>(() => new Set(KINDS));
  const [connection, setConnection] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(PAGE);
  /** The newest line drawn so far. */
  const drawnSeq = useRef(0);
  const [exportOpen, setExportOpen] = useState(false);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const t = useT();
  const body = useRef<HTMLDivElement>(null);

  const filter: TranscriptFilter = useMemo(() => ({ kinds, connection, search }), [kinds, connection, search]);
  // `version` is the dependency that says the mutable buffer changed.
  const followingLive = shown && following && !paused && limit === PAGE;
  const shownLimit = followingLive ? FOLLOW_WINDOW : limit;
  // Reading back, the bottom stays at the newest line drawn before: only earlier lines join, above,
  // where scroll anchoring keeps the reader's place. (Lines that came meanwhile wait for the bottom.)
  const frozenAt = useRef<number | null>(null);
  if (followingLive) frozenAt.current = null;
  else if (frozenAt.current === null) frozenAt.current = drawnSeq.current;
  const untilSeq = frozenAt.current ?? Number.POSITIVE_INFINITY;
  const { lines, matched } = useMemo(() => pickLines(buffer, filter, shownLimit, untilSeq), [buffer, filter, shownLimit, untilSeq, version]);
  const tags = useMemo(() => connectionTags(buffer), [buffer, version]);
  // A flood: more lines came since the last redraw than a person reads in one.
  const newestSeq = lines.at(-1)?.seq ?? 0;
  useEffect(() => {
    setFlood(newestSeq - drawnSeq.current > FLOOD_LINES);
    drawnSeq.current = newestSeq;
  }, [newestSeq]);
  const groups = useMemo(() => groupsInOrder(lines, resolveActions(recorded, t)), [lines, recorded, t]);
  const previous = useMemo(() => replyContexts(lines), [lines]);
  const toggleGroup = useCallback(
    (id: string) =>
      setCollapsed((prev) => {
        const next = new Set(prev);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );

  // Following the bottom: one scroll per frame, in the frame's own layout pass. Reading
  // scrollHeight right after each commit forced a layout per transcript message.
  const stick = useRef<number | null>(null);
  const wantStick = useRef(false);
  useLayoutEffect(() => {
    wantStick.current = shown && following && !paused;
    if (!wantStick.current || stick.current !== null) return;
    stick.current = frameScheduler().request(() => {
      stick.current = null;
      const el = body.current;
      // The user may have scrolled up or paused since the request.
      if (el && wantStick.current) el.scrollTop = el.scrollHeight;
    });
  }, [lines, following, paused, shown]);
  useEffect(
    () => () => {
      if (stick.current !== null) frameScheduler().cancel(stick.current);
    },
    [],
  );

  // A "Why: 530" link asked for a line: unfold its group, stop following, then scroll to it.
  const revealSeq = useAppStore((s) => s.revealSeq);
  const revealLine = useAppStore((s) => s.revealLine);
  useEffect(() => {
    if (revealSeq === null) return;
    const owner = groups.find((g) => g.lines.some((l) => l.seq === revealSeq));
    if (owner && collapsed.has(owner.id)) {
      setCollapsed((prev) => {
        const next = new Set(prev);
        next.delete(owner.id);
        return next;
      });
      return; // runs again once the group is open
    }
    setFollowing(false);
    const frame = requestAnimationFrame(() => {
      if (body.current) revealTranscriptLine(body.current, revealSeq);
      revealLine(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [revealSeq, groups, collapsed, revealLine]);

  // Only the user stops the following. The log also scrolls on its own: lines leaving the top
  // of the window (scroll anchoring moves scrollTop), groups drawn for the first time
  // (content-visibility) changing height, and the frame that has not stuck to the bottom yet.
  // None of those may read as "the user scrolled up".
  const userScrolled = useRef(false);
  const noteUserScroll = () => {
    userScrolled.current = true;
  };
  const onScroll = () => {
    const el = body.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK;
    if (atBottom && !following) {
      setFollowing(true);
      // Back at the bottom, the log follows with its small window again, whatever "Show earlier" added.
      setLimit(PAGE);
    } else if (!atBottom && following && userScrolled.current) setFollowing(false);
    if (atBottom) userScrolled.current = false;
  };

  const toggleKind = (k: LineKind) =>
    setKinds((prev) => {
      const next = new Set(prev);
      if (next.has(k)) next.delete(k);
      else next.add(k);
      return next;
    });

  const hiddenEarlier = matched - lines.length;

  return (
    <div className="tp">
      <header className="tp-head">
        <h2 id={titleId} className="tp-title">
          {t('ui.transcript')}
        </h2>
        <input
          type="search"
          className="input tp-search"
          placeholder={t('tp.search')}
          aria-label={t('tp.searchLabel')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <div className="tp-actions">
          <button
            type="button"
            className="btn btn-ghost btn-icon btn-sm"
            aria-pressed={paused}
            title={t('tp.pause')}
            aria-label={t('tp.pause')}
            onClick={() => setPaused((p) => !p)}
          >
            <span aria-hidden="true">{paused ? '▶' : '❚❚'}</span>
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-icon btn-sm"
            aria-expanded={exportOpen}
            title={t('tp.exportTitle')}
            aria-label={t('tp.export')}
            onClick={() => setExportOpen((o) => !o)}
          >
            <Icon name="arrowDownToLine" size={14} />
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-icon btn-sm"
            title={t('tp.clearTitle')}
            aria-label={t('tp.clear')}
            onClick={() => store.getState().clearTranscript()}
          >
            <Icon name="trash" size={14} />
          </button>
        </div>
      </header>
      <div className="tp-filters">
        <div className="tp-kinds" role="group" aria-label={t('tp.kinds')}>
          {KINDS.map((k) => (
            <button
              key={k}
              type="button"
              className={`tp-chip kind-${k}`}
              aria-pressed={kinds.has(k)}
              title={t('tp.showKind', { kind: t(KIND_BUTTON[k]) })}
              onClick={() => toggleKind(k)}
            >
              {t(KIND_BUTTON[k])}
            </button>
          ))}
        </div>
        <select
          className="select tp-conn-select"
          aria-label={t('ui.connection')}
          value={connection ?? ''}
          onChange={(e) => setConnection(e.target.value || null)}
        >
          <option value="">{t('tp.allConnections')}</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      {exportOpen && <ExportPanel onClose={() => setExportOpen(false)} />}
      <div
        ref={body}
        className="tp-body"
        role="log"
        // Not live: a log is polite by default, and a screen reader would queue every FTP line
        // (hundreds a minute while files move). It is read on demand; outcomes are announced elsewhere.
        aria-live="off"
        aria-label={t('ui.transcript')}
        onScroll={onScroll}
        onWheel={noteUserScroll}
        onTouchMove={noteUserScroll}
        // On the log itself, not a line's button: that is a press on the scrollbar.
        onPointerDown={(e) => {
          if (e.target === e.currentTarget) noteUserScroll();
        }}
        tabIndex={0}
        onKeyDown={(e) => {
          noteUserScroll();
          moveInLog(e);
        }}
        // Tab into the log: its key press happened outside, but the scroll that brings the
        // focused control into view is the user's, and following the bottom would undo it.
        onFocus={noteUserScroll}
      >
        {hiddenEarlier > 0 && (
          <button type="button" className="tp-earlier" onClick={() => setLimit(shownLimit + PAGE)}>
            {t('tp.earlier', { count: Math.min(PAGE, hiddenEarlier), shown: formatCount(Math.min(PAGE, hiddenEarlier)), hidden: formatCount(hiddenEarlier) })}
          </button>
        )}
        {lines.length === 0 && <p className="tp-empty">{t('tp.empty')}</p>}
        {groups.map((group) => (
          <TranscriptGroup key={group.id} group={group} collapsed={collapsed.has(group.id)} onToggle={toggleGroup} previous={previous} />
        ))}
      </div>
      {(!following || paused) && (
        <button
          type="button"
          className="btn btn-sm tp-jump"
          onClick={() => {
            setFollowing(true);
            setPaused(false);
            setLimit(PAGE);
            const el = body.current;
            if (el) el.scrollTop = el.scrollHeight;
          }}
        >
          {t('tp.jump')}
        </button>
      )}
    </div>
  );
}
