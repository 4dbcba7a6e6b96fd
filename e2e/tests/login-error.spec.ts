/**
 * A refused login says so in plain words and links to the transcript line
 * where the server said why (530), which the link scrolls to and marks.
 */
import { connectTo, shot } from '../fixtures/journeys.ts';
import { expect, test } from '../fixtures/test.ts';

test('wrong password: plain words and a link to the 530 reply', async ({ page, ftp, connectPage, files, transcript }) => {
  await page.goto('/');
  await connectPage.connect({ host: ftp.host, port: ftp.port, user: ftp.user, password: `${ftp.password}-wrong` });
  await expect(page.getByRole('heading', { name: 'Couldn’t connect' })).toBeVisible();
  await expect(page.getByText('Wrong user name or password').first()).toBeVisible();
  await transcript.expectLine(/^530/);
  // Each fact once: the refusal is one error line, not two.
  await expect(transcript.log.locator('.tp-line.kind-error')).toHaveCount(1);
  await expect(transcript.log.locator('.tp-line.kind-error')).toContainText('Login refused: 530');

  const why = page.getByRole('link', { name: /530/ });
  await expect(why).toBeVisible();
  await shot(page, '20-login-refused');
  // From another side tab: the link must bring the Transcript back to show the line.
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(transcript.log).toBeHidden();
  await why.click();
  await expect(page.getByRole('tab', { name: 'Transcript' })).toHaveAttribute('aria-selected', 'true');
  const target = transcript.log.locator('.tp-line[data-target="true"]');
  await expect(target).toHaveCount(1);
  await expect(target).toContainText(/530/);
  await expect(target).toBeInViewport();

  // Nothing was listed; with the right password the same form connects.
  await expect(files.grid).toHaveCount(0);
  await connectTo(page, connectPage, files, ftp);
});
