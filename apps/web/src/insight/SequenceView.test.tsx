import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/languageStore.ts';
import recorded from './fixtures/vsftpd-transcripts.json';
import { groupLines } from './grouping.ts';
import { SequenceView } from './SequenceView.tsx';
import { componentTestHooks } from './testing/render.tsx';

const passive = recorded.passive as WireTranscriptLine[];
const active = recorded.active as WireTranscriptLine[];

/** The RETR part of a transcript, as the main UI would group it. */
function download(lines: WireTranscriptLine[]): WireTranscriptLine[] {
  const start = lines.find((l) => l.text === 'SIZE /hello.txt')?.seq ?? 0;
  const groups = groupLines(lines, [{ id: 'dl', label: 'Download hello.txt', startSeq: start }]);
  return groups.find((g) => g.id === 'dl')?.lines ?? [];
}

describe('SequenceView', () => {
  const mount = componentTestHooks();

  it('renders an accessible image with a summary, hidden steps and a passive caption', () => {
    const r = mount(<SequenceView lines={download(passive)} />);
    const svg = r.container.querySelector('svg[role="img"]');
    expect(svg?.getAttribute('aria-label')).toMatch(/^Sequence diagram with \d+ steps between client and server\. Passive mode: the client connects to the server's port 27663$/);
    expect(r.container.querySelector('figcaption')?.textContent).toBe("Passive mode: the client connects to the server's port 27663");
    const steps = [...r.container.querySelectorAll('ol.fd-visually-hidden li')].map((li) => li.textContent);
    expect(steps).toContain("Client opens a TCP connection to the server's port 27663");
    expect(steps).toContain('18 bytes from server to client on the data connection');
    expect(steps[0]).toBe('Client → server: SIZE /hello.txt');
    expect(r.container.querySelector('g[data-kind="connect"]')?.getAttribute('data-from')).toBe('client');
    expect(r.container.querySelectorAll('.fd-seq__legend li')).toHaveLength(5);
  });

  it('draws active mode from the server, and captions it in Chinese', () => {
    const r = mount(<SequenceView lines={download(active)} />);
    expect(r.container.querySelector('g[data-kind="connect"]')?.getAttribute('data-from')).toBe('server');
    act(() => setLanguage('zh-CN'));
    // PORT 127,0,0,1,130,9 → 130×256+9 = 33289.
    expect(r.container.querySelector('figcaption')?.textContent).toBe('主动模式：服务器连接客户端的 33289 端口');
    expect(r.container.querySelector('.fd-seq__caption--active')).not.toBeNull();
  });

  it('says so when a group has no traffic', () => {
    const r = mount(<SequenceView lines={[]} />);
    expect(r.container.querySelector('figcaption')?.textContent).toBe('No protocol traffic in this group.');
  });
});
