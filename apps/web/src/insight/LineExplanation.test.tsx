import type { WireTranscriptLine } from '@ftpdeck/protocol';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/languageStore.ts';
import { LineExplanation } from './LineExplanation.tsx';
import { componentTestHooks } from './testing/render.tsx';

const pasv: WireTranscriptLine = { seq: 15, time: 0, connection: 'browse', kind: 'reply', text: '227 Entering Passive Mode (127,0,0,1,8,86)', code: 227 };

describe('LineExplanation', () => {
  const mount = componentTestHooks();

  it('shows the short meaning as a title and FileZilla prefix, with the panel closed', () => {
    const r = mount(<LineExplanation line={pasv} />);
    const row = r.container.querySelector('.fd-line__row');
    expect(row?.getAttribute('title')).toBe('227: Entering Passive Mode');
    expect(r.container.querySelector('.fd-line__prefix')?.textContent).toBe('Response:');
    expect(r.container.querySelector('.fd-line--reply')).not.toBeNull();
    const button = r.container.querySelector('button');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    expect(r.container.querySelector('.fd-explain')).toBeNull();
  });

  it('expands to the digit breakdown, the decode with arithmetic, and cause/next', () => {
    const r = mount(<LineExplanation line={pasv} />);
    const button = r.container.querySelector('button');
    act(() => button?.click());
    expect(button?.getAttribute('aria-expanded')).toBe('true');
    const panel = r.container.querySelector('.fd-explain');
    expect(panel?.id).toBe(button?.getAttribute('aria-controls'));
    const text = panel?.textContent ?? '';
    expect(text).toContain('Positive completion reply');
    expect(text).toContain('Connections');
    expect(r.container.querySelector('.fd-explain__arith')?.textContent).toBe('8×256+86 = 2134');
    expect(text).toContain('The server listens on 127.0.0.1, port 2134');
    // 2yz: "When you see it" / "What happens next" rather than cause/fix.
    expect([...(panel?.querySelectorAll('dt') ?? [])].map((d) => d.textContent)).toEqual(['When you see it', 'What happens next']);
  });

  it('labels failures with cause and fix, and follows the language', () => {
    const r = mount(<LineExplanation line={{ seq: 3, time: 0, connection: 'browse', kind: 'reply', text: '530 Login incorrect.', code: 530 }} defaultOpen />);
    expect([...r.container.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['Likely cause', 'How to fix']);
    act(() => setLanguage('zh-CN'));
    expect(r.container.querySelector('.fd-line__prefix')?.textContent).toBe('响应:');
    expect([...r.container.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['可能的原因', '解决方法']);
    expect(r.container.querySelector('.fd-line__row')?.getAttribute('title')).toBe('530: 未登录');
  });

  it('explains status details and commands', () => {
    const r = mount(
      <LineExplanation
        defaultOpen
        line={{ seq: 4, time: 0, connection: 'browse', kind: 'status', text: 'replaced', detail: { type: 'pasv-address-replaced', announced: '10.0.0.5', used: '203.0.113.7' } }}
      />,
    );
    expect(r.container.textContent).toContain('SSRF');
    // Each mount has its own container, so the second tree's queries see only it.
    const cmd = mount(<LineExplanation defaultOpen showText={false} line={{ seq: 5, time: 0, connection: 'browse', kind: 'command', text: 'PORT 127,0,0,1,156,65' }} />);
    expect(cmd.container.querySelector('.fd-line__text')).toBeNull();
    expect(cmd.container.querySelector('h4')?.textContent).toBe('PORT — Active mode: client address');
    expect(cmd.container.querySelector('.fd-explain__arith')?.textContent).toBe('156×256+65 = 40001');
  });
});
