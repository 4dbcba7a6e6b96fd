/**
 * Folder bookmarks: the star in the path bar keeps the folder on screen for
 * this site, the list jumps back to it, and they last across a reload.
 */
import { connectTo } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test('bookmark a folder, jump back to it from elsewhere, and remove it', async ({ page, ftp, connectPage, files }) => {
  await connectTo(page, connectPage, files, ftp);
  await files.open('docs');
  await files.open('notes');
  await expect(files.pathNav).toContainText('notes');
  const star = files.pathNav.getByRole('button', { name: 'Bookmark this folder' });
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');

  // Back at the root, the list takes us there.
  await files.pathNav.getByRole('button', { name: '/', exact: true }).click();
  await files.expectEntries(['docs', 'readme.txt']);
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await files.pathNav.getByRole('button', { name: 'Bookmarks' }).click();
  await files.pathNav.getByRole('list', { name: 'Bookmarks' }).getByRole('button', { name: '/docs/notes' }).click();
  await files.expectEntries(['todo.txt']);
  await expect(star).toHaveAttribute('aria-pressed', 'true');

  // Kept in this browser: still there after a reload (which rejoins the session).
  await page.reload();
  await files.expectEntries(['todo.txt']);
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await star.click();
  await files.pathNav.getByRole('button', { name: 'Bookmarks' }).click();
  await expect(files.pathNav).toContainText('No bookmarks for this site yet');
});
