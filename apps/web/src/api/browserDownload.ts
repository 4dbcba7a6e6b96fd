/**
 * Handing a download URL to the browser's own download manager.
 */

/**
 * Clicks a hidden link to a same-origin download URL, so the browser's own
 * download manager takes it. Always with `download`: a link that fails then
 * shows as a failed download (named `name`) instead of replacing the app
 * with the error's JSON, and the server tells the page why
 * (`download-failed`). A response's Content-Disposition wins over `name`.
 */
export function startBrowserDownload(url: string, name?: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name ?? '';
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}
