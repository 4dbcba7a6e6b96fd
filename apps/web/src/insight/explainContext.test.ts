/**
 * Replies read in their context: the answers to FTP Deck's own ABOR, a
 * refused OPTS UTF8 ON, and the certificate error line, in both languages,
 * with the exact words the user sees.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { describe, expect, it } from 'vitest';
import type { Language } from '../i18n/i18n.ts';
import { certLineText } from './certLine.ts';
import { explainLine } from './explain.ts';
import { replyContexts } from './replyContext.ts';

let seq = 0;
const line = (kind: WireTranscriptLine['kind'], text: string, extra: Partial<WireTranscriptLine> = {}): WireTranscriptLine => ({
  seq: ++seq,
  time: 0,
  connection: 'transfer-1',
  kind,
  text,
  ...extra,
});
const reply = (code: number, text: string): WireTranscriptLine => line('reply', `${code} ${text}`, { code });

/** A download the user cancelled, as vsftpd answers it: ABOR, 426 for the RETR, NOOP to resync, 226 for the ABOR. */
function cancelledDownload(stop: WireTranscriptLine) {
  const lines = [
    line('command', 'RETR big.bin'),
    reply(150, 'Opening BINARY mode data connection for big.bin (18874368 bytes).'),
    line('command', 'ABOR'),
    reply(426, 'Failure writing network stream.'),
    line('command', 'NOOP'),
    reply(226, 'ABOR successful.'),
    reply(200, 'NOOP ok.'),
    stop,
  ];
  return { lines, r426: lines[3] as WireTranscriptLine, r226: lines[5] as WireTranscriptLine, r200: lines[6] as WireTranscriptLine };
}
const userStop = (): WireTranscriptLine =>
  // The ingest turns the user's own abort into a status line; the detail stays.
  line('status', 'The transfer was aborted', { detail: { type: 'failure', errorCode: 'FTP_ERR_ABORTED' } });

function explainIn(lines: readonly WireTranscriptLine[], target: WireTranscriptLine, lang: Language) {
  const c = replyContexts(lines).get(target.seq);
  return explainLine(target, { lang, ...(c ? { previousCommand: c.command } : {}), ...(c?.abortCause ? { abortCause: c.abortCause } : {}) });
}

