/**
 * Handing a download URL to the browser's own download manager.
 */

/**
 * Clicks a hidden link to a same-origin download URL, so the browser's own
 * download manager takes it. Always with `download` (empty: the server's
 * Content-Disposition names a ZIP): a link that fails then shows as a failed
 * download instead of replacing the app with the error's JSON, and the
 * server tells the page why (`download-failed`).
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
