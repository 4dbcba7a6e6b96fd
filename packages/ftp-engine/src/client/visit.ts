/**
 * Going into a folder and back: CWD there, do something, CWD to where we
 * were. The engine's calls take paths and leave the working directory as
 * they found it, so every visit ends with the way back.
 *
 * Used to tell a folder from a file when a listing does not say (NLST), to
 * tell an empty folder from a missing one when LIST answers 450/550 to
 * both, and to list a folder whose path LIST would misread.
 */
import type { ControlSession, Reply } from '../control/session.ts';
import type { ClientCore } from './core.ts';
import { parsePwdReply } from './paths.ts';

/** The working directory, or undefined when the server will not say (PWD refused). */
export async function workingDir(s: ControlSession): Promise<string | undefined> {
  const r = await s.request('PWD');
  return r.code === 257 ? parsePwdReply(r) : undefined;
}

/**
 * CWD into `path`, run `fn`, CWD back to `here`. Resolves `{ entered: false }`
 * with the server's refusal when it refuses the CWD (nothing else was sent). If the server
 * then refuses the way back, this rejects (with `fn`'s own failure, if it
 * had one) and the working directory is `path`, which the error says.
 */
export async function visit<T>(
  core: ClientCore,
  s: ControlSession,
  here: string,
  path: string,
  fn: () => Promise<T>,
): Promise<{ entered: true; value: T } | { entered: false; refusal: Reply }> {
  const r = await s.request(`CWD ${path}`);
  if (r.code < 200 || r.code >= 300) return { entered: false, refusal: r };
  let value: T | undefined;
  let failure: { error: unknown } | undefined;
  try {
    value = await fn();
  } catch (error) {
    failure = { error };
  }
  try {
    await core.expect(s, `CWD ${here}`, `Cannot change back to ${here}; the working directory is now ${path}`);
  } catch (backError) {
    throw failure ? failure.error : backError;
  }
  if (failure) throw failure.error;
  return { entered: true, value: value as T };
}

/**
 * Whether the server lets us enter `path`: CWD there, then back. Only a
 * success says "folder": a refusal may also be a folder we may not enter,
 * so it answers false rather than "file". Rejects when PWD is refused, or
 * when the way back is (see {@link visit}).
 */
export async function enters(core: ClientCore, s: ControlSession, path: string): Promise<boolean> {
  const here = parsePwdReply(await core.expect(s, 'PWD', 'PWD failed', (c) => c === 257));
  return (await visit(core, s, here, path, async () => undefined)).entered;
}
