import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/languageStore.ts';
import recorded from './fixtures/server-help.json';
import { CommandConsole } from './CommandConsole.tsx';
import { componentTestHooks, getByLabelText, keyDown, typeInto, type Rendered } from './testing/render.tsx';

/** A stand-in for the `raw` request that answers with replies recorded from vsftpd. */
function fakeServer(): { sent: string[]; onSend: (line: string) => Promise<{ code: number; text: string }> } {
  const sent: string[] = [];
  const answers: Record<string, { code: number; text: string }> = {
    SYST: { code: 215, text: `215 ${recorded.vsftpd.system}` },
    HELP: recorded.vsftpd.help,
    'SITE HELP': recorded.vsftpd.siteHelp,
  };
  return {
    sent,
    onSend: (line) => {
      sent.push(line);
      const a = answers[line.toUpperCase()];
      return a ? Promise.resolve(a) : Promise.reject(new Error('not connected'));
    },
  };
}

async function submit(r: Rendered, value: string): Promise<void> {
  const input = getByLabelText(r.container, 'FTP command') as HTMLInputElement;
  typeInto(input, value);
  await act(async () => {
    input.form?.requestSubmit();
  });
}

describe('CommandConsole', () => {
  const mount = componentTestHooks();

  it('sends a safe command and shows the reply with its explanation', async () => {
    const server = fakeServer();
    const r = mount(<CommandConsole features={recorded.vsftpd.features} onSend={server.onSend} />);
    await submit(r, 'SYST');
    expect(server.sent).toEqual(['SYST']);
    const entry = r.container.querySelector('.fd-console__entry--done');
    expect(entry?.textContent).toContain('215 UNIX Type: L8');
    expect(entry?.querySelector('.fd-explain')?.textContent).toContain('System type');
    expect((getByLabelText(r.container, 'FTP command') as HTMLInputElement).value).toBe('');
  });

  it('refuses PORT before sending and explains why', async () => {
    const server = fakeServer();
    const r = mount(<CommandConsole features={[]} onSend={server.onSend} />);
    await submit(r, 'PORT 10,0,0,1,0,22');
    expect(server.sent).toEqual([]);
    expect(r.container.querySelector('[role="alert"]')?.textContent).toBe(
      "Not sent: PORT would open a data connection the session doesn't manage; use the file list or transfers instead. It is also how FTP bounce attacks work.",
    );
    // The line stays in the input so it can be corrected.
    expect((getByLabelText(r.container, 'FTP command') as HTMLInputElement).value).toBe('PORT 10,0,0,1,0,22');
  });

  it('refuses PASS and never shows or remembers the password it was given', async () => {
    const server = fakeServer();
    const r = mount(<CommandConsole features={[]} onSend={server.onSend} />);
    await submit(r, 'PASS Zq9-console-secret');
    expect(server.sent).toEqual([]);
    expect(r.container.querySelector('.fd-console__sent')?.textContent).toBe('> PASS ****');
    const input = getByLabelText(r.container, 'FTP command') as HTMLInputElement;
    expect(input.value).toBe('');
    // Up arrow recalls the masked line, never the secret.
    act(() => keyDown(input, 'ArrowUp'));
    expect(input.value).toBe('PASS ****');
    expect(r.container.innerHTML).not.toContain('console-secret');
  });

  it('shows a failed request, walks history with arrow keys and completes with Tab', async () => {
    const server = fakeServer();
    const r = mount(<CommandConsole features={recorded.vsftpd.features} onSend={server.onSend} />);
    await submit(r, 'STAT');
    expect(r.container.querySelector('.fd-console__entry--failed')?.textContent).toContain('The command failed: not connected');
    await submit(r, 'HELP');
    await submit(r, 'SITE HELP');
    const input = getByLabelText(r.container, 'FTP command') as HTMLInputElement;
    keyDown(input, 'ArrowUp');
    expect(input.value).toBe('SITE HELP');
    keyDown(input, 'ArrowUp');
    expect(input.value).toBe('HELP');
    keyDown(input, 'ArrowDown');
    keyDown(input, 'ArrowDown');
    expect(input.value).toBe('');
    // SITE HELP taught the console vsftpd's SITE subcommands.
    typeInto(input, 'site chm');
    keyDown(input, 'Tab');
    expect(input.value).toBe('SITE CHMOD ');
    const options = [...r.container.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'));
    expect(options).toEqual(expect.arrayContaining(['SYST', 'MDTM', 'XPWD', 'SITE UMASK']));
    expect(options).not.toContain('PASV');
  });

  it('speaks Chinese when the language is zh-CN', () => {
    setLanguage('zh-CN');
    const r = mount(<CommandConsole features={[]} onSend={fakeServer().onSend} />);
    expect(getByLabelText(r.container, 'FTP 命令')).toBeTruthy();
  });
});
