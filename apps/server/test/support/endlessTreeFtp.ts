/**
 * A hostile FTP server on 127.0.0.1 whose tree never ends: every folder
 * lists one subfolder, for ever (what review 5's deeptree attack served).
 * `name(depth)` says what the subfolder at each depth is called: the same
 * name with the same facts at every level looks like a link back up; a
 * new name at every level does not, and only a depth cap stops the walk.
 * An addition to the real-server tests, for what no real server serves.
 */
import { startScriptedFtp, type ScriptedFtp } from './scriptedFtp.ts';

/** A running endless-tree server. */
export type EndlessTreeFtp = ScriptedFtp;

/** Starts the server; `name(depth)` names the one subfolder of a folder `depth` levels below `/`. */
export function startEndlessTreeFtp(name: (depth: number) => string): Promise<EndlessTreeFtp> {
  return startScriptedFtp({
    list: (arg) => {
      const depth = arg.split('/').filter((p) => p !== '' && !p.startsWith('-')).length;
      return `drwxr-xr-x    2 0 0 4096 Jan 01  2020 ${name(depth)}\r\n`;
    },
  });
}
