/**
 * The transcript as text for a hosting-support ticket: a header (date, server
 * software, connection mode) and the lines with times and kinds. Redacted:
 * the password never reaches the browser (the engine sends `PASS ****`), and
 * on request the account name and the host are masked too.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import type { Translate } from '../../i18n/i18n.ts';
import { asInsightDetail } from '../../insight/detail.ts';
import { KIND_LABEL_KEYS } from '../../insight/LineExplanation.tsx';
import { formatClock } from '../../lib/format.ts';

/** What the export may reveal, and the session facts for its header. */
export interface ExportOptions {
  includeUser: boolean;
  includeHost: boolean;
  /** The account name (SessionState.user). */
  user?: string | undefined;
  /** The host as typed (SessionState.host). */
  host?: string | undefined;
  port?: number | undefined;
  /** The SYST reply (SessionState.system). */
  system?: string | undefined;
  secure?: string | undefined;
  now: Date;
  t: Translate;
}

/** Placeholders written instead of masked values. */
export const MASK = { user: '[account]', host: '[host]', password: '****' } as const;

/** How the data connections were opened, read from the lines: `passive (EPSV)`, `active (PORT)`… */
export function dataModeOf(lines: readonly WireTranscriptLine[], t: Translate): string {
  const seen = new Set<string>();
  for (const l of lines) {
    if (l.kind === 'command') {
      const verb = /^(PORT|EPRT)\b/i.exec(l.text)?.[1]?.toUpperCase();
      if (verb) seen.add(`active (${verb})`);
    } else if (l.kind === 'reply' && (l.code === 227 || l.code === 229)) {
      seen.add(`passive (${l.code === 227 ? 'PASV' : 'EPSV'})`);
    }
  }
  if (seen.size === 0) return t('export.modeNone');
  return [...seen]
    .map((m) => m.replace('passive', t('ui.dataMode.passive')).replace('active', t('ui.dataMode.active')))
    .join(', ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds the function that masks one line's text. */
export function redactor(lines: readonly WireTranscriptLine[], opts: Pick<ExportOptions, 'includeUser' | 'includeHost' | 'user' | 'host'>): (text: string) => string {
  const rules: Array<[RegExp, string]> = [[/^(PASS)\s+.*$/i, `$1 ${MASK.password}`]];
  if (!opts.includeUser) {
    rules.push([/^(USER)\s+.*$/i, `$1 ${MASK.user}`]);
    // Short names ("a", "ftp") would mangle ordinary words; the USER line is masked regardless.
    if (opts.user && opts.user.length >= 3) rules.push([new RegExp(escapeRegExp(opts.user), 'g'), MASK.user]);
  }
  if (!opts.includeHost) {
    const hosts = new Set<string>();
    if (opts.host) hosts.add(opts.host);
    for (const l of lines) {
      const d = asInsightDetail(l.detail);
      if (d?.type === 'connected') {
        hosts.add(d.host);
        hosts.add(d.address);
      } else if (d?.type === 'data-open') {
        hosts.add(d.remoteAddress);
        hosts.add(d.localAddress);
      } else if (d?.type === 'pasv-address-replaced') {
        hosts.add(d.announced);
        hosts.add(d.used);
      }
    }
    for (const h of [...hosts].filter(Boolean).sort((a, b) => b.length - a.length)) {
      rules.push([new RegExp(escapeRegExp(h), 'g'), MASK.host]);
      // PASV and PORT spell an IPv4 address with commas: 127,0,0,1.
      if (/^\d+\.\d+\.\d+\.\d+$/.test(h)) rules.push([new RegExp(`\\b${escapeRegExp(h.split('.').join(','))}\\b`, 'g'), MASK.host]);
    }
  }
  return (text) => rules.reduce((acc, [re, to]) => acc.replace(re, to), text);
}

/** The whole ticket text. */
export function buildExport(lines: readonly WireTranscriptLine[], opts: ExportOptions): string {
  const { t } = opts;
  const mask = redactor(lines, opts);
  const server = opts.host ? `${opts.host}${opts.port ? `:${opts.port}` : ''}` : '—';
  const header = [
    t('export.heading'),
    `${t('export.date')}: ${opts.now.toISOString()}`,
    `${t('export.server')}: ${opts.includeHost ? server : MASK.host}`,
    `${t('export.account')}: ${opts.includeUser ? (opts.user ?? '—') : MASK.user}`,
    `${t('export.software')}: ${opts.system ?? '—'}`,
    `${t('export.security')}: ${opts.secure ?? 'none'}`,
    `${t('export.mode')}: ${dataModeOf(lines, t)}`,
    `${t('export.lines')}: ${lines.length}`,
    t('export.passwordNote'),
    '',
  ];
  const body = lines.map((l) => {
    const text = l.text
      .split(/\r?\n/)
      .map(mask)
      .join('\n\t');
    return `${formatClock(l.time)} [${l.connection}] ${t(KIND_LABEL_KEYS[l.kind])}:\t${text}`;
  });
  return `${[...header, ...body].join('\n')}\n`;
}
