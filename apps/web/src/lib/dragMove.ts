/**
 * The two kinds of drag the file list tells apart: its own rows (move into
 * a folder or a breadcrumb), marked by a private MIME type, and files from
 * the desktop ("Files", upload), so dragging text around does neither.
 */

/** The drag type that marks a drag of our own rows. */
export const MOVE_TYPE = 'application/x-ftpdeck-move';

/** True when a drag event carries rows of the file list. */
export function isRowDrag(dt: DataTransfer | null): boolean {
  return dt !== null && [...dt.types].includes(MOVE_TYPE);
}

/** True when a drag event carries files (or folders) from outside the page. */
export function isFileDrag(dt: DataTransfer | null): boolean {
  return dt !== null && [...dt.types].includes('Files');
}
