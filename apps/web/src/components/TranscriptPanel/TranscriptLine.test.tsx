/**
 * What a transcript row shows in each language: the certificate error line
 * in Chinese, and the answers to the user's own cancel explained as
 * expected. The cancel is the sequence pyftpdlib 1.5.7 sent FTP Deck when a
 * download was cancelled (review 11's recording), fed through the store's
 * ingest as the socket would.
 */
import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n/languageStore.ts';
import { componentTestHooks } from '../../insight/testing/render.tsx';
import { StoreProvider, createAppStore } from '../../store/index.ts';
import { TranscriptPanel } from './TranscriptPanel.tsx';

const at = (seq: number, kind: WireTranscriptLine['kind'], text: string, extra: Partial<WireTranscriptLine> = {}): WireTranscriptLine => ({
  seq,
  time: 0,
  connection: 'transfer-1',
  kind,
  text,
  ...extra,
});

const certLine = at(3, 'error', 'The server certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)', {
  connection: 'browse',
  detail: { type: 'failure', errorCode: 'FTP_ERR_CERT_UNTRUSTED' },
});

const cancelled: WireTranscriptLine[] = [
  at(10, 'command', 'RETR /big.bin'),
  at(11, 'reply', '125 Data connection already open. Transfer starting.', { code: 125 }),
  at(12, 'command', 'ABOR'),
  at(13, 'reply', '426 Transfer aborted via ABOR.', { code: 426 }),
  at(14, 'reply', '226 ABOR command successful.', { code: 226 }),
  at(15, 'status', 'Discarded 1 late reply (226) before sending the next command', { detail: { type: 'late-replies-dropped', codes: [226] } }),
  at(16, 'command', 'NOOP'),
  at(17, 'reply', "200 I successfully did nothing'.", { code: 200 }),
  at(18, 'status', 'Data connection closed (passive): 30408704 bytes in 7602 ms', { detail: { type: 'data-close', mode: 'passive', bytes: 30408704, ms: 7602 } }),
  at(19, 'error', 'The transfer was aborted', { detail: { type: 'failure', errorCode: 'FTP_ERR_ABORTED' } }),
];

describe('TranscriptLine', () => {
  const mount = componentTestHooks();

  const panel = (lines: WireTranscriptLine[], userStop = false) => {
    const store = createAppStore();
    act(() => {
      if (userStop) {
        store.getState().appendTranscript(lines.slice(0, 2));
        // The user pressed Cancel while the RETR ran (api/services.ts notes it).
        store.getState().noteUserStop('transfer-1');
        store.getState().appendTranscript(lines.slice(2));
      } else {
        store.getState().appendTranscript(lines);
      }
    });
    return mount(
      <StoreProvider store={store}>
        <TranscriptPanel />
      </StoreProvider>,
    ).container;
  };
  const row = (root: HTMLElement, seq: number) => root.querySelector(`.tp-line[data-seq="${seq}"]`);

  it('shows the certificate error line in Chinese, and the engine\'s words in English', () => {
    const root = panel([certLine]);
    expect(row(root, 3)?.querySelector('.tp-text')?.textContent).toBe('The server certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)');
    act(() => setLanguage('zh-CN'));
    expect(row(root, 3)?.querySelector('.tp-kind')?.textContent).toBe('错误');
    expect(row(root, 3)?.querySelector('.tp-text')?.textContent).toBe('服务器的证书不受信任：这是自签名证书，没有任何证书颁发机构为其担保（DEPTH_ZERO_SELF_SIGNED_CERT）');
    act(() => row(root, 3)?.querySelector<HTMLButtonElement>('button.tp-explain')?.click());
    expect(row(root, 3)?.querySelector('.fd-explain p')?.textContent).toBe('服务器的证书不受信任：这是自签名证书，没有任何证书颁发机构为其担保（DEPTH_ZERO_SELF_SIGNED_CERT）');
  });

  it('explains the 426 and 226 after the user\'s cancel as the expected answers, in both languages', () => {
    const root = panel(cancelled, true);
    // The ingest made the user's abort a status line, which is what tells the cancel apart.
    expect(row(root, 19)?.querySelector('.tp-text')?.textContent).toBe('Transfer stopped, as you asked');
    const open = (seq: number) => act(() => row(root, seq)?.querySelector<HTMLButtonElement>('button.tp-explain')?.click());
    open(13);
    open(14);
    const explained = (seq: number) => {
      const panelEl = row(root, seq)?.querySelector('.fd-explain');
      return {
        negative: panelEl?.classList.contains('fd-explain--negative'),
        terms: [...(panelEl?.querySelectorAll('dt') ?? [])].map((d) => d.textContent),
        texts: [...(panelEl?.querySelectorAll('dd') ?? [])].map((d) => d.textContent),
      };
    };
    expect(explained(13)).toEqual({
      negative: false,
      terms: ['When you see it', 'What happens next'],
      texts: [
        "You cancelled or paused the transfer, so FTP Deck sent ABOR, and this 426 is the server's expected answer to that cancel: it confirms that the stopped transfer's data connection is closed.",
        'Nothing to do: nothing was lost beyond the cancelled transfer. Other files and transfers are untouched, and the connection stays ready for the next command.',
      ],
    });
    expect(explained(14).texts[0]).toBe(
      "You cancelled or paused the transfer, so FTP Deck sent ABOR, and this 226 is the server's expected answer to that cancel: it confirms that the stopped transfer's data connection is closed.",
    );
    act(() => setLanguage('zh-CN'));
    expect(explained(13)).toEqual({
      negative: false,
      terms: ['出现场合', '接下来'],
      texts: [
        '你取消或暂停了传输，因此 FTP Deck 发送了 ABOR；这个 426 是服务器对该取消的预期回答：它确认被停止的传输的数据连接已关闭。',
        '无需任何操作：除被取消的这次传输外，没有任何损失。其他文件和传输不受影响，连接可以继续执行下一条命令。',
      ],
    });
    expect(explained(14).texts[0]).toBe('你取消或暂停了传输，因此 FTP Deck 发送了 ABOR；这个 226 是服务器对该取消的预期回答：它确认被停止的传输的数据连接已关闭。');
  });

  it('keeps a 426 a failure when no ABOR came before it', () => {
    const root = panel([at(10, 'command', 'RETR /big.bin'), at(11, 'reply', '150 Opening.', { code: 150 }), at(12, 'reply', '426 Connection closed; transfer aborted.', { code: 426 })]);
    act(() => row(root, 12)?.querySelector<HTMLButtonElement>('button.tp-explain')?.click());
    const panelEl = row(root, 12)?.querySelector('.fd-explain');
    expect(panelEl?.classList.contains('fd-explain--negative')).toBe(true);
    expect([...(panelEl?.querySelectorAll('dt') ?? [])].map((d) => d.textContent)).toEqual(['Likely cause', 'How to fix']);
    expect(panelEl?.querySelector('dd')?.textContent).toBe("Network trouble, a timeout, a problem on the server's disk, or an ABOR.");
  });
});
