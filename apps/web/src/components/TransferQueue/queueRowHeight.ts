/**
 * The height of a transfers-panel row, which the window's width decides.
 * Rows have one fixed height so the list can be windowed (10 000 rows and
 * more) by arithmetic alone; on a phone that height is taller, so a row's
 * status gets lines of its own under the name instead of being cut where
 * only a tooltip, which no finger can open, would have said the rest.
 */
import { useMediaQuery } from '../../hooks/useMediaQuery.ts';

/** Row height in a window wider than {@link PHONE_QUERY}, px: name and status share a line. */
const QUEUE_ROW_HEIGHT = 44;
/**
 * Row height at phone width, px: the name, then up to three lines of status
 * (TransferQueue.css clamps it there), then the bar. Three lines hold the
 * longest common statuses at 390 px, a refused upload's reason and the
 * server's own words among them.
 */
const QUEUE_ROW_HEIGHT_PHONE = 84;
/** Where the panel takes its phone layout; the same width as the `@media` block in TransferQueue.css. */
const PHONE_QUERY = '(max-width: 640px)';

/**
 * The row height for the current window, following it as the window (or a
 * phone's orientation) changes. The list sets it as `--tq-row-h` for the
 * rows' CSS, so the windowing and the rows on screen cannot disagree.
 */
export function useQueueRowHeight(): number {
  return useMediaQuery(PHONE_QUERY) ? QUEUE_ROW_HEIGHT_PHONE : QUEUE_ROW_HEIGHT;
}
