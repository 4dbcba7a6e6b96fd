/**
 * Explains one transcript line in words: the command's purpose, the reply's
 * digits and meaning, the endpoint hidden in PASV/PORT/EPSV/EPRT, and the
 * facts of a status line's `detail`.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { isMessageKey, translate, type Language } from '../i18n/i18n.ts';
import { formatUtcOffset } from '../lib/format.ts';
import { decodeEprt, decodeEpsv, decodePasv, decodePort, isPrivateIPv4, splitCommand } from './decode.ts';
import { asInsightDetail, endpoint, type InsightDetail } from './detail.ts';
import { certLineText } from './certLine.ts';
import { explainReply, type ReplyExplanation } from './replyCodes.ts';
import type { AbortCause } from './replyContext.ts';

/** What the explainer needs besides the line. */
export interface ExplainContext {
  lang: Language;
  /** The command this reply answers, when the caller knows it (improves 213/257 decoding). */
  previousCommand?: string;
  /** When `previousCommand` is ABOR: why FTP Deck sent it, if the transcript says (see `replyContexts`). */
  abortCause?: AbortCause;
}

/** A decoded data endpoint, already in words. */
export interface DecodeInsight {
  kind: 'pasv' | 'port' | 'epsv' | 'eprt';
  ip?: string;
  port: number;
  /** `p1×256+p2 = port` for PASV/PORT. */
  arithmetic?: string;
  text: string;
}

/** The explanation of one line. */
export interface LineInsight {
  kind: WireTranscriptLine['kind'];
  /** One short sentence, for a `title` attribute. */
  summary: string;
  command?: { verb: string; key: string; title: string; text: string };
  reply?: ReplyExplanation;
  decode?: DecodeInsight;
  /** Sentences about the line (status facts, decoded values, caveats). */
  facts: string[];
}

/** The catalog key of a command, refining TYPE A/I, OPTS UTF8 and HASH, SITE CHMOD and MDTM's setting form. */
export function commandKey(verb: string, arg: string): string {
  const sub = arg.split(/\s+/)[0]?.toUpperCase() ?? '';
  if (verb === 'TYPE' && (sub === 'A' || sub === 'I')) return `TYPE_${sub}`;
  if (verb === 'OPTS' && sub === 'UTF8') return 'OPTS_UTF8';
  if (verb === 'OPTS' && sub === 'HASH') return 'OPTS_HASH';
  // `MDTM 20190304050607 path`: the time first sets it (servers without MFMT), not a question about a file so named.
  if (verb === 'MDTM' && /^\d{14}(\.\d+)?\s/.test(arg)) return 'MDTM_SET';
  if (verb === 'SITE' && sub === 'CHMOD') return 'SITE_CHMOD';
  return isMessageKey(`cmd.${verb}.title`) ? verb : 'unknown';
}

/** Explains a command line (`USER alice`, `TYPE I`, `PORT 127,0,0,1,156,65`…). */
export function explainCommand(text: string, lang: Language): Pick<LineInsight, 'command' | 'decode' | 'facts'> {
  const { verb, arg } = splitCommand(text);
  const key = commandKey(verb, arg);
  const params = { arg: arg || '—', verb };
  const command = {
    verb,
    key,
    title: translate(lang, `cmd.${key}.title`, params),
    text: translate(lang, `cmd.${key}.text`, params),
  };
  const facts: string[] = [];
  let decode: DecodeInsight | undefined;
  if (verb === 'PORT') {
    const d = decodePort(text);
    if (d) decode = { kind: 'port', ip: d.ip, port: d.port, arithmetic: d.arithmetic, text: translate(lang, 'decode.port', { ...d }) };
  } else if (verb === 'EPRT') {
    const d = decodeEprt(text);
    if (d) decode = { kind: 'eprt', ip: d.ip, port: d.port, text: translate(lang, 'decode.eprt', { ...d }) };
  } else if (verb === 'PASS' && /^\*+$/.test(arg)) {
    facts.push(translate(lang, 'insight.maskedPassword'));
  }
  return decode ? { command, decode, facts } : { command, facts };
}

/** Commands whose positive reply carries the server's checksum of a file. */
const HASH_VERBS = new Set(['HASH', 'XMD5', 'XSHA1', 'XSHA256', 'XSHA512', 'XCRC']);

/** Refusals of `OPTS UTF8 ON` that mean "not supported here" rather than a broken line. */
const OPTS_UTF8_REFUSALS = new Set([500, 501, 502, 504]);

/** What a server answers to ABOR (RFC 959 §4.1.3): 426 for the transfer it cut, then 226, or 225 alone. */
const ABORT_ANSWERS = new Set([225, 226, 426]);

