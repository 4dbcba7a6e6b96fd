/**
 * The console's command logic: what may be sent, why not, and what to
 * suggest. Refusals are explained BEFORE sending, in the user's language; the
 * server refuses the same commands again (defence in depth, see protocol's
 * `raw` request).
 */
import type { MessageKey, MessageParams } from '../i18n/i18n.ts';
import { splitCommand } from './decode.ts';

/** Longest console line, matching the protocol's `raw` schema. */
export const MAX_CONSOLE_LINE = 512;

/** Commands that only inform and never disturb the session. Always suggested. */
export const SAFE_COMMANDS: readonly string[] = ['SYST', 'FEAT', 'HELP', 'STAT', 'SITE', 'NOOP', 'PWD', 'MDTM', 'SIZE', 'MLST'];

/** Commands that open, prepare or abort a data connection. */
export const DATA_COMMANDS: readonly string[] = [
  'PORT', 'EPRT', 'LPRT', 'PASV', 'EPSV', 'LPSV', 'LIST', 'NLST', 'MLSD', 'RETR', 'STOR', 'STOU', 'APPE', 'REST', 'ABOR',
];

/** Commands that change who is logged in or how the session is secured. */
export const SESSION_COMMANDS: readonly string[] = ['USER', 'PASS', 'ACCT', 'AUTH', 'PROT', 'PBSZ', 'REIN', 'QUIT', 'CCC'];

/**
 * Commands that change files or folders on the server (MKD, DELE, RNTO,
 * SITE CHMOD and the like): after one succeeds in the console, the file
 * list is read again so it shows the change.
 */
export const CHANGING_COMMANDS: readonly string[] = ['MKD', 'XMKD', 'RMD', 'XRMD', 'DELE', 'RNTO', 'SITE', 'MFMT'];

/** A refusal reason as a message key plus its parameters. */
export interface ConsoleReason {
  key: MessageKey;
  params?: MessageParams;
}

/** The outcome of {@link precheckCommand}. */
export type Precheck =
  | { ok: true; verb: string; line: string; warnings: ConsoleReason[] }
  | { ok: false; verb: string; reasons: ConsoleReason[] };

/** Options for {@link precheckCommand}. */
export interface PrecheckOptions {
  /** Verbs the server announced (FEAT keys, HELP list); unknown verbs get a warning, not a refusal. */
  known?: ReadonlySet<string>;
}

/** Verbs whose argument is a secret: the transcript shows them as `VERB ****` (masked by the engine). */
const SECRET_VERBS = /^(\s*(?:PASS|ACCT|ADAT))(\s+)\S.*$/is;

/**
 * A console line as it may be shown or remembered: the argument of PASS,
 * ACCT and ADAT becomes `****`, as in the transcript. Such lines are refused
 * and never sent, but were echoed in clear and kept in the history.
 */
export function maskSecretArgument(line: string): string {
  const m = SECRET_VERBS.exec(line);
  return m ? `${m[1]}${m[2]}****` : line;
}

/** Decides whether a console line may be sent, and explains why not. */
export function precheckCommand(input: string, options: PrecheckOptions = {}): Precheck {
  if (/[\r\n\0]/.test(input)) {
    return { ok: false, verb: splitCommand(input.split(/[\r\n\0]/)[0] ?? '').verb, reasons: [{ key: 'console.refused.control' }] };
  }
  const line = input.trim();
  const { verb } = splitCommand(line);
  if (line === '') return { ok: false, verb, reasons: [{ key: 'console.empty' }] };
  if (line.length > MAX_CONSOLE_LINE) {
    return { ok: false, verb, reasons: [{ key: 'console.refused.tooLong', params: { max: MAX_CONSOLE_LINE } }] };
  }
  if (verb === 'ABOR') return { ok: false, verb, reasons: [{ key: 'console.refused.abort' }] };
  if (verb === 'REST') return { ok: false, verb, reasons: [{ key: 'console.refused.rest' }] };
  // EPSV ALL opens nothing: it forbids PORT, PASV and EPRT for the rest of the session (RFC 2428 §4).
  if (verb === 'EPSV' && /^EPSV\s+ALL$/i.test(line)) return { ok: false, verb, reasons: [{ key: 'console.refused.epsvAll' }] };
  if (DATA_COMMANDS.includes(verb)) {
    const reasons: ConsoleReason[] = [{ key: 'console.refused.data', params: { verb } }];
    if (verb === 'PORT' || verb === 'EPRT' || verb === 'LPRT') reasons.push({ key: 'console.refused.bounce' });
    return { ok: false, verb, reasons };
  }
  if (SESSION_COMMANDS.includes(verb)) return { ok: false, verb, reasons: [{ key: 'console.refused.session', params: { verb } }] };
  // The engine refuses it too (it sets TYPE before each transfer); said here in the user's words.
  if (verb === 'TYPE') return { ok: false, verb, reasons: [{ key: 'console.refused.type' }] };
  const warnings: ConsoleReason[] = [];
  if (options.known && options.known.size > 0 && !SAFE_COMMANDS.includes(verb) && !options.known.has(verb)) {
    warnings.push({ key: 'console.unknownVerb', params: { verb } });
  }
  return { ok: true, verb, line, warnings };
}

