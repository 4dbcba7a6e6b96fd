/**
 * Find files: a name pattern searched in the folder on screen and every
 * folder below it, against a real server; choosing a match opens its
 * folder with the match selected.
 */
import { seedTree } from '@ftpdeck/test-servers';
import { connectTo, shot } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test('Find walks the folders below, lists matches as it goes, and shows the one chosen in its folder', async ({ page, ftp, connectPage, files }) => {
  await seedTree(ftp, [
    { path: 'logs/app.log', content: 'a' },
    { path: 'logs/2025/jan.log', content: 'bb' },
    { path: 'logs/2025/old/Archive.LOG', content: 'ccc' },
    { path: 'logs/2025/old/notes.txt', content: 'not a log' },
  ]);
  await connectTo(page, connectPage, files, ftp, ['docs', 'logs', 'readme.txt']);
  await page.getByRole('toolbar', { name: 'File actions' }).getByRole('button', { name: 'Find files…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Find files' });
  await expect(dialog).toContainText('In / and every folder below it');
  await dialog.getByLabel('Name contains, or a pattern such as *.log').fill('*.log');
  await dialog.getByLabel('Name contains, or a pattern such as *.log').press('Enter');
  const results = dialog.getByRole('list', { name: 'Found' });
  await expect(dialog.getByRole('status')).toHaveText('Done: 6 folders read, 3 found.');
  await expect(results.getByRole('button')).toHaveText([/app\.log\s*\/logs/, /jan\.log\s*\/logs\/2025/, /Archive\.LOG\s*\/logs\/2025\/old/]);
  await shot(page, '62-find');

  await results.getByRole('button', { name: /Archive\.LOG/ }).click();
  await expect(dialog).toHaveCount(0);
  await expect(files.pathNav).toContainText('old');
  await expect(files.row('Archive.LOG')).toHaveAttribute('aria-selected', 'true');

  // F3 opens it again, here searching this folder only; plain text means "contains".
  await page.keyboard.press('F3');
  await expect(dialog).toContainText('In /logs/2025/old and every folder below it');
  await dialog.getByLabel('Name contains, or a pattern such as *.log').fill('NOTE');
  await dialog.getByRole('button', { name: 'Find', exact: true }).click();
  await expect(results.getByRole('button')).toHaveText([/notes\.txt/]);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
