/**
 * Internal drag-and-drop of rows (move into a folder or a breadcrumb).
 * A private MIME type keeps it apart from desktop file drops ("Files").
 */

/** The drag type that marks a drag of our own rows. */
export const MOVE_TYPE = 'application/x-ftpdeck-move';

/** True when a drag event carries rows of the file list. */
export function isRowDrag(dt: DataTransfer | null): boolean {
  return dt !== null && [...dt.types].includes(MOVE_TYPE);
}
