/**
 * The Chinese UI: switch with the language menu, then walk the main views and
 * dialogs and require that no visible UI text is still English (data such as
 * file names, replies, commands and paths excepted).
 */
import type { Page } from '@playwright/test';
import { expect, insightTest as test } from '../fixtures/test.ts';
import { findUntranslated } from '../fixtures/pages/untranslated.ts';

const SHOTS = '../artifacts/screenshots';

// A laptop-sized window, so the screenshots show an explanation next to its line.
test.use({ viewport: { width: 1440, height: 960 } });

async function expectAllChinese(page: Page, view: string, ignore: readonly string[]): Promise<void> {
  const left = await findUntranslated(page, ignore);
  expect(left, `untranslated text in ${view}`).toEqual([]);
}

test('the Chinese UI has no untranslated strings on the main views and dialogs', async ({ page, ftp }) => {
  const ignore = ['UNIX Type: L8', ftp.user, ftp.host, 'docs', 'readme.txt', 'notes', 'guide.txt'];
  await page.goto('/');
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // Connect form, welcome card and every side tab before connecting.
  await expect(page.getByRole('button', { name: '连接', exact: true })).toBeVisible();
  await expectAllChinese(page, 'connect view', ignore);
  for (const tab of ['时序图', '命令控制台', '服务器能力', '会话记录']) {
    await page.getByRole('tab', { name: tab }).click();
    await expectAllChinese(page, `${tab} (disconnected)`, ignore);
  }
  await page.getByRole('button', { name: '更多选项' }).click();
  await expectAllChinese(page, 'more options', ignore);
  await page.keyboard.press('Escape');

  // Connect with the Chinese labels (the accessible names are Chinese now).
  await page.getByLabel('主机', { exact: true }).fill(ftp.host);
  await page.getByLabel('端口', { exact: true }).fill(String(ftp.port));
  await page.getByLabel('用户名', { exact: true }).fill(ftp.user);
  await page.getByLabel('密码', { exact: true }).fill(ftp.password);
  await page.getByRole('button', { name: '连接', exact: true }).click();
  const grid = page.getByRole('grid', { name: '远程文件' });
  await expect(grid.getByText('readme.txt', { exact: true })).toBeVisible();
  const log = page.getByRole('log', { name: '会话记录' });
  await expect(log.getByText(/^226 /).first()).toBeVisible();

  // Browse view and transcript, with an explanation unfolded (FileZilla's 状态/命令/响应 kinds).
  await expect(log.locator('.tp-kind', { hasText: '响应' }).first()).toBeVisible();
  await log.locator('.tp-line').filter({ hasText: /^.*229 / }).last().getByRole('button').click();
  await expectAllChinese(page, 'browse + transcript', ignore);
  await log.locator('.tp-line').filter({ hasText: /^.*229 / }).last().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${SHOTS}/chinese-transcript.png` });

  // Export panel.
  await page.getByRole('button', { name: '导出', exact: true }).click();
  await expectAllChinese(page, 'export', ignore);
  await page.getByRole('dialog', { name: '导出为技术支持工单' }).getByRole('button', { name: '关闭' }).click();

  // Sequence, console (with a reply explained), server.
  await page.getByRole('tab', { name: '时序图' }).click();
  await expect(page.getByRole('tabpanel', { name: '时序图' }).locator('figcaption')).toContainText('被动模式');
  await expectAllChinese(page, 'sequence', ignore);
  await page.screenshot({ path: `${SHOTS}/chinese-sequence.png` });

  await page.getByRole('tab', { name: '命令控制台' }).click();
  const input = page.getByRole('combobox', { name: 'FTP 命令' });
  await input.fill('SYST');
  await input.press('Enter');
  await expect(page.getByRole('tabpanel', { name: '命令控制台' }).getByText('215 UNIX Type: L8', { exact: true })).toBeVisible();
  await input.fill('PORT 1,2,3,4,5,6');
  await input.press('Enter');
  await expect(page.getByRole('tabpanel', { name: '命令控制台' }).getByRole('alert')).toBeVisible();
  await expectAllChinese(page, 'console', [...ignore, '215 UNIX Type: L8']);
  await page.screenshot({ path: `${SHOTS}/chinese-console.png` });

  await page.getByRole('tab', { name: '服务器能力' }).click();
  await expectAllChinese(page, 'server', ignore);
  await page.getByRole('tab', { name: '会话记录' }).click();

  // Dialogs and the context menu, on a selected file.
  await grid.getByText('readme.txt', { exact: true }).click();
  await grid.getByText('readme.txt', { exact: true }).click({ button: 'right' });
  await expect(page.getByRole('menu')).toBeVisible();
  await expectAllChinese(page, 'context menu', ignore);
  await page.keyboard.press('Escape');

  const dialogs: Array<[string, string]> = [
    ['新建文件夹', 'new folder'],
    ['重命名', 'rename'],
    ['修改权限…', 'chmod'],
    ['删除', 'delete'],
  ];
  for (const [name, view] of dialogs) {
    await grid.getByText('readme.txt', { exact: true }).click();
    await page.getByRole('toolbar', { name: '文件操作' }).getByRole('button', { name, exact: true }).click();
    // Delete asks with an alertdialog, the others are plain dialogs.
    const dialog = page.getByRole(view === 'delete' ? 'alertdialog' : 'dialog');
    await expect(dialog).toBeVisible();
    await expectAllChinese(page, `${view} dialog`, ignore);
    if (view === 'chmod') await page.screenshot({ path: `${SHOTS}/chinese-dialog.png` });
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect(dialog).toHaveCount(0);
  }
  await page.getByRole('button', { name: '键盘快捷键' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectAllChinese(page, 'shortcuts dialog', ignore);
});
