/**
 * The command console tab: raw commands on the browsing connection through
 * the `raw` request. Refusals come in two layers: the console's own pre-check
 * (before anything is sent) and the engine's FTP_ERR_COMMAND_REFUSED, whose
 * message is shown as the server sent it.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useServices, useTabActive } from '../../hooks/tabContext.ts';
import { useT } from '../../i18n/useT.ts';
import { CommandConsole } from '../../insight/CommandConsole.tsx';
import { CHANGING_COMMANDS } from '../../insight/commands.ts';
import { describeError, wireErrorOf } from '../../lib/errorMessages.ts';
import { useAppStore, useStoreApi } from '../../store/index.ts';
import { helpReplies } from './consoleHelp.ts';

/** Newest lines searched for HELP replies. */
const SCAN = 5000;
const NO_FEATURES: string[] = [];

/** The console tab. */
export function ConsolePanel() {
  const t = useT();
  const store = useStoreApi();
  const services = useServices();
  const tabActive = useTabActive();
  const connected = useAppStore((s) => s.server.status === 'connected');
  const features = useAppStore((s) => s.server.features) ?? NO_FEATURES;
  const active = useAppStore((s) => s.sideTab === 'console');
  const version = useAppStore((s) => (active ? s.transcriptVersion : -1));
  const help = useMemo(() => {
    if (!active) return {};
    const buffer = store.getState().transcript;
    return helpReplies(buffer.slice(Math.max(0, buffer.length - SCAN)));
    // `version` says the mutable buffer changed.
  }, [store, active, version]);
  // New output appears at the bottom: keep it in view, as a terminal does.
  const scroller = useRef<HTMLDivElement>(null);
  // Output that arrived while the console was not on screen (another side tab or site tab):
  // a hidden scroller has no height to scroll, so it is scrolled to once shown.
  const unseenOutput = useRef(false);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let seen = '';
    const observer = new MutationObserver(() => {
      // Only a new entry or the newest one settling (pending → done) scrolls; unfolding an old one does not.
      const entries = el.querySelectorAll('.fd-console__entry');
      const key = `${entries.length}:${entries[entries.length - 1]?.className ?? ''}`;
      if (key === seen) return;
      seen = key;
      if (el.clientHeight === 0) unseenOutput.current = true;
      else el.scrollTop = el.scrollHeight;
    });
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  const shown = active && tabActive;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!shown || !el || !unseenOutput.current) return;
    unseenOutput.current = false;
    el.scrollTop = el.scrollHeight;
  }, [shown]);
  const onSend = useCallback(
    async (line: string) => {
      store.getState().recordAction('act.raw', { line });
      try {
        const reply = await services.socket.request({ type: 'raw', line });
        // A change made from the console shows in the file list, as one made with the buttons does.
        const verb = line.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
        if (reply.code >= 200 && reply.code < 300 && CHANGING_COMMANDS.includes(verb)) void services.ops.refresh();
        return reply;
      } catch (err) {
        const wire = wireErrorOf(err);
        throw new Error(t('consolep.refused', { headline: describeError(wire), message: wire.message }));
      }
    },
    [t, store, services],
  );
  return (
    <div className="sp-scroll" ref={scroller}>
      <p className="sp-note">{connected ? t('consolep.helpHint') : t('consolep.notConnected')}</p>
      <CommandConsole
        features={features}
        onSend={onSend}
        disabled={!connected}
        {...(help.help !== undefined ? { helpText: help.help } : {})}
        {...(help.siteHelp !== undefined ? { siteHelpText: help.siteHelp } : {})}
      />
    </div>
  );
}