/**
 * Replaces a reply's generic cause and next step with the ones its context
 * calls for (`<base>.cause`, `<base>.next`). `expected` marks a refusal as
 * the normal course of events, so it is labelled "when / next", not "cause / fix".
 */
function explainInContext(reply: ReplyExplanation, lang: Language, base: string, expected = true): void {
  reply.cause = translate(lang, `${base}.cause`, { code: reply.code });
  reply.fix = translate(lang, `${base}.next`, { code: reply.code });
  if (expected) reply.expected = true;
}

function explainReplyLine(line: WireTranscriptLine, ctx: ExplainContext): Pick<LineInsight, 'reply' | 'decode' | 'facts'> {
  const { lang } = ctx;
  const facts: string[] = [];
  const code = line.code ?? Number(/^(\d{3})/.exec(line.text)?.[1] ?? NaN);
  if (!Number.isFinite(code)) return { facts };
  const reply = explainReply(code, lang);
  let decode: DecodeInsight | undefined;
  if (code === 227) {
    const d = decodePasv(line.text);
    if (d) {
      decode = { kind: 'pasv', ip: d.ip, port: d.port, arithmetic: d.arithmetic, text: translate(lang, 'decode.pasv', { ...d }) };
      if (d.ip.startsWith('127.')) facts.push(translate(lang, 'decode.loopbackAddress', { ip: d.ip }));
      else if (isPrivateIPv4(d.ip)) facts.push(translate(lang, 'decode.privateAddress', { ip: d.ip }));
    }
  } else if (code === 229) {
    const d = decodeEpsv(line.text);
    if (d) decode = { kind: 'epsv', port: d.port, text: translate(lang, 'decode.epsv', { port: d.port }) };
  } else if (code === 257) {
    // RFC 959: the path is quoted and an embedded quote is doubled.
    const m = /"((?:[^"]|"")*)"/.exec(line.text);
    if (m?.[1] !== undefined) facts.push(translate(lang, 'decode.pwd', { path: m[1].replace(/""/g, '"') }));
  } else if (code === 213) {
    const prev = ctx.previousCommand ? splitCommand(ctx.previousCommand).verb : '';
    const value = /^213[ -](\S+)/.exec(line.text)?.[1];
    if (value && prev === 'SIZE' && /^\d+$/.test(value)) facts.push(translate(lang, 'decode.size', { bytes: value }));
    // Not after MDTM's setting form: a time some servers echo there is in their own zone, not UTC.
    const asked = prev === 'MDTM' && commandKey(prev, splitCommand(ctx.previousCommand ?? '').arg) === 'MDTM';
    const t = value && asked ? /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)/.exec(value) : null;
    if (t) facts.push(translate(lang, 'decode.mdtm', { time: `${t[1]}-${t[2]}-${t[3]} ${t[4]}:${t[5]}:${t[6]}` }));
  }
  if (code >= 200 && code < 300 && ctx.previousCommand && HASH_VERBS.has(splitCommand(ctx.previousCommand).verb)) {
    // HASH answers `213 MD5 0-1234 <hex> path`, the X commands `250 <HEX>`: the first run of hex digits long enough for a CRC-32.
    const hex = line.text.slice(4).split(/\s+/).find((w) => /^[0-9a-f]{8,}$/i.test(w));
    if (hex) facts.push(translate(lang, 'decode.hash', { hex: hex.toLowerCase() }));
  }
  if (code >= 500 && code < 600 && ctx.previousCommand) {
    // Refusals that are expected in normal use, told apart by the command they answer.
    const { verb, arg } = splitCommand(ctx.previousCommand);
    if (verb === 'DELE') facts.push(translate(lang, 'decode.deleRefused', { path: arg }));
    else if (verb === 'SIZE') facts.push(translate(lang, 'decode.sizeRefused'));
    else if (verb === 'OPTS' && OPTS_UTF8_REFUSALS.has(code) && /^UTF-?8\b/i.test(arg)) explainInContext(reply, lang, 'decode.optsUtf8');
  }
  if (ABORT_ANSWERS.has(code) && ctx.previousCommand && splitCommand(ctx.previousCommand).verb === 'ABOR') {
    // FTP Deck sends ABOR only to stop a transfer; these are the answers it expects.
    const cancel = ctx.abortCause === 'cancel';
    explainInContext(reply, lang, cancel ? 'decode.abortReply.cancel' : 'decode.abortReply.other', cancel || reply.positive);
    if (code !== 426) facts.push(translate(lang, 'decode.abortReply.wording'));
  }
  if (line.text.includes('\n')) facts.push(translate(lang, 'insight.multiline', { code }));
  return decode ? { reply, decode, facts } : { reply, facts };
}