describe('answers to ABOR after the user cancelled', () => {
  it('explains the 426 as the expected answer to the cancel, in both languages', () => {
    const { lines, r426 } = cancelledDownload(userStop());
    const en = explainIn(lines, r426, 'en').reply;
    expect(en?.title).toBe('Connection closed; transfer aborted');
    expect(en?.cause).toBe(
      "You cancelled or paused the transfer, so FTP Deck sent ABOR, and this 426 is the server's expected answer to that cancel: it confirms that the stopped transfer's data connection is closed.",
    );
    expect(en?.fix).toBe(
      'Nothing to do: nothing was lost beyond the cancelled transfer. Other files and transfers are untouched, and the connection stays ready for the next command.',
    );
    expect(en?.expected).toBe(true);
    const zh = explainIn(lines, r426, 'zh-CN').reply;
    expect(zh?.cause).toBe('你取消或暂停了传输，因此 FTP Deck 发送了 ABOR；这个 426 是服务器对该取消的预期回答：它确认被停止的传输的数据连接已关闭。');
    expect(zh?.fix).toBe('无需任何操作：除被取消的这次传输外，没有任何损失。其他文件和传输不受影响，连接可以继续执行下一条命令。');
  });

  it('explains the 226 that comes after the resync NOOP as the answer to ABOR, not to NOOP', () => {
    const { lines, r226, r200 } = cancelledDownload(userStop());
    expect(replyContexts(lines).get(r226.seq)).toEqual({ command: 'ABOR', abortCause: 'cancel' });
    expect(replyContexts(lines).get(r200.seq)).toEqual({ command: 'NOOP' });
    const en = explainIn(lines, r226, 'en');
    expect(en.reply?.cause).toBe(
      "You cancelled or paused the transfer, so FTP Deck sent ABOR, and this 226 is the server's expected answer to that cancel: it confirms that the stopped transfer's data connection is closed.",
    );
    expect(en.reply?.fix).toBe(
      'Nothing to do: nothing was lost beyond the cancelled transfer. Other files and transfers are untouched, and the connection stays ready for the next command.',
    );
    expect(en.facts).toEqual([
      'Servers word this reply differently (“Transfer complete”, “ABOR successful”…): after ABOR it closes the stopped transfer, and does not by itself mean that the file arrived whole.',
    ]);
    const zh = explainIn(lines, r226, 'zh-CN');
    expect(zh.reply?.cause).toBe('你取消或暂停了传输，因此 FTP Deck 发送了 ABOR；这个 226 是服务器对该取消的预期回答：它确认被停止的传输的数据连接已关闭。');
    expect(zh.facts).toEqual([
      '服务器对这条响应的措辞各不相同（如“传输完成”“ABOR 成功”等）：在 ABOR 之后，它表示被停止的传输已结束，本身并不说明文件已完整传完。',
    ]);
  });

  it('says ABOR was FTP Deck stopping the transfer when no cancel is known, and keeps a 426 a failure', () => {
    // A data connection that stalled: the task ends with a timeout, not an abort.
    const { lines, r426 } = cancelledDownload(line('error', 'Timed out (data-idle)', { detail: { type: 'failure', errorCode: 'FTP_ERR_TIMEOUT' } }));
    expect(replyContexts(lines).get(r426.seq)).toEqual({ command: 'ABOR', abortCause: 'failure' });
    const en = explainIn(lines, r426, 'en').reply;
    expect(en?.cause).toBe(
      "FTP Deck sent ABOR to stop the transfer (a cancel, a pause or a failed data connection; the line after this exchange says which), and this 426 is the server's expected answer to it: the stopped transfer's data connection is closed.",
    );
    expect(en?.fix).toBe(
      'Nothing to do about this reply itself: only the stopped transfer is affected, and other files and transfers are untouched. If the transfer failed rather than being stopped, retry it.',
    );
    expect(en?.expected).toBeUndefined();
    const zh = explainIn(lines, r426, 'zh-CN').reply;
    expect(zh?.cause).toBe(
      'FTP Deck 发送了 ABOR 来停止传输（取消、暂停或数据连接失败；这组交互之后的那一行会说明是哪一种），这个 426 是服务器对它的预期回答：被停止的传输的数据连接已关闭。',
    );
    expect(zh?.fix).toBe('这条响应本身无需处理：只有被停止的这次传输受影响，其他文件和传输不受影响。如果传输是失败了而不是被停止，请重试。');
  });

  it('keeps the normal explanation of 426 and 226 without an ABOR', () => {
    const lines = [line('command', 'RETR a.bin'), reply(150, 'Opening data connection.'), reply(426, 'Connection closed; transfer aborted.')];
    const broken = explainIn(lines, lines[2] as WireTranscriptLine, 'en').reply;
    expect(broken?.cause).toBe("Network trouble, a timeout, a problem on the server's disk, or an ABOR.");
    expect(broken?.fix).toBe('Retry. If the server supports REST STREAM, FTP Deck resumes from the last byte that arrived.');
    expect(broken?.expected).toBeUndefined();
    const done = [line('command', 'STOR up.txt'), reply(150, 'Ok to send data.'), line('command', 'NOOP'), reply(226, 'Transfer complete.')];
    // A keepalive NOOP during the transfer does not take the 226 from its STOR.
    expect(replyContexts(done).get((done[3] as WireTranscriptLine).seq)).toEqual({ command: 'STOR up.txt' });
    const x = explainIn(done, done[3] as WireTranscriptLine, 'zh-CN');
    expect(x.reply?.cause).toBe('一次传输或列目录（RETR、STOR、LIST、MLSD 等）已完成，或 ABOR 终止了传输。');
    expect(x.facts).toEqual([]);
  });

  it('does not carry a cancel over to the next transfer', () => {
    const { lines } = cancelledDownload(userStop());
    const next = [line('command', 'RETR other.bin'), reply(150, 'Opening.'), reply(226, 'Transfer complete.')];
    const all = [...lines, ...next];
    expect(replyContexts(all).get((next[2] as WireTranscriptLine).seq)).toEqual({ command: 'RETR other.bin' });
  });
});

