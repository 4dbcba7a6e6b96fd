/**
 * A bridge so the "Upload" action (outside React) can open the file picker,
 * whose hidden <input type=file> lives in the Toolbar component. There is
 * one per site tab (components/Tabs/TabScope.tsx): Ctrl+U in one tab must
 * open that tab's input, never the one of a tab mounted later.
 */

/** One tab's file picker slot. */
export interface FilePicker {
  /** The Toolbar registers its input's opener; returns the unregister function. */
  register(open: () => void): () => void;
  /** Opens the file picker if one is mounted. */
  open(): void;
}

/** A fresh, empty slot. */
export function createFilePicker(): FilePicker {
  let opener: (() => void) | null = null;
  return {
    register(open) {
      opener = open;
      return () => {
        if (opener === open) opener = null;
      };
    },
    open() {
      opener?.();
    },
  };
}
