/**
 * The process's open descriptors, read from /proc/self/fd (Linux): how tests
 * see whether the engine holds a local file open.
 */
import { readdir, readlink } from 'node:fs/promises';

/** Whether this process holds a descriptor open on `path`. */
export async function isOpen(path: string): Promise<boolean> {
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target === path) return true;
  }
  return false;
}
