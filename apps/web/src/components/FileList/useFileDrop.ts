/**
 * Drag-and-drop upload onto the file area, folders included: into the
 * folder on screen, or into a folder whose row the files are dropped on.
 * Only drags that carry files count, so dragging text or rows around does
 * nothing here.
 */
import { useCallback, useRef, useState, type DragEvent } from 'react';
import { useServices } from '../../hooks/tabContext.ts';
import { isFileDrag } from '../../lib/dragMove.ts';
import { snapshotDrop } from '../../lib/droppedTree.ts';
import { joinPath } from '../../lib/remotePath.ts';

/** Whether an event happened over an entry's row (those aim the drop themselves; the header row does not). */
function overRow(e: DragEvent): boolean {
  return e.target instanceof Element && e.target.closest('.fl-canvas > [role="row"]') !== null;
}

/** What useFileDrop returns. */
export interface FileDrop {
  /** A file drag is over the area. */
  over: boolean;
  /** The folder (a name in `cwd`) whose row the files would land in; null for `cwd` itself. */
  into: string | null;
  /** Rows call this from their dragover and drop: the folder under the pointer, or null for none. */
  aim: (folder: string | null) => void;
  handlers: {
    onDragEnter: (e: DragEvent) => void;
    onDragOver: (e: DragEvent) => void;
    onDragLeave: () => void;
    onDrop: (e: DragEvent) => void;
  };
}

/** Handlers for the drop zone, whether a file drag is over it, and which folder it aims at. */
export function useFileDrop(enabled: boolean, cwd: string): FileDrop {
  const services = useServices();
  const [over, setOver] = useState(false);
  const [into, setInto] = useState<string | null>(null);
  // The drop reads the aim from the ref: a row's drop handler sets it in the same
  // dispatch, before the event bubbles here, so a drop never lands by a stale render.
  const aimed = useRef<string | null>(null);
  // dragenter/dragleave fire for every child; count them to know when the pointer truly left.
  const depth = useRef(0);

  const aim = useCallback((folder: string | null) => {
    aimed.current = folder;
    setInto(folder);
  }, []);
  const reset = useCallback(() => {
    depth.current = 0;
    setOver(false);
    aim(null);
  }, [aim]);

  const onDragEnter = useCallback(
    (e: DragEvent) => {
      if (!enabled || !isFileDrag(e.dataTransfer)) return;
      e.preventDefault();
      depth.current += 1;
      setOver(true);
    },
    [enabled],
  );
  const onDragOver = useCallback(
    (e: DragEvent) => {
      if (!enabled || !isFileDrag(e.dataTransfer)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      // Off the rows (blank space under them, the header): the folder on screen.
      if (!overRow(e)) aim(null);
    },
    [enabled, aim],
  );
  const onDragLeave = useCallback(() => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) reset();
  }, [reset]);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const folder = overRow(e) ? aimed.current : null;
      reset();
      if (!enabled || !e.dataTransfer) return;
      // Read the DataTransfer now: it is emptied once this handler returns.
      const snapshot = snapshotDrop(e.dataTransfer);
      if (snapshot.entries.length === 0 && snapshot.files.length === 0) return;
      e.preventDefault();
      const { ops } = services;
      const dir = folder === null ? cwd : joinPath(cwd, folder);
      if (snapshot.entries.length === 0) {
        ops.enqueue(snapshot.files, dir);
        return;
      }
      void ops.enqueueDrop(snapshot, dir);
    },
    [enabled, services, cwd, reset],
  );

  return { over, into, aim, handlers: { onDragEnter, onDragOver, onDragLeave, onDrop } };
}
