import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/languageStore.ts';
import recorded from './fixtures/server-help.json';
import { CapabilitiesPanel } from './CapabilitiesPanel.tsx';
import { componentTestHooks } from './testing/render.tsx';

describe('CapabilitiesPanel', () => {
  const mount = componentTestHooks();

  it('lists what ProFTPD supports with a sentence each', () => {
    const r = mount(<CapabilitiesPanel system={recorded.proftpd.system} features={recorded.proftpd.features} />);
    expect(r.container.textContent).toContain('Server system: UNIX Type: L8');
    const row = (key: string): Element | null => r.container.querySelector(`[data-capability="${key}"]`) ?? null;
    expect(row('mlsd')?.getAttribute('data-supported')).toBe('true');
    expect(row('mlsd')?.textContent).toContain('Supported');
    expect(row('authTls')?.getAttribute('data-supported')).toBe('false');
    expect(row('authTls')?.textContent).toContain('Not advertised');
    expect(r.container.querySelectorAll('li')).toHaveLength(12);
  });

  it('says when there is no FEAT list, in Chinese too', () => {
    setLanguage('zh-CN');
    const r = mount(<CapabilitiesPanel features={[]} />);
    expect(r.container.querySelector('h3')?.textContent).toBe('服务器功能');
    expect(r.container.textContent).toContain('服务器没有返回 FEAT 列表');
  });
});