/** Command names found in a 214 reply. */
export interface HelpCommands {
  /** Verbs (`MLSD`, `SITE`…). */
  commands: string[];
  /** SITE subcommands (`CHMOD`, `UMASK`…). */
  siteCommands: string[];
}

/**
 * Reads the command names out of a 214 HELP (or SITE HELP) reply. Servers
 * print them as columns of upper-case words; ProFTPD marks unimplemented ones
 * with `*`, which we skip. The first and last lines of a multi-line reply are
 * prose and ignored. A list is taken as
 * SITE subcommands when `site` is set (the reply answers SITE HELP) or when
 * its first line says so (Pure-FTPd answers plain HELP with its SITE list).
 */
export function parseHelpReply(text: string, site = false): HelpCommands {
  const lines = text.split(/\r?\n/);
  const isSite = site || /\bSITE\b/.test(lines[0] ?? '');
  const found = new Set<string>();
  // In a multi-line reply the first and last lines are prose ("The following SITE commands…").
  const body = lines.length > 2 ? lines.slice(1, -1) : lines;
  for (const raw of body) {
    const body = raw.replace(/^\s*\d{3}[ -]?/, '');
    for (const token of body.split(/[\s,]+/)) {
      if (/^[A-Z]{3,5}$/.test(token)) found.add(token);
    }
  }
  const list = [...found];
  return isSite ? { commands: [], siteCommands: list } : { commands: list, siteCommands: [] };
}

/** The verbs of a plain HELP reply (see {@link parseHelpReply}). */
export function parseHelpCommands(text: string): string[] {
  return parseHelpReply(text).commands;
}

/** FEAT entries may carry parameters (`MLST type*;size*;`); the verb is the first word. */
export function featureVerbs(features: readonly string[]): string[] {
  return features.map((f) => f.trim().split(/\s+/)[0]?.toUpperCase() ?? '').filter((v) => /^[A-Z]{3,5}$/.test(v));
}

/**
 * Everything the console may offer: safe commands, FEAT and HELP verbs (minus
 * refused ones), and `SITE <sub>` for each SITE subcommand.
 */
export function consoleVocabulary(
  features: readonly string[],
  helpCommands: readonly string[],
  siteCommands: readonly string[] = [],
): string[] {
  const all = new Set<string>([...SAFE_COMMANDS, ...featureVerbs(features), ...helpCommands]);
  for (const v of [...DATA_COMMANDS, ...SESSION_COMMANDS]) all.delete(v);
  for (const sub of siteCommands) all.add(`SITE ${sub}`);
  return [...all].sort();
}

/**
 * Completions for what is typed so far: single verbs while the first word is
 * typed, `SITE <sub>` entries once "SITE " is there, nothing for arguments.
 */
export function suggestCommands(input: string, vocabulary: readonly string[], limit = 8): string[] {
  const typed = input.trimStart().toUpperCase().replace(/\s+/g, ' ');
  const multiword = typed.includes(' ');
  return vocabulary
    .filter((v) => v.includes(' ') === multiword && v.startsWith(typed) && v !== typed.trimEnd())
    .slice(0, limit);
}
