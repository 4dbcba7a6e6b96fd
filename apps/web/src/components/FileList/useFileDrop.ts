/**
 * Drag-and-drop upload onto the file area, folders included. Only drags
 * that carry files count, so dragging text or rows around does nothing.
 */
import { useCallback, useRef, useState, type DragEvent } from 'react';
import { useServices } from '../../hooks/tabContext.ts';
import { snapshotDrop, walkDrop } from '../../lib/droppedTree.ts';

function carriesFiles(e: DragEvent): boolean {
  return [...(e.dataTransfer?.types ?? [])].includes('Files');
}

/** Handlers for the drop zone and whether a file drag is over it. */
export function useFileDrop(enabled: boolean) {
  const services = useServices();
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child; count them to know when the pointer truly left.
  const depth = useRef(0);

  const onDragEnter = useCallback(
    (e: DragEvent) => {
      if (!enabled || !carriesFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setOver(true);
    },
    [enabled],
  );
  const onDragOver = useCallback(
    (e: DragEvent) => {
      if (!enabled || !carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    [enabled],
  );
  const onDragLeave = useCallback(() => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      depth.current = 0;
      setOver(false);
      if (!enabled || !e.dataTransfer) return;
      // Read the DataTransfer now: it is emptied once this handler returns.
      const snapshot = snapshotDrop(e.dataTransfer);
      if (snapshot.entries.length === 0 && snapshot.files.length === 0) return;
      e.preventDefault();
      const { ops } = services;
      if (snapshot.entries.length === 0) {
        ops.enqueue(snapshot.files);
        return;
      }
      void walkDrop(snapshot).then((tree) => ops.enqueueTree(tree));
    },
    [enabled, services],
  );

  return { over, handlers: { onDragEnter, onDragOver, onDragLeave, onDrop } };
}