/** Turns a status line's `detail` into sentences. */
export function describeDetail(detail: InsightDetail, lang: Language): string[] {
  switch (detail.type) {
    case 'connecting':
      return [translate(lang, 'detail.connecting', { host: detail.host, port: detail.port })];
    case 'failure': {
      const key = `err.${detail.errorCode}`;
      return [isMessageKey(key) ? translate(lang, key) : translate(lang, 'detail.failure', { code: detail.errorCode })];
    }
    case 'connected':
      return [translate(lang, 'detail.connected', { ...detail })];
    case 'tls': {
      const out = [
        translate(lang, 'detail.tls', {
          version: detail.version,
          cipher: detail.cipher,
          channel: translate(lang, `detail.tls.${detail.channel}`),
        }),
      ];
      if (detail.resumed) out.push(translate(lang, 'detail.tls.resumed'));
      if (detail.fingerprint256) out.push(translate(lang, 'detail.tls.fingerprint', { fingerprint: detail.fingerprint256 }));
      return out;
    }
    case 'data-open': {
      const params = {
        remote: endpoint(detail.remoteAddress, detail.remotePort),
        local: endpoint(detail.localAddress, detail.localPort),
      };
      return [translate(lang, detail.initiator === 'client' ? 'detail.dataOpen.passive' : 'detail.dataOpen.active', params)];
    }
    case 'data-close':
      return [
        translate(lang, 'detail.dataClose', {
          count: detail.bytes,
          ms: detail.ms,
          mode: translate(lang, `detail.mode.${detail.mode}`),
        }),
      ];
    case 'pasv-address-replaced':
      return [translate(lang, 'detail.pasvReplaced', { ...detail })];
    case 'fallback':
      return [translate(lang, 'detail.fallback', { ...detail })];
    case 'features-reused':
      return [translate(lang, 'detail.featuresReused', { count: detail.count })];
    case 'blocked':
      return [translate(lang, 'detail.blocked', { ...detail })];
    case 'keepalive-refused':
      return [translate(lang, 'detail.keepaliveRefused', { ...detail })];
    case 'recursive-delete':
      return [translate(lang, 'detail.recursiveDelete', { ...detail })];
    case 'late-replies-dropped':
      return [translate(lang, 'detail.lateRepliesDropped', { count: detail.codes.length, codes: detail.codes.join(', ') })];
    case 'listing-unread':
      return [translate(lang, 'detail.listingUnread', { ...detail })];
    case 'multiline-loose-end':
      return [translate(lang, 'detail.looseEnd', { ...detail })];
    case 'timezone':
      return [
        translate(lang, detail.source === 'detected' ? 'detail.timezone.detected' : 'detail.timezone.configured', {
          offset: formatUtcOffset(detail.offsetMinutes),
        }),
      ];
    case 'pool-shrunk':
      return [translate(lang, 'detail.poolShrunk', { count: detail.max, max: detail.max })];
    case 'pool-shared':
      return [translate(lang, 'detail.poolShared')];
  }
}

/** Explains one transcript line. Cheap enough to call while rendering a visible row. */
export function explainLine(line: WireTranscriptLine, context: ExplainContext): LineInsight {
  const { lang } = context;
  const kindSentence = translate(lang, `insight.kind.${line.kind}`);
  if (line.kind === 'command') {
    const c = explainCommand(line.text, lang);
    return { kind: line.kind, summary: c.command ? `${c.command.verb}: ${c.command.title}` : kindSentence, ...c };
  }
  if (line.kind === 'reply' || (line.kind === 'error' && line.code !== undefined)) {
    const r = explainReplyLine(line, context);
    const summary = r.reply ? `${r.reply.code}: ${r.reply.title}` : kindSentence;
    return { kind: line.kind, summary, ...r };
  }
  const detail = asInsightDetail(line.detail);
  // The certificate line names its reason; say it in words rather than only "not trusted".
  const cert = certLineText(line, lang);
  const facts = cert !== undefined ? [cert] : detail ? describeDetail(detail, lang) : [];
  return { kind: line.kind, summary: facts[0] ?? kindSentence, facts };
}

/** A readable name for a transcript connection tag (`browse`, `transfer-2`, `relay`). */
export function connectionName(connection: string, lang: Language): string {
  if (connection === 'browse') return translate(lang, 'insight.connection.browse');
  if (connection === 'relay') return translate(lang, 'insight.connection.relay');
  const n = /^transfer-(\d+)$/.exec(connection)?.[1];
  if (n !== undefined) return translate(lang, 'insight.connection.transfer', { n });
  return translate(lang, 'insight.connection.other', { name: connection });
}