describe('a refused OPTS UTF8 ON', () => {
  it('explains 500, 501, 502 and 504 specifically, in both languages', () => {
    for (const code of [500, 501, 502, 504]) {
      const en = explainLine(reply(code, 'Invalid argument.'), { lang: 'en', previousCommand: 'OPTS UTF8 ON' }).reply;
      expect(en?.cause, String(code)).toBe(
        "The server does not take the OPTS UTF8 ON switch. That is common and harmless: the command is not part of RFC 2640 (FTP's UTF-8 standard), so many servers refuse it, older ones because they do not know it and others because they always use UTF-8 anyway.",
      );
      expect(en?.fix).toBe(
        "Nothing to do: FTP Deck goes on with the server's default charset for file names. With Encoding on Auto, a name that is not valid UTF-8 is still kept byte for byte (shown with escapes such as \\xC4), so actions on it still reach the right file. When such names read better in another charset (GBK, Big5, Shift_JIS…), a bar above the file list offers to show them that way; Encoding in the connect form's More options does the same.",
      );
      expect(en?.expected).toBe(true);
      const zh = explainLine(reply(code, 'Invalid argument.'), { lang: 'zh-CN', previousCommand: 'OPTS UTF8 ON' }).reply;
      expect(zh?.cause).toBe(
        '服务器不接受 OPTS UTF8 ON 开关。这很常见，也无害：该命令不属于 RFC 2640（FTP 的 UTF-8 标准），因此许多服务器会拒绝它：较旧的服务器不认识它，另一些则本来就始终使用 UTF-8。',
      );
      expect(zh?.fix).toBe(
        '无需任何操作：FTP Deck 继续使用服务器默认的文件名字符集。编码设为“自动”时，不是有效 UTF-8 的文件名仍按字节原样保留（显示为 \\xC4 这样的转义），对它的操作仍会作用到正确的文件。如果这些文件名按其他字符集（GBK、Big5、Shift_JIS 等）解读更合理，文件列表上方会出现提示，一键即可改用该字符集显示；也可以在连接表单的“更多选项”中修改“编码”。',
      );
    }
  });

  it('keeps the generic cause for a 501 to anything else', () => {
    const x = explainLine(reply(501, 'Bad timestamp.'), { lang: 'en', previousCommand: 'MFMT 2024 a' }).reply;
    expect(x?.cause).toBe('A malformed path, address or date: an invalid PORT address, a bad MFMT timestamp, a missing argument.');
    expect(x?.expected).toBeUndefined();
    // OPTS for another option is not the UTF-8 switch.
    expect(explainLine(reply(501, 'No.'), { lang: 'en', previousCommand: 'OPTS MLST type;' }).reply?.expected).toBeUndefined();
  });
});

describe('the certificate error line', () => {
  const cert = (reason: string): WireTranscriptLine =>
    line('error', `The server certificate is not trusted (${reason})`, { connection: 'browse', detail: { type: 'failure', errorCode: 'FTP_ERR_CERT_UNTRUSTED' } });

  it('reads the verification code into words, in both languages', () => {
    const selfSigned = cert('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(certLineText(selfSigned, 'zh-CN')).toBe('服务器的证书不受信任：这是自签名证书，没有任何证书颁发机构为其担保（DEPTH_ZERO_SELF_SIGNED_CERT）');
    expect(certLineText(selfSigned, 'en')).toBe(
      "The server's certificate is not trusted: it is self-signed, so no certificate authority vouches for it (DEPTH_ZERO_SELF_SIGNED_CERT)",
    );
    expect(certLineText(cert('ERR_TLS_CERT_ALTNAME_INVALID'), 'zh-CN')).toBe('服务器的证书不受信任：证书是为另一个主机名签发的（ERR_TLS_CERT_ALTNAME_INVALID）');
    expect(certLineText(cert('CERT_HAS_EXPIRED'), 'zh-CN')).toBe('服务器的证书不受信任：证书已过期（CERT_HAS_EXPIRED）');
    expect(certLineText(cert('FINGERPRINT_MISMATCH'), 'zh-CN')).toBe('服务器的证书不是你选择始终信任的那张：它已更改（FINGERPRINT_MISMATCH）');
    expect(certLineText(cert('FINGERPRINT_MISMATCH'), 'en')).toBe(
      "The server's certificate is not the one you chose to always trust: it has changed (FINGERPRINT_MISMATCH)",
    );
  });

  it('falls back to the error code\'s words without a verification code, and leaves other lines alone', () => {
    const bare = line('error', 'The server certificate is not trusted', { detail: { type: 'failure', errorCode: 'FTP_ERR_CERT_UNTRUSTED' } });
    expect(certLineText(bare, 'zh-CN')).toBe('服务器的 TLS 证书不受信任');
    expect(certLineText(line('error', 'connect ECONNREFUSED 127.0.0.1:21', { detail: { type: 'failure', errorCode: 'FTP_ERR_CONNECT' } }), 'zh-CN')).toBeUndefined();
    expect(certLineText(line('error', 'Not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)'), 'zh-CN')).toBeUndefined();
  });

  it('explains the line with its reason', () => {
    const x = explainLine(cert('DEPTH_ZERO_SELF_SIGNED_CERT'), { lang: 'zh-CN' });
    expect(x.facts).toEqual(['服务器的证书不受信任：这是自签名证书，没有任何证书颁发机构为其担保（DEPTH_ZERO_SELF_SIGNED_CERT）']);
    expect(x.summary).toBe(x.facts[0]);
  });
});
