import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** FTP path of the folder anonymous users may write into. */
export const ANONYMOUS_UPLOAD_DIR = '/upload';

/**
 * Creates `<root>/upload`, writable by everyone: each server maps anonymous
 * users to a different system account (ftp, nobody, the test user).
 */
export async function createAnonymousUploadDir(root: string): Promise<string> {
  const dir = join(root, ANONYMOUS_UPLOAD_DIR);
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o777); // explicit: mkdir's mode is filtered by the umask
  return ANONYMOUS_UPLOAD_DIR;
}
