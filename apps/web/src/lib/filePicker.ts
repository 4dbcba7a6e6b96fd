/**
 * A bridge so the "Upload" action (outside React) can open the file
 * picker, whose hidden <input type=file> lives in the Toolbar component.
 */
let opener: (() => void) | null = null;

/** The Toolbar registers its input's opener; returns the unregister function. */
export function registerFilePicker(open: () => void): () => void {
  opener = open;
  return () => {
    if (opener === open) opener = null;
  };
}

/** Opens the file picker if one is mounted. */
export function openFilePicker(): void {
  opener?.();
}
